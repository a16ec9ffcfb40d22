import { Inject, Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { loadForEdit, Tenant, type Actor } from '@app/common';
import {
  Cycle,
  Initiative,
  InitiativeLink,
  PlanScenario,
  Team,
  type PlanScenarioInitiative,
} from '@app/database';
import { DomainError, MAX_SCENARIOS } from '@app/domain';
import { cycleByKey } from '../plan.queries.js';
import { assertDraft } from '../cycle-guards.js';
import type { ForkScenarioInput, UpdateScenarioInput } from './scenario.inputs.js';
import { loadScenarios, toScenarioType, type LoadedScenario } from './scenario.queries.js';
import type { ScenarioType } from './scenario.types.js';

/**
 * docs/design.md 3, scenarios: forked from a DRAFT cycle's plan (or from another scenario) as a
 * full copy of its adjustable values, edited apart from the live tree, deleted. Each operation is
 * one tenant transaction; a failed one writes nothing.
 */
@Injectable()
export class ScenarioService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  list(actor: Actor, cycleKey: string): Promise<ScenarioType[]> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await cycleByKey(em, cycleKey);
      return (await loadScenarios(em, { cycleId: cycle.id })).map((s) => toScenarioType(s, cycle));
    });
  }

  get(actor: Actor, id: string): Promise<ScenarioType | null> {
    return this.tenant.snapshot(actor, async (em) => {
      const [scenario] = await loadScenarios(em, { ids: [id] });
      if (!scenario) return null;
      const cycle = await em.findOneByOrFail(Cycle, { id: scenario.row.cycleId });
      return toScenarioType(scenario, cycle);
    });
  }

  /**
   * A new scenario of a DRAFT cycle: a copy of the live plan's values (its planned initiatives
   * in, every team's capacity, the weights of their links) or of another scenario of the cycle,
   * each row with the live row's version (a copy of a scenario keeps that scenario's versions: it
   * was forked from the same plan). The cycle's row is held, so two forks never pass the
   * 20-scenario bound or take one name together.
   */
  fork(actor: Actor, input: ForkScenarioInput): Promise<ScenarioType> {
    return this.tenant.run(actor, async (em) => {
      const cycle = await cycleByKey(em, input.cycleKey, true);
      assertDraft(cycle, 'input.cycleKey');
      const count = await em.count(PlanScenario, {
        where: { cycleId: cycle.id, deletedAt: IsNull() },
      });
      if (count >= MAX_SCENARIOS) {
        throw DomainError.badInput(
          'input.cycleKey',
          `cycle "${cycle.key}" already has ${MAX_SCENARIOS} scenarios (at most ${MAX_SCENARIOS}): delete one first`,
        );
      }
      const name = input.name.trim();
      await assertNameFree(em, cycle, name, 'input.name');
      let from: LoadedScenario | null = null;
      if (input.fromScenarioId) {
        [from] = await loadScenarios(em, { ids: [input.fromScenarioId] });
        if (!from || from.row.cycleId !== cycle.id)
          throw DomainError.notFound('scenario', `${input.fromScenarioId} of cycle "${cycle.key}"`);
      }
      const scenario = await em.save(
        em.create(PlanScenario, {
          organizationId: actor.organizationId,
          cycleId: cycle.id,
          name,
          createdBy: actor.userId,
        }),
      );
      const args = [actor.organizationId, scenario.id];
      if (from) {
        for (const [table, columns] of COPIED) {
          await em.query(
            `INSERT INTO ${table} (organization_id, scenario_id, ${columns})
             SELECT $1, $2, ${columns} FROM ${table} WHERE scenario_id = $3`,
            [...args, from.row.id],
          );
        }
      } else {
        await em.query(
          `INSERT INTO plan_scenario_initiatives (organization_id, scenario_id, initiative_id, included, estimate, priority, base_version)
           SELECT $1, $2, i.id, true, i.estimate, i.priority, i.version FROM initiatives i
            WHERE i.organization_id = $1 AND i.cycle_id = $3 AND i.archived_at IS NULL AND i.status <> 'CANCELLED'`,
          [...args, cycle.id],
        );
        await em.query(
          `INSERT INTO plan_scenario_teams (organization_id, scenario_id, team_id, capacity_per_sprint, base_version)
           SELECT $1, $2, t.id, t.capacity, t.version FROM teams t
            WHERE t.organization_id = $1 AND t.archived_at IS NULL`,
          args,
        );
        await em.query(
          `INSERT INTO plan_scenario_links (organization_id, scenario_id, link_id, initiative_id, key_result_id, objective_id, weight, base_version)
           SELECT $1, $2, l.id, l.initiative_id, l.key_result_id, l.objective_id, l.weight, l.version
             FROM initiative_links l JOIN plan_scenario_initiatives s
               ON s.organization_id = l.organization_id AND s.initiative_id = l.initiative_id
            WHERE s.organization_id = $1 AND s.scenario_id = $2`,
          args,
        );
      }
      return this.reload(em, scenario.id, cycle);
    });
  }

  /**
   * Edits a scenario's values, all or nothing: an error names the field (`input.initiatives.2.
   * initiativeId`) and nothing is written. An initiative not yet in the scenario joins it (in, at
   * its live estimate and priority unless given) when it is not archived and is in no cycle or in
   * this one; a team or link without a row gets one, with the live row's version as its base.
   */
  update(actor: Actor, input: UpdateScenarioInput): Promise<ScenarioType> {
    return this.tenant.run(actor, async (em) => {
      const { scenario, cycle } = await scenarioForEdit(em, input.id, input.expectedVersion);
      assertDraft(cycle, 'input.id');
      if (input.name !== undefined && input.name.trim() !== scenario.name) {
        await assertNameFree(em, cycle, input.name.trim(), 'input.name');
        scenario.name = input.name.trim();
      }
      const [loaded] = await loadScenarios(em, { ids: [scenario.id] });
      const args = [actor.organizationId, scenario.id];

      const initiatives = input.initiatives ?? [];
      assertDistinct(initiatives, (i) => i.initiativeId, 'input.initiatives', 'initiativeId');
      const own = new Map(loaded.initiatives.map((r) => [r.initiativeId, r]));
      const live = await byIds(
        em,
        Initiative,
        initiatives.map((i) => i.initiativeId),
      );
      const initiativeRows = initiatives.map((change, n) => {
        const field = `input.initiatives.${n}.initiativeId`;
        const row = live.get(change.initiativeId);
        if (!row) throw DomainError.badInput(field, 'no such initiative');
        const current: Partial<PlanScenarioInitiative> | undefined = own.get(row.id);
        if (!current) {
          if (row.archivedAt)
            throw DomainError.badInput(field, `initiative ${row.key} is archived`);
          if (row.cycleId && row.cycleId !== cycle.id) {
            throw DomainError.badInput(
              field,
              `initiative ${row.key} is planned for another cycle: only initiatives in no cycle or in "${cycle.key}" can join its scenarios`,
            );
          }
        }
        return {
          initiative_id: row.id,
          included: change.included ?? current?.included ?? true,
          estimate:
            change.estimate !== undefined ? change.estimate : (current?.estimate ?? row.estimate),
          priority: change.priority ?? current?.priority ?? row.priority,
          base_version: current?.baseVersion ?? row.version,
        };
      });

      const teams = input.teams ?? [];
      assertDistinct(teams, (t) => t.teamId, 'input.teams', 'teamId');
      const liveTeams = await byIds(
        em,
        Team,
        teams.map((t) => t.teamId),
      );
      const ownTeams = new Map(loaded.teams.map((r) => [r.teamId, r]));
      const teamRows = teams.map((change, n) => {
        const row = liveTeams.get(change.teamId);
        if (!row || (row.archivedAt && !ownTeams.has(change.teamId)))
          throw DomainError.badInput(`input.teams.${n}.teamId`, 'no such team');
        return {
          team_id: row.id,
          capacity_per_sprint: change.capacityPerSprint,
          base_version: ownTeams.get(row.id)?.baseVersion ?? row.version,
        };
      });

      const links = input.links ?? [];
      const linkKey = (l: {
        initiativeId: string;
        keyResultId?: string | null;
        objectiveId?: string | null;
      }) => `${l.initiativeId}:${l.keyResultId ?? ''}:${l.objectiveId ?? ''}`;
      assertDistinct(links, linkKey, 'input.links', 'initiativeId');
      links.forEach((l, n) => {
        if ((l.keyResultId ? 1 : 0) + (l.objectiveId ? 1 : 0) !== 1)
          throw DomainError.badInput(
            `input.links.${n}.keyResultId`,
            'give exactly one of keyResultId or objectiveId',
          );
      });
      const liveLinks = links.length
        ? await em.find(InitiativeLink, {
            where: { initiativeId: In([...new Set(links.map((l) => l.initiativeId))]) },
          })
        : [];
      const ownLinks = new Map(loaded.links.map((r) => [r.linkId, r]));
      const linkRows = links.map((change, n) => {
        const row = liveLinks.find((l) => linkKey(l) === linkKey(change));
        if (!row) {
          throw DomainError.badInput(
            `input.links.${n}.${change.keyResultId ? 'keyResultId' : 'objectiveId'}`,
            'the initiative has no link to it (a scenario weighs the links that exist)',
          );
        }
        return {
          link_id: row.id,
          initiative_id: row.initiativeId,
          key_result_id: row.keyResultId,
          objective_id: row.objectiveId,
          weight: change.weight,
          base_version: ownLinks.get(row.id)?.baseVersion ?? row.version,
        };
      });

      if (initiativeRows.length) {
        await em.query(
          `INSERT INTO plan_scenario_initiatives (organization_id, scenario_id, initiative_id, included, estimate, priority, base_version)
           SELECT $1, $2, r.initiative_id, r.included, r.estimate, r.priority, r.base_version
             FROM jsonb_to_recordset($3::jsonb) AS r(initiative_id uuid, included boolean, estimate numeric, priority text, base_version int)
           ON CONFLICT (organization_id, scenario_id, initiative_id) DO UPDATE
             SET included = EXCLUDED.included, estimate = EXCLUDED.estimate, priority = EXCLUDED.priority`,
          [...args, JSON.stringify(initiativeRows)],
        );
      }
      if (teamRows.length) {
        await em.query(
          `INSERT INTO plan_scenario_teams (organization_id, scenario_id, team_id, capacity_per_sprint, base_version)
           SELECT $1, $2, r.team_id, r.capacity_per_sprint, r.base_version
             FROM jsonb_to_recordset($3::jsonb) AS r(team_id uuid, capacity_per_sprint numeric, base_version int)
           ON CONFLICT (organization_id, scenario_id, team_id) DO UPDATE
             SET capacity_per_sprint = EXCLUDED.capacity_per_sprint`,
          [...args, JSON.stringify(teamRows)],
        );
      }
      if (linkRows.length) {
        await em.query(
          `INSERT INTO plan_scenario_links (organization_id, scenario_id, link_id, initiative_id, key_result_id, objective_id, weight, base_version)
           SELECT $1, $2, r.link_id, r.initiative_id, r.key_result_id, r.objective_id, r.weight, r.base_version
             FROM jsonb_to_recordset($3::jsonb) AS r(link_id uuid, initiative_id uuid, key_result_id uuid, objective_id uuid, weight numeric, base_version int)
           ON CONFLICT (organization_id, scenario_id, link_id) DO UPDATE SET weight = EXCLUDED.weight`,
          [...args, JSON.stringify(linkRows)],
        );
      }
      // a real change of the row, so the database bumps the scenario's version with its values
      scenario.editedAt = new Date();
      await em.save(scenario);
      return this.reload(em, scenario.id, cycle);
    });
  }

  /** Deletes a scenario (marked, so its name is free again); any cycle state. */
  delete(actor: Actor, id: string, expectedVersion: number): Promise<boolean> {
    return this.tenant.run(actor, async (em) => {
      const { scenario } = await scenarioForEdit(em, id, expectedVersion);
      scenario.deletedAt = new Date();
      await em.save(scenario);
      return true;
    });
  }

  private async reload(em: EntityManager, id: string, cycle: Cycle): Promise<ScenarioType> {
    const [scenario] = await loadScenarios(em, { ids: [id] });
    return toScenarioType(scenario, cycle);
  }
}

