import { In, IsNull, type EntityManager } from 'typeorm';
import { Cycle, hydrate, KeyResult, Objective, Team } from '@app/database';
import { DomainError, type DateRange } from '@app/domain';

/**
 * A cycle by key, NOT_FOUND naming it; `lock` holds its row until the transaction ends (a state
 * change: the second of two concurrent ones then sees the first's result).
 */
export async function cycleByKey(em: EntityManager, key: string, lock = false): Promise<Cycle> {
  const cycle = await em.findOne(Cycle, {
    where: { key },
    ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
  });
  if (!cycle) throw DomainError.notFound('cycle', `with key "${key}"`);
  return cycle;
}

/**
 * Non-archived teams with the dates of their (non-archived) sprints overlapping the cycle, in one
 * statement; libs/domain sprintsInCycle counts them.
 */
export async function teamsWithSprints(
  em: EntityManager,
  cycle: Cycle,
): Promise<{ team: Team; sprints: DateRange[] }[]> {
  const rows: (Record<string, unknown> & { sprint_dates: DateRange[] })[] = await em.query(
    `SELECT t.*, coalesce((SELECT json_agg(json_build_object('start', s.start_date, 'end', s.end_date)
                                           ORDER BY s.start_date)
                             FROM sprints s
                            WHERE s.organization_id = t.organization_id AND s.team_id = t.id
                              AND s.archived_at IS NULL AND s.start_date <= $2 AND s.end_date >= $1),
                          '[]'::json) AS sprint_dates
       FROM teams t WHERE t.organization_id = $3 AND t.archived_at IS NULL ORDER BY t.key`,
    [cycle.startDate, cycle.endDate, cycle.organizationId],
  );
  const teams = hydrate(em, Team, rows);
  return teams.map((team, i) => ({ team, sprints: rows[i].sprint_dates }));
}

/** The cycle's objectives and their non-archived key results. */
export async function cycleTree(
  em: EntityManager,
  cycleId: string,
): Promise<{ objectives: Objective[]; keyResults: KeyResult[] }> {
  const objectives = await em.find(Objective, { where: { cycleId }, order: { key: 'ASC' } });
  const keyResults = objectives.length
    ? await em.find(KeyResult, {
        where: { objectiveId: In(objectives.map((o) => o.id)), archivedAt: IsNull() },
        order: { key: 'ASC' },
      })
    : [];
  return { objectives, keyResults };
}
