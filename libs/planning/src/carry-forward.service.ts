import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { KeyResult, Objective, ObjectiveLink } from '@app/database';
import { carriedKey, DomainError, objectiveProgress } from '@app/domain';
import { assertDraft } from './cycle-guards.js';
import { cycleByKey, cycleTree } from './plan.queries.js';
import type { CarryForwardInput } from './planning.inputs.js';

/** docs/design.md 3, drafting a cycle: carrying the unfinished objectives of another into it. */
@Injectable()
export class CarryForwardService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /**
   * Copies objectives of one cycle into a DRAFT cycle with their key results (keys
   * `<old key>@<cycle key>`, origin remembered) and upward links (a link to another carried
   * objective or key result points to its copy), and moves the initiative links of the carried key
   * results to the copies.
   */
  carryForward(actor: Actor, input: CarryForwardInput): Promise<Objective[]> {
    return this.tenant.run(actor, async (em) => {
      const from = await cycleByKey(em, input.fromCycleKey);
      const to = await cycleByKey(em, input.toCycleKey);
      if (to.id === from.id) {
        throw DomainError.badInput('input.toCycleKey', 'must differ from fromCycleKey');
      }
      assertDraft(to, 'input.toCycleKey');
      const { objectives, keyResults } = await cycleTree(em, from.id);
      const krsOf = (objectiveId: string) =>
        keyResults.filter((k) => k.objectiveId === objectiveId);
      let chosen: Objective[];
      if (input.objectiveKeys) {
        chosen = input.objectiveKeys.map((key) => {
          const objective = objectives.find((o) => o.key === key);
          if (!objective)
            throw DomainError.notFound('objective', `"${key}" in cycle "${from.key}"`);
          return objective;
        });
      } else {
        // Unfinished: ACTIVE and not at full progress (no key results yet counts as unfinished).
        chosen = objectives.filter(
          (o) => o.status === 'ACTIVE' && (objectiveProgress(krsOf(o.id)) ?? 0) < 1,
        );
      }
      if (!chosen.length) return [];
      const carriedKrs = chosen.flatMap((o) => krsOf(o.id));
      await assertKeysFree(
        em,
        Objective,
        'an objective',
        chosen.map((o) => carriedKey(o.key, to.key)),
      );
      await assertKeysFree(
        em,
        KeyResult,
        'a key result',
        carriedKrs.map((k) => carriedKey(k.key, to.key)),
      );

      const objectiveCopies = await em.save(
        chosen.map((o) =>
          em.create(Objective, {
            organizationId: actor.organizationId,
            key: carriedKey(o.key, to.key),
            cycleId: to.id,
            teamId: o.teamId,
            title: o.title,
            description: o.description,
            status: 'ACTIVE',
            originObjectiveId: o.id,
          }),
        ),
      );
      const objectiveCopy = new Map(chosen.map((o, i) => [o.id, objectiveCopies[i].id]));
      const krCopies = await em.save(
        carriedKrs.map((k) =>
          em.create(KeyResult, {
            organizationId: actor.organizationId,
            key: carriedKey(k.key, to.key),
            objectiveId: objectiveCopy.get(k.objectiveId)!,
            title: k.title,
            kind: k.kind,
            direction: k.direction,
            start: k.start,
            target: k.target,
            current: k.current,
            unit: k.unit,
            weight: k.weight,
            confidence: k.confidence,
            originKeyResultId: k.id,
          }),
        ),
      );
      const krCopy = new Map(carriedKrs.map((k, i) => [k.id, krCopies[i].id]));

      const links = await em.find(ObjectiveLink, {
        where: { objectiveId: In([...objectiveCopy.keys()]) },
      });
      await em.save(
        links.map((l) =>
          em.create(ObjectiveLink, {
            organizationId: actor.organizationId,
            objectiveId: objectiveCopy.get(l.objectiveId)!,
            goalId: l.goalId,
            parentObjectiveId: l.parentObjectiveId
              ? (objectiveCopy.get(l.parentObjectiveId) ?? l.parentObjectiveId)
              : null,
            keyResultId: l.keyResultId ? (krCopy.get(l.keyResultId) ?? l.keyResultId) : null,
            weight: l.weight,
          }),
        ),
      );
      if (krCopy.size) {
        await em.query(
          `UPDATE initiative_links l SET key_result_id = m.new_id, updated_at = now()
             FROM jsonb_to_recordset($2::jsonb) AS m(old_id uuid, new_id uuid)
            WHERE l.organization_id = $1 AND l.key_result_id = m.old_id`,
          [
            actor.organizationId,
            JSON.stringify([...krCopy].map(([oldId, newId]) => ({ old_id: oldId, new_id: newId }))),
          ],
        );
      }
      return objectiveCopies;
    });
  }
}

async function assertKeysFree(
  em: EntityManager,
  target: typeof Objective | typeof KeyResult,
  what: string,
  keys: string[],
): Promise<void> {
  if (!keys.length) return;
  const taken = await em.findOne(target, { where: { key: In(keys) } });
  if (taken) throw DomainError.conflict(`${what} with key "${taken.key}" already exists`);
}
