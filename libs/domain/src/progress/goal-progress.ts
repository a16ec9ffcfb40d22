import { weightedMean } from './key-result-progress.js';

/** One objective aligned directly to a goal: its progress and the weight of its link. */
export interface AlignedProgress {
  progress: number | null;
  weight: number;
}

/**
 * docs/design.md 2.2: a goal's progress is the link-weighted mean of the progress of the objectives
 * aligned directly to it, skipping those without progress; null when none has any.
 */
export function goalProgress(aligned: readonly AlignedProgress[]): number | null {
  return weightedMean(aligned.map(({ progress, weight }) => ({ value: progress, weight })));
}

/** An objective linked directly to a goal, as goal progress in a cycle needs to see it. */
export interface GoalLinkedObjective {
  cycleId: string;
  status: string;
  progress: number | null;
  /** the weight of its link to the goal */
  weight: number;
}

/**
 * docs/design.md 2.2: a goal's progress in one cycle: only the ACTIVE objectives of that cycle
 * count (a cancelled or archived one no longer pursues the goal, another cycle's is another
 * quarter's progress); null when no cycle is given (no ACTIVE cycle) or none has progress.
 */
export function goalProgressInCycle(
  linked: readonly GoalLinkedObjective[],
  cycleId: string | null,
): number | null {
  if (cycleId === null) return null;
  return goalProgress(linked.filter((o) => o.cycleId === cycleId && o.status === 'ACTIVE'));
}
