import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findOrNotFound, loadForEdit, removedMeanwhile, Tenant, type Actor } from '@app/common';
import { KeyResult, Objective, ObjectiveLink, StrategicGoal } from '@app/database';
import { cycleClosedBy, DomainError } from '@app/domain';
import type { LinkObjectiveInput } from './objective-link.inputs.js';

type TargetField = 'goalId' | 'parentObjectiveId' | 'keyResultId';

/** One row of the organization's alignment graph: a node, its key and one of its parents. */
interface GraphRow {
  node: string;
  key: string;
  parent: string | null;
}

/**
 * Upward links of objectives. The graph of objectives and key results must stay acyclic, counting
 * the ownership edge of every key result to its objective (docs/design.md section 1, links).
 */
@Injectable()
export class ObjectiveLinkService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  link(actor: Actor, input: LinkObjectiveInput): Promise<ObjectiveLink> {
    const [field, targetId] = singleTarget(input);
    if (field === 'parentObjectiveId' && targetId === input.objectiveId) {
      throw DomainError.badInput('input.parentObjectiveId', 'an objective cannot align to itself');
    }
    return this.tenant.run(actor, async (em) => {
      // Serializes link writes per organization: two links that are each safe alone cannot close
      // a cycle together, because the second one sees the first when it reads the graph.
      await this.tenant.lock(em, actor, 'links');
      const objective = await findOrNotFound(em, Objective, 'objective', input.objectiveId);
      await this.assertTarget(em, objective, field, targetId);
      const name = `the link of objective ${objective.key}`;
      const existing = await loadForEdit(
        em,
        ObjectiveLink,
        { objectiveId: objective.id, [field]: targetId },
        input.expectedVersion,
        () => name,
      );
      if (!existing && input.expectedVersion) throw removedMeanwhile(name, input.expectedVersion);
      if (existing) {
        existing.weight = input.weight;
        return em.save(existing);
      }
      // Goals have no upward edges in this graph, so a link to a goal cannot close a cycle.
      if (field !== 'goalId') await this.assertAcyclic(em, objective, field, targetId);
      return em.save(
        em.create(ObjectiveLink, {
          organizationId: actor.organizationId,
          objectiveId: objective.id,
          goalId: null,
          parentObjectiveId: null,
          keyResultId: null,
          [field]: targetId,
          weight: input.weight,
        }),
      );
    });
  }

  unlink(actor: Actor, id: string): Promise<boolean> {
    return this.tenant.run(actor, async (em) => {
      const link = await findOrNotFound(em, ObjectiveLink, 'objective link', id);
      await em.delete(ObjectiveLink, { organizationId: link.organizationId, id: link.id });
      return true;
    });
  }

  /** The target must exist in the caller's organization (row-level security hides the rest). */
  private async assertTarget(
    em: EntityManager,
    objective: Objective,
    field: TargetField,
    targetId: string,
  ): Promise<void> {
    if (field === 'goalId') await findOrNotFound(em, StrategicGoal, 'strategic goal', targetId);
    if (field === 'parentObjectiveId') await findOrNotFound(em, Objective, 'objective', targetId);
    if (field === 'keyResultId') {
      const keyResult = await findOrNotFound(em, KeyResult, 'key result', targetId);
      if (keyResult.objectiveId === objective.id) {
        throw DomainError.badInput(
          'input.keyResultId',
          `${keyResult.key} is a key result of ${objective.key} itself: an objective cannot align to its own key result`,
        );
      }
    }
  }

  /**
   * Refuses the edge objective -> target when a path target -> ... -> objective already exists.
   * The whole graph of the organization comes in one query: every upward link between objectives
   * and key results, and every key result's ownership edge to its objective.
   */
  private async assertAcyclic(
    em: EntityManager,
    objective: Objective,
    field: TargetField,
    targetId: string,
  ): Promise<void> {
    const rows: GraphRow[] = await em.query(
      `SELECT kr.id AS node, kr.key, kr.objective_id AS parent FROM key_results kr
        WHERE kr.organization_id = $1
       UNION ALL
       SELECT o.id, o.key, COALESCE(l.parent_objective_id, l.key_result_id)
         FROM objectives o
         LEFT JOIN objective_links l
           ON l.organization_id = o.organization_id AND l.objective_id = o.id AND l.goal_id IS NULL
        WHERE o.organization_id = $1`,
      [objective.organizationId],
    );
    const parents = new Map<string, string[]>();
    const keys = new Map<string, string>();
    for (const { node, key, parent } of rows) {
      keys.set(node, key);
      if (parent === null) continue;
      const list = parents.get(node);
      if (list) list.push(parent);
      else parents.set(node, [parent]);
    }
    const cycle = cycleClosedBy(objective.id, targetId, (node) => parents.get(node) ?? []);
    if (cycle) {
      const names = cycle.map((node) => keys.get(node) ?? node).join(' -> ');
      throw DomainError.badInput(`input.${field}`, `would close the cycle ${names}`);
    }
  }
}

/** Exactly one of the three target ids must be given. */
function singleTarget(input: LinkObjectiveInput): [TargetField, string] {
  const given = (['goalId', 'parentObjectiveId', 'keyResultId'] as const)
    .map((field) => [field, input[field]] as const)
    .filter((entry): entry is [TargetField, string] => typeof entry[1] === 'string');
  if (given.length !== 1) {
    throw DomainError.badInput(
      'input',
      `give exactly one target: goalId, parentObjectiveId or keyResultId (${given.length} given)`,
    );
  }
  return given[0];
}
