import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import type { EffortGroup, WorkType } from '@app/domain';
import { COUNTED_TICKET, ticketEffortSql } from './counted-tickets.sql.js';
import { scopeCondition, type ResolvedScope } from './scope.js';

export interface ScopedGroups {
  groups: EffortGroup[];
  /** effort per ticket work type, for the work-type view */
  workTypes: Map<WorkType, number>;
}

/**
 * The one statement that reads the tickets (docs/design.md 6): the scope's tickets aggregated by their
 * set of (initiative, weight), kept on each ticket by the database (tickets.initiative_set), and
 * their work type: one scan of the tickets, no join. Effort follows libs/domain ticketEffort: COUNT is 1,
 * POINTS is the points or the organization's unestimated points.
 */
export async function effortGroups(
  em: EntityManager,
  scope: ResolvedScope,
  unestimatedPoints: number,
): Promise<ScopedGroups> {
  const params: unknown[] = [scope.measure === 'COUNT', unestimatedPoints];
  const rows: GroupRow[] = await em.query(
    `SELECT t.initiative_set AS links, t.work_type, count(*)::int AS tickets,
            (count(*) FILTER (WHERE t.points IS NULL))::int AS unestimated,
            sum(${ticketEffortSql('$1', '$2')}) AS effort
       FROM tickets t WHERE ${scopeCondition(scope, params)}
      GROUP BY t.initiative_set, t.work_type`,
    params,
  );
  return toScopedGroups(rows);
}

/**
 * The same aggregation for many trend points at once, each point's scope being the tickets that were
 * in any of its sprints (history included), as `sprintKeys` scopes them (scopeCondition): one
 * statement, grouped by point as well. A ticket in two sprints of one point counts once there.
 */
export async function effortGroupsBySprintSet(
  em: EntityManager,
  sprintSets: ReadonlyMap<string, readonly string[]>,
  measure: ResolvedScope['measure'],
  unestimatedPoints: number,
): Promise<Map<string, ScopedGroups>> {
  const points: string[] = [];
  const sprintIds: string[] = [];
  for (const [point, ids] of sprintSets) {
    for (const id of ids) {
      points.push(point);
      sprintIds.push(id);
    }
  }
  const rows: (GroupRow & { point: string })[] = await em.query(
    `SELECT p.point, t.initiative_set AS links, t.work_type, count(*)::int AS tickets,
            (count(*) FILTER (WHERE t.points IS NULL))::int AS unestimated,
            sum(${ticketEffortSql('$1', '$2')}) AS effort
       FROM (SELECT DISTINCT m.point, ts.ticket_id
               FROM unnest($3::text[], $4::uuid[]) AS m(point, sprint_id)
               JOIN ticket_sprints ts ON ts.organization_id = $5 AND ts.sprint_id = m.sprint_id) p
       JOIN tickets t ON t.organization_id = $5 AND t.id = p.ticket_id
      WHERE ${COUNTED_TICKET}
      GROUP BY p.point, t.initiative_set, t.work_type`,
    [measure === 'COUNT', unestimatedPoints, points, sprintIds, organizationOf(em)],
  );
  const byPoint = new Map<string, GroupRow[]>([...sprintSets.keys()].map((point) => [point, []]));
  for (const row of rows) byPoint.get(row.point)?.push(row);
  return new Map([...byPoint].map(([point, pointRows]) => [point, toScopedGroups(pointRows)]));
}

interface GroupRow {
  /** tickets.initiative_set: "<initiative id>=<weight>;..." ('' for none) */
  links: string;
  work_type: WorkType;
  tickets: number;
  unestimated: number;
  /**
   * The numeric sum as text, made a number here: a float8 cast in SQL would fail the whole
   * statement on a stored number outside the bounds (22003), where libs/domain names the cause.
   */
  effort: string | number;
}

/** Rows per (set, work type) -> one flow group per set of initiatives, plus work-type totals. */
function toScopedGroups(rows: GroupRow[]): ScopedGroups {
  const bySet = new Map<string, EffortGroup & { initiatives: { id: string; weight: number }[] }>();
  const workTypes = new Map<WorkType, number>();
  for (const row of rows) {
    const r = { ...row, effort: Number(row.effort) };
    workTypes.set(r.work_type, (workTypes.get(r.work_type) ?? 0) + r.effort);
    const group = bySet.get(r.links);
    if (group) {
      group.effort += r.effort;
      group.tickets += r.tickets;
      group.unestimated += r.unestimated;
    } else {
      bySet.set(r.links, {
        initiatives: parseInitiativeSet(r.links),
        effort: r.effort,
        tickets: r.tickets,
        unestimated: r.unestimated,
      });
    }
  }
  return { groups: [...bySet.values()], workTypes };
}

/** tickets.initiative_set ("<initiative id>=<weight>;...", '' for none) as weighted links. */
export function parseInitiativeSet(set: string): { id: string; weight: number }[] {
  if (!set) return [];
  return set.split(';').map((entry) => {
    const [id, weight] = entry.split('=');
    return { id, weight: Number(weight) };
  });
}
