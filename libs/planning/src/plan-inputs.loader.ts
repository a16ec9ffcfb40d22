import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { alignmentContext, type AlignmentContext } from '@app/alignment';
import {
  hydrate,
  Initiative,
  InitiativeDependency,
  organizationOf,
  type Cycle,
  type Team,
} from '@app/database';
import type { OrganizationSettings, PlanInputInitiative, PlanInputs } from '@app/domain';
import { teamsWithSprints } from './plan.queries.js';

/**
 * The plan inputs of a cycle (libs/domain PlanInputs) with what the API shows beside the numbers:
 * the initiative and team rows, the graph's labels and the organization's settings.
 */
export interface LoadedPlan {
  inputs: PlanInputs;
  settings: OrganizationSettings;
  loaded: AlignmentContext['loaded'];
  initiatives: Map<string, Initiative>;
  teams: Map<string, Team>;
}

/**
 * Reads everything the numbers of a cycle's plan need, once, in a constant number of statements
 * whatever the size of the plan or the number of scenarios: the settings and the upper graph, the
 * initiatives (the cycle's, `alsoInitiativeIds` that scenarios name, and both ends of every
 * dependency), the teams with their sprints overlapping the cycle, and the dependencies. The live
 * projection and every scenario run libs/domain planFigures over this value.
 */
export async function loadPlanInputs(
  em: EntityManager,
  actor: Actor,
  cycle: Cycle,
  alsoInitiativeIds: readonly string[] = [],
): Promise<LoadedPlan> {
  const { settings, loaded } = await alignmentContext(em, actor, null);
  const rows: (Record<string, unknown> & { cycle_start: string | null })[] = await em.query(
    `SELECT i.*, to_char(c.start_date, 'YYYY-MM-DD') AS cycle_start
       FROM initiatives i
       LEFT JOIN cycles c ON c.organization_id = i.organization_id AND c.id = i.cycle_id
      WHERE i.organization_id = $3
        AND (i.cycle_id = $1 OR i.id = ANY($2::uuid[])
             OR i.id IN (SELECT d.initiative_id FROM initiative_dependencies d WHERE d.organization_id = $3
                         UNION SELECT d.blocked_by_id FROM initiative_dependencies d WHERE d.organization_id = $3))
      ORDER BY i.key`,
    [cycle.id, [...new Set(alsoInitiativeIds)], organizationOf(em)],
  );
  const entities = hydrate(em, Initiative, rows);
  const teams = await teamsWithSprints(em, cycle);
  const dependencies = await em.find(InitiativeDependency, { order: { id: 'ASC' } });
  return {
    settings,
    loaded,
    initiatives: new Map(entities.map((i) => [i.id, i])),
    teams: new Map(teams.map(({ team }) => [team.id, team])),
    inputs: {
      cycle: { id: cycle.id, start: cycle.startDate, end: cycle.endDate },
      cadenceDays: settings.cadenceDays,
      graph: loaded.graph,
      initiatives: entities.map((i, n): PlanInputInitiative => ({
        id: i.id,
        key: i.key,
        teamId: i.teamId,
        priority: i.priority,
        estimate: i.estimate,
        status: i.status,
        archived: i.archivedAt !== null,
        cycleId: i.cycleId,
        cycleStart: rows[n].cycle_start,
      })),
      teams: teams.map(({ team, sprints }) => ({
        teamId: team.id,
        key: team.key,
        capacityPerSprint: team.capacity,
        sprints,
      })),
      dependencies: dependencies.map(({ id, initiativeId, blockedById }) => ({
        id,
        initiativeId,
        blockedById,
      })),
    },
  };
}
