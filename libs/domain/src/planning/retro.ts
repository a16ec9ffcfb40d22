import { weightedMean } from '../progress/key-result-progress.js';
import { objectiveScore } from '../progress/key-result-score.js';

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

/** An objective's direct alignment to a goal (an objective link with a goal), with its weight. */
export interface GoalObjectiveLink {
  goalId: string;
  objectiveId: string;
  weight: number;
}

/** A key result as the retro scores it: archived ones are left out of their objective's score. */
export interface RetroKeyResult {
  objectiveId: string;
  score: number | null;
  weight: number;
  archived: boolean;
}

/**
 * The retro's score roll-up (docs/design.md 2.2, 3): each objective scored by its key results
 * (objectiveScore, archived ones left out), each goal by the objectives linked directly to it
 * (goalScore, by link weight). A goal with no linked objective, or none scored, has null; goals
 * not in `links` are absent (read them as null).
 */
export function goalScores(
  links: readonly GoalObjectiveLink[],
  keyResults: readonly RetroKeyResult[],
): Map<string, number | null> {
  const objectiveScores = new Map<string, number | null>();
  const scoreOf = (objectiveId: string): number | null => {
    if (!objectiveScores.has(objectiveId)) {
      objectiveScores.set(
        objectiveId,
        objectiveScore(keyResults.filter((k) => k.objectiveId === objectiveId && !k.archived)),
      );
    }
    return objectiveScores.get(objectiveId)!;
  };
  const goalIds = [...new Set(links.map((l) => l.goalId))];
  return new Map(
    goalIds.map((goalId) => [
      goalId,
      goalScore(
        links
          .filter((l) => l.goalId === goalId)
          .map((l) => ({ score: scoreOf(l.objectiveId), weight: l.weight })),
      ),
    ]),
  );
}