/** The columns a copy of a scenario takes over, per table (its base versions included). */
const COPIED: [string, string][] = [
  ['plan_scenario_initiatives', 'initiative_id, included, estimate, priority, base_version'],
  ['plan_scenario_teams', 'team_id, capacity_per_sprint, base_version'],
  [
    'plan_scenario_links',
    'link_id, initiative_id, key_result_id, objective_id, weight, base_version',
  ],
];

/**
 * The scenario a write changes, locked and at the version the caller read (CONFLICT otherwise),
 * with its cycle; NOT_FOUND for a deleted one or one of another organization.
 */
export async function scenarioForEdit(
  em: EntityManager,
  id: string,
  expectedVersion: number,
): Promise<{ scenario: PlanScenario; cycle: Cycle }> {
  const scenario = await loadForEdit(
    em,
    PlanScenario,
    { id, deletedAt: IsNull() },
    expectedVersion,
    (s) => `scenario "${s.name}"`,
  );
  if (!scenario) throw DomainError.notFound('scenario', id);
  const cycle = await em.findOneOrFail(Cycle, {
    where: { id: scenario.cycleId },
    lock: { mode: 'for_no_key_update' },
  });
  return { scenario, cycle };
}

async function assertNameFree(
  em: EntityManager,
  cycle: Cycle,
  name: string,
  field: string,
): Promise<void> {
  const taken = await em.count(PlanScenario, {
    where: { cycleId: cycle.id, name, deletedAt: IsNull() },
  });
  if (taken)
    throw DomainError.badInput(
      field,
      `cycle "${cycle.key}" already has a scenario named "${name}"`,
    );
}

/** BAD_USER_INPUT naming the second item of a list that repeats an earlier one. */
function assertDistinct<T>(
  list: readonly T[],
  key: (item: T) => string,
  path: string,
  field: string,
) {
  const seen = new Map<string, number>();
  list.forEach((item, n) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined)
      throw DomainError.badInput(`${path}.${n}.${field}`, `repeats ${path}.${first}`);
    seen.set(k, n);
  });
}

async function byIds<T extends Initiative | Team>(
  em: EntityManager,
  target: new () => T,
  ids: string[],
): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  const rows = (await em.find(target, { where: { id: In(ids) } as never })) as T[];
  return new Map(rows.map((r) => [r.id, r]));
}
