import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { Initiative, InitiativeLink, Team, type Cycle } from '@app/database';
import { applyScenario, DomainError, planFigures, sharesAgainstPlan } from '@app/domain';
import { planView, type PlanView } from '../plan-figures.js';
import { loadPlanInputs } from '../plan-inputs.loader.js';
import { cycleByKey } from '../plan.queries.js';
import { assertDraft } from '../cycle-guards.js';
import type { PlanningSessionType } from '../planning.types.js';
import {
  loadScenarios,
  overridesOf,
  toScenarioType,
  type LoadedScenario,
} from './scenario.queries.js';
import { scenarioForEdit } from './scenario.service.js';
import type { ScenarioColumnType, ScenarioComparisonType } from './scenario.types.js';

/** Conflicts a promote names before it gives up the rest (the first ones tell what happened). */
const NAMED_CONFLICTS = 10;

/**
 * docs/design.md 3, scenarios against the plan: the comparison (the live plan and each scenario
 * through the same libs/domain functions over one read of the plan inputs) and the promotion of a
 * scenario into the live plan.
 */
@Injectable()
export class ScenarioPlanService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /**
   * The live plan and up to three scenarios side by side, from one snapshot in a constant number
   * of statements: the scenarios and their values (four), the plan inputs once (the scenarios'
   * added initiatives included), then only computation.
   */
  compare(actor: Actor, cycleKey: string, scenarioIds: string[]): Promise<ScenarioComparisonType> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await cycleByKey(em, cycleKey);
      const loaded = await loadScenarios(em, { ids: scenarioIds });
      const scenarios = scenarioIds.map((id, n) => {
        const scenario = loaded.find((s) => s.row.id === id);
        if (!scenario || scenario.row.cycleId !== cycle.id)
          throw DomainError.badInput(
            `scenarioIds.${n}`,
            `no scenario ${id} of cycle "${cycle.key}"`,
          );
        return scenario;
      });
      const plan = await loadPlanInputs(
        em,
        actor,
        cycle,
        scenarios.flatMap((s) => s.initiatives.map((i) => i.initiativeId)),
      );
      const mix = plan.settings.horizonTargetMix;
      const live = planView(plan, planFigures(plan.inputs, mix));
      const column = (label: string, view: PlanView, scenario: LoadedScenario | null) =>
        columnOf(label, view, live, scenario ? toScenarioType(scenario, cycle) : null);
      return {
        cycle,
        columns: [
          column('plan', live, null),
          ...scenarios.map((s) =>
            column(
              s.row.name,
              planView(plan, planFigures(applyScenario(plan.inputs, overridesOf(s)), mix)),
              s,
            ),
          ),
        ],
      };
    });
  }

  /**
   * Writes a scenario's values into the live plan in one transaction: included initiatives get
   * its estimate and priority and this cycle, excluded ones of this cycle leave it, teams get its
   * capacities, links its weights. The live rows are written as every edit writes them (their
   * versions move, the audit records the change, the cycle's plan revision tells the live views).
   * Refused with CONFLICT, nothing written, when any of them changed since the fork (its version
   * is not the one copied), a link was removed, or an initiative joined the cycle meanwhile.
   */
  promote(actor: Actor, id: string, expectedVersion: number): Promise<PlanningSessionType> {
    return this.tenant.run(actor, async (em) => {
      const { scenario, cycle } = await scenarioForEdit(em, id, expectedVersion);
      assertDraft(cycle, 'id');
      const [loaded] = await loadScenarios(em, { ids: [scenario.id] });
      await assertUnchangedSinceFork(em, loaded, cycle);
      const args = [scenario.id, cycle.id, actor.organizationId];
      await em.query(
        `UPDATE initiatives i
            SET estimate = s.estimate, priority = s.priority,
                cycle_id = CASE WHEN s.included THEN $2::uuid ELSE NULL END, updated_at = now()
           FROM plan_scenario_initiatives s
          WHERE i.organization_id = $3 AND s.organization_id = i.organization_id AND s.initiative_id = i.id
            AND s.scenario_id = $1 AND (s.included OR i.cycle_id = $2)
            AND (i.estimate, i.priority, i.cycle_id)
                IS DISTINCT FROM (s.estimate, s.priority, CASE WHEN s.included THEN $2::uuid END)`,
        args,
      );
      await em.query(
        `UPDATE teams t SET capacity = s.capacity_per_sprint, updated_at = now()
           FROM plan_scenario_teams s
          WHERE t.organization_id = $2 AND s.organization_id = t.organization_id AND s.team_id = t.id
            AND s.scenario_id = $1 AND t.capacity IS DISTINCT FROM s.capacity_per_sprint`,
        [scenario.id, actor.organizationId],
      );
      await em.query(
        `UPDATE initiative_links l SET weight = s.weight, updated_at = now()
           FROM plan_scenario_links s
          WHERE l.organization_id = $2 AND s.organization_id = l.organization_id AND s.link_id = l.id
            AND s.scenario_id = $1 AND l.weight IS DISTINCT FROM s.weight`,
        [scenario.id, actor.organizationId],
      );
      scenario.promotedAt = new Date();
      await em.save(scenario);
      const plan = await loadPlanInputs(em, actor, cycle);
      const { projected, capacity } = planView(
        plan,
        planFigures(plan.inputs, plan.settings.horizonTargetMix),
      );
      return { cycle, projected, capacity };
    });
  }
}

