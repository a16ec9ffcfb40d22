import { In, IsNull, type EntityManager } from 'typeorm';
import {
  hydrate,
  PlanScenario,
  PlanScenarioInitiative,
  PlanScenarioLink,
  PlanScenarioTeam,
  type Cycle,
} from '@app/database';
import type { ScenarioOverrides } from '@app/domain';
import type { ScenarioType } from './scenario.types.js';

/** A scenario with its copied values, as read in one transaction. */
export interface LoadedScenario {
  row: PlanScenario;
  initiatives: PlanScenarioInitiative[];
  teams: PlanScenarioTeam[];
  links: PlanScenarioLink[];
}

/**
 * Scenarios (not deleted) with their values, set-based: four statements whatever their number.
 * `where` is the cycle's scenarios or the given ids; by creation, then name.
 */
export async function loadScenarios(
  em: EntityManager,
  where: { cycleId: string } | { ids: readonly string[] },
): Promise<LoadedScenario[]> {
  const rows = await em.find(PlanScenario, {
    where:
      'cycleId' in where
        ? { cycleId: where.cycleId, deletedAt: IsNull() }
        : { id: In([...where.ids]), deletedAt: IsNull() },
    order: { createdAt: 'ASC', name: 'ASC' },
  });
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const initiatives = hydrate(
    em,
    PlanScenarioInitiative,
    await em.query(
      `SELECT s.* FROM plan_scenario_initiatives s
         JOIN initiatives i ON i.organization_id = s.organization_id AND i.id = s.initiative_id
        WHERE s.scenario_id = ANY($1::uuid[]) ORDER BY i.key`,
      [ids],
    ),
  );
  const teams = hydrate(
    em,
    PlanScenarioTeam,
    await em.query(
      `SELECT s.* FROM plan_scenario_teams s
         JOIN teams t ON t.organization_id = s.organization_id AND t.id = s.team_id
        WHERE s.scenario_id = ANY($1::uuid[]) ORDER BY t.key`,
      [ids],
    ),
  );
  const links = hydrate(
    em,
    PlanScenarioLink,
    await em.query(
      `SELECT s.* FROM plan_scenario_links s
         JOIN initiatives i ON i.organization_id = s.organization_id AND i.id = s.initiative_id
        WHERE s.scenario_id = ANY($1::uuid[]) ORDER BY i.key, s.link_id`,
      [ids],
    ),
  );
  const of = <T extends { scenarioId: string }>(list: T[], id: string) =>
    list.filter((r) => r.scenarioId === id);
  return rows.map((row) => ({
    row,
    initiatives: of(initiatives, row.id),
    teams: of(teams, row.id),
    links: of(links, row.id),
  }));
}

/** A scenario's values as libs/domain applyScenario takes them. */
export function overridesOf(scenario: LoadedScenario): ScenarioOverrides {
  return {
    initiatives: scenario.initiatives.map(({ initiativeId, included, estimate, priority }) => ({
      initiativeId,
      included,
      estimate,
      priority,
    })),
    teams: scenario.teams.map(({ teamId, capacityPerSprint }) => ({ teamId, capacityPerSprint })),
    links: scenario.links.map(({ initiativeId, keyResultId, objectiveId, weight }) => ({
      initiativeId,
      keyResultId,
      objectiveId,
      weight,
    })),
  };
}

/** The API's shape of a loaded scenario. */
export function toScenarioType(scenario: LoadedScenario, cycle: Cycle): ScenarioType {
  const { row } = scenario;
  return {
    id: row.id,
    name: row.name,
    cycle,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    promotedAt: row.promotedAt,
    version: row.version,
    initiatives: scenario.initiatives,
    teams: scenario.teams,
    links: scenario.links,
  };
}
