import { THRESHOLD_TOLERANCE } from './outcome-vs-output.js';

/**
 * docs/design.md 2.3 drift: a goal with a target share drifts when |share - targetShare| is at or above
 * the organization's threshold (0.10 by default). A goal without a target cannot drift.
 */
export function isDrifting(gap: number | null, threshold: number): boolean {
  return gap !== null && Math.abs(gap) >= threshold - THRESHOLD_TOLERANCE;
}

/**
 * docs/design.md 2.3 stale data: a ticket source is stale when its last sync is older than the
 * threshold, or when it never synced.
 */
export function isStale(lastSyncedAt: Date | null, now: Date, staleAfterHours: number): boolean {
  if (!lastSyncedAt) return true;
  return now.getTime() - lastSyncedAt.getTime() > staleAfterHours * 3_600_000;
}

const DAY_MS = 86_400_000;

/**
 * docs/design.md 2.3 overdue check-ins: a key result (or KPI) is due for a check-in `everyDays`
 * after its last one or, with none yet, after `since` (its cycle's start, or when the KPI was
 * made). Returns when it fell due and how many days ago, or null while it is not overdue.
 */
export function checkInOverdue(
  lastCheckInAt: Date | null,
  since: Date,
  now: Date,
  everyDays: number,
): { dueAt: Date; daysOverdue: number } | null {
  const from = lastCheckInAt ?? since;
  const dueAt = new Date(from.getTime() + everyDays * DAY_MS);
  if (now.getTime() <= dueAt.getTime()) return null;
  return { dueAt, daysOverdue: (now.getTime() - dueAt.getTime()) / DAY_MS };
}
