import { weightedMean } from '../progress/key-result-progress.js';

export interface PlanVsActualFigures {
  goalId: string;
  /** the baseline's projected share; null when the goal was not in the plan's report */
  plannedShare: number | null;
  /** the share of the cycle's actual alignment; null when the goal is no longer reported */
  actualShare: number | null;
  /** actual - planned, when both exist */
  drift: number | null;
}

/**
 * docs/design.md 3: per goal, the plan's projected share beside the actual share of the cycle's work,
 * in the order of first appearance (the plan's goals first, then goals that appeared since).
 */
export function planVsActual(
  planned: ReadonlyMap<string, number>,
  actual: ReadonlyMap<string, number>,
): PlanVsActualFigures[] {
  const goalIds = [...new Set([...planned.keys(), ...actual.keys()])];
  return goalIds.map((goalId) => {
    const plannedShare = planned.get(goalId) ?? null;
    const actualShare = actual.get(goalId) ?? null;
    return {
      goalId,
      plannedShare,
      actualShare,
      drift: plannedShare === null || actualShare === null ? null : actualShare - plannedShare,
    };
  });
}

/**
 * A goal's score at the end of a cycle: the link-weighted mean of the scores of the objectives
 * aligned directly to it, skipping unscored ones; null when none is scored (docs/design.md 2.2).
 */
export function goalScore(
  aligned: readonly { score: number | null; weight: number }[],
): number | null {
  return weightedMean(aligned.map(({ score, weight }) => ({ value: score, weight })));
}
