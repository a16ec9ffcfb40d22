import type { StatusCategory } from '../settings/organization-settings.js';

/** docs/design.md 2.1 "Effort": what one ticket weighs under each measure. */
export type Measure = 'POINTS' | 'COUNT';

/**
 * docs/design.md 2.1 "Effort": COUNT weighs every ticket 1; POINTS weighs it by its points, an
 * unestimated one at the organization's `unestimatedPoints`. Mirrored in SQL by
 * libs/alignment/src/report/counted-tickets.sql.ts `ticketEffortSql`.
 */
export function ticketEffort(
  points: number | null,
  measure: Measure,
  unestimatedPoints: number,
): number {
  if (measure === 'COUNT') return 1;
  return points ?? unestimatedPoints;
}

/** What decides whether a ticket counts at all. */
export interface CountableTicket {
  subtask: boolean;
  statusCategory: StatusCategory;
  archivedAt: Date | null;
}

/**
 * docs/design.md 2.1 "Scope": cancelled tickets, sub-tasks (their parent counts) and archived
 * tickets never count, in any report, trend or delivery figure. Mirrored in SQL by
 * libs/alignment/src/report/counted-tickets.sql.ts `COUNTED_TICKET`.
 */
export function isCountedTicket(ticket: CountableTicket): boolean {
  return !ticket.subtask && ticket.statusCategory !== 'CANCELLED' && ticket.archivedAt === null;
}
