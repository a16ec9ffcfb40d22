import { dayNumber } from '../dates/calendar-date.js';

/** Inclusive calendar dates ('YYYY-MM-DD'). */
export interface DateRange {
  start: string;
  end: string;
}

export interface SprintsInCycle {
  /** the team's sprints overlapping the cycle, each counted whole */
  overlapping: number;
  /** expected sprints by cadence for the cycle's days after the last day its sprints cover */
  expectedSprints: number;
  /**
   * every overlapping sprint counted by the share of its days inside the cycle, plus the expected
   * sprints: what capacity per sprint is multiplied by
   */
  sprintEquivalents: number;
}

/**
 * docs/design.md 3, capacity: how many sprints a team has in a cycle. A dated sprint counts by the
 * share of its days that fall inside the cycle (days inside / its days, dates inclusive). The part
 * of the cycle not yet covered is the days after the last day the team's overlapping sprints cover
 * (the whole cycle when none overlaps); it counts (those days / cadenceDays) expected sprints. Gaps
 * between or before the dated sprints are not capacity: the team has planned them as they are
 * (docs/decisions.md). Sprints that do not overlap the cycle play no part.
 */
export function sprintsInCycle(
  cycle: DateRange,
  sprints: readonly DateRange[],
  cadenceDays: number,
): SprintsInCycle {
  const cycleStart = dayNumber(cycle.start);
  const cycleEnd = dayNumber(cycle.end);
  let overlapping = 0;
  let dated = 0;
  // The day before the cycle: with no sprint, the whole cycle is not yet covered.
  let lastCovered = cycleStart - 1;
  for (const sprint of sprints) {
    const start = dayNumber(sprint.start);
    const end = dayNumber(sprint.end);
    const inside = Math.min(end, cycleEnd) - Math.max(start, cycleStart) + 1;
    if (end < start || inside <= 0) continue;
    overlapping += 1;
    dated += inside / (end - start + 1);
    lastCovered = Math.max(lastCovered, end);
  }
  const uncovered = Math.max(0, cycleEnd - lastCovered);
  const expectedSprints = uncovered / cadenceDays;
  return { overlapping, expectedSprints, sprintEquivalents: dated + expectedSprints };
}
