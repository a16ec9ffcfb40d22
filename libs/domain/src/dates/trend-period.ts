import { dateOfDay, dayNumber } from './calendar-date.js';
import type { DateRange } from '../planning/sprints-in-cycle.js';

/**
 * docs/design.md 3, trend of several teams: sprints are grouped by end date into windows of
 * `cadenceDays`, anchored on the newest end date (`anchor`) and counted back from it: window 0 is
 * (anchor - cadenceDays, anchor], window 1 the cadence before it, and so on. The anchor makes the
 * windows the same for the same sprints, whatever day the trend is asked for.
 */
export function trendWindowOf(anchor: string, endDate: string, cadenceDays: number): number {
  return Math.floor((dayNumber(anchor) - dayNumber(endDate)) / cadenceDays);
}

/** The inclusive dates of trend window `index` (see trendWindowOf). */
export function trendPeriod(anchor: string, index: number, cadenceDays: number): DateRange {
  const end = dayNumber(anchor) - index * cadenceDays;
  return { start: dateOfDay(end - cadenceDays + 1), end: dateOfDay(end) };
}
