/**
 * The SQL twins of libs/domain's ticket rules, the only place they are written in SQL (every
 * statement over tickets composes these; test/integration/counted-tickets.spec.ts holds each to
 * its domain function on the same rows). Tickets are aliased `t`.
 */

/** libs/domain `isCountedTicket`: not a sub-task, not cancelled, not archived. */
export const COUNTED_TICKET = `(NOT t.subtask AND t.status_category <> 'CANCELLED' AND t.archived_at IS NULL)`;

/**
 * libs/domain `ticketEffort`, given the placeholders of a boolean "the measure is COUNT" and of the
 * organization's unestimated points.
 */
export function ticketEffortSql(countParam: string, unestimatedParam: string): string {
  return `(CASE WHEN ${countParam} THEN 1 ELSE coalesce(t.points, ${unestimatedParam}) END)`;
}

/**
 * libs/domain `ticketEffort` under POINTS (delivery is measured in points whatever the report's
 * measure), given the placeholder of the organization's unestimated points.
 */
export function ticketPointsSql(unestimatedParam: string): string {
  return `coalesce(t.points, ${unestimatedParam})`;
}
