import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { Organization, type Cycle, type Initiative } from '@app/database';
import { capacityPlan, resolveSettings, sprintsInCycle } from '@app/domain';
import { teamsWithSprints } from './plan.queries.js';
import type { TeamCapacityType } from './planning.types.js';

/**
 * docs/design.md 3, capacity: each team's sprints in the cycle counted by libs/domain
 * sprintsInCycle (dated sprints by their share of days inside, the rest of the cycle by the
 * organization's cadence). Teams with no sprint overlapping the cycle and nothing planned for it
 * are left out: they have capacity by cadence, but nothing to weigh it against.
 */
export async function capacityIn(
  em: EntityManager,
  actor: Actor,
  cycle: Cycle,
  initiatives: Initiative[],
): Promise<TeamCapacityType[]> {
  const org = await em.findOneOrFail(Organization, { where: { id: actor.organizationId } });
  const { cadenceDays } = resolveSettings(org.settings);
  const range = { start: cycle.startDate, end: cycle.endDate };
  const teams = (await teamsWithSprints(em, cycle))
    .filter(
      ({ team, sprints }) => sprints.length > 0 || initiatives.some((i) => i.teamId === team.id),
    )
    .map(({ team, sprints }) => ({ team, ...sprintsInCycle(range, sprints, cadenceDays) }));
  const byId = new Map(initiatives.map((i) => [i.id, i]));
  const plan = capacityPlan(
    teams.map(({ team, sprintEquivalents }) => ({
      teamId: team.id,
      capacityPerSprint: team.capacity,
      sprintEquivalents,
    })),
    initiatives,
  );
  return plan.map((row, i) => ({
    team: teams[i].team,
    capacityPerSprint: teams[i].team.capacity,
    sprints: teams[i].overlapping,
    sprintEquivalents: teams[i].sprintEquivalents,
    expectedSprints: teams[i].expectedSprints,
    capacity: row.capacity,
    demand: row.demand,
    overCommitted: row.overCommitted,
    lines: row.lines.map((line) => ({ ...line, initiative: byId.get(line.initiativeId)! })),
  }));
}
