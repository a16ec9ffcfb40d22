import { keyResultProgress, weightedMean, type KeyResultMeasure } from './key-result-progress.js';

/**
 * docs/design.md 2.2: an objective's progress is the weighted mean of its key results' progress, and
 * null (not 0) when it has no key results.
 */
export function objectiveProgress(
  keyResults: readonly (KeyResultMeasure & { weight: number })[],
): number | null {
  return weightedMean(
    keyResults.map((kr) => ({ value: keyResultProgress(kr), weight: kr.weight })),
  );
}
