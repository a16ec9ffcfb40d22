import { In, IsNull, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  hydrate,
  organizationOf,
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

/** The live table a scenario value row copies, and the column that names its row there. */
interface LiveRows {
  table: string;
  idColumn: string;
}
const INITIATIVE: LiveRows = { table: 'initiatives', idColumn: 'initiative_id' };
const TEAM: LiveRows = { table: 'teams', idColumn: 'team_id' };

/**
 * One table of scenario values (`entity`) for the scenarios `ids`, in one statement, ordered by
 * the key of the live row each copies (then by `thenBy`, SQL after the key).
 */
async function valuesByLiveKey<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  ids: string[],
  live: LiveRows,
  thenBy = '',
): Promise<T[]> {
  const table = em.connection.getMetadata(entity).tableName;
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT s.* FROM ${table} s
       JOIN ${live.table} l ON l.organization_id = s.organization_id AND l.id = s.${live.idColumn}
      WHERE s.organization_id = $2 AND s.scenario_id = ANY($1::uuid[]) ORDER BY l.key${thenBy}`,
    [ids, organizationOf(em)],
  );
  return hydrate(em, entity, rows);
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
  const initiatives = await valuesByLiveKey(em, PlanScenarioInitiative, ids, INITIATIVE);
  const teams = await valuesByLiveKey(em, PlanScenarioTeam, ids, TEAM);
  const links = await valuesByLiveKey(em, PlanScenarioLink, ids, INITIATIVE, ', s.link_id');
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