function columnOf(
  label: string,
  view: PlanView,
  live: PlanView,
  scenario: ScenarioColumnType['scenario'],
): ScenarioColumnType {
  const deltas = sharesAgainstPlan(view.projected, live.projected);
  return {
    label,
    scenario,
    projected: view.projected,
    capacity: view.capacity,
    plannedEffort: view.figures.plannedEffort,
    unestimatedInitiatives: view.projected.unestimatedInitiatives,
    shareDeltas: deltas.goals,
    horizonDeltas: deltas.horizons,
  };
}

/**
 * CONFLICT naming what changed in the live plan since the scenario was forked: its initiatives,
 * teams and links (each read FOR NO KEY UPDATE, so nothing moves until the promote commits), and
 * initiatives of the cycle's plan the scenario does not hold.
 */
async function assertUnchangedSinceFork(
  em: EntityManager,
  scenario: LoadedScenario,
  cycle: Cycle,
): Promise<void> {
  const lock = { mode: 'for_no_key_update' as const };
  const changed: string[] = [];
  const initiatives = await em.find(Initiative, {
    where: [{ id: In(scenario.initiatives.map((i) => i.initiativeId)) }, { cycleId: cycle.id }],
    order: { key: 'ASC' },
    lock,
  });
  const held = new Map(scenario.initiatives.map((i) => [i.initiativeId, i]));
  for (const initiative of initiatives) {
    const own = held.get(initiative.id);
    if (own && own.baseVersion !== initiative.version)
      changed.push(`initiative ${initiative.key} changed since the scenario was forked`);
    const planned = !initiative.archivedAt && initiative.status !== 'CANCELLED';
    if (!own && initiative.cycleId === cycle.id && planned)
      changed.push(`initiative ${initiative.key} joined the cycle since the scenario was forked`);
  }
  const teams = scenario.teams.length
    ? await em.find(Team, {
        where: { id: In(scenario.teams.map((t) => t.teamId)) },
        order: { key: 'ASC' },
        lock,
      })
    : [];
  const teamBase = new Map(scenario.teams.map((t) => [t.teamId, t.baseVersion]));
  for (const team of teams) {
    if (teamBase.get(team.id) !== team.version)
      changed.push(`team ${team.key} changed since the scenario was forked`);
  }
  const links = scenario.links.length
    ? await em.find(InitiativeLink, {
        where: { id: In(scenario.links.map((l) => l.linkId)) },
        lock,
      })
    : [];
  const keyOf = new Map(initiatives.map((i) => [i.id, i.key]));
  for (const own of scenario.links) {
    const link = links.find((l) => l.id === own.linkId);
    const name = `the link of initiative ${keyOf.get(own.initiativeId) ?? own.initiativeId}`;
    if (!link) changed.push(`${name} was removed since the scenario was forked`);
    else if (link.version !== own.baseVersion)
      changed.push(`${name} changed since the scenario was forked`);
  }
  if (changed.length) {
    const more = changed.length - NAMED_CONFLICTS;
    throw DomainError.conflict(
      `the plan changed since scenario "${scenario.row.name}" was forked, so promoting it would overwrite those changes: ${changed
        .slice(0, NAMED_CONFLICTS)
        .join(
          '; ',
        )}${more > 0 ? `; and ${more} more` : ''}. Fork a new scenario from the plan as it is now`,
    );
  }
}
