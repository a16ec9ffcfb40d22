import { weightedMean } from './key-result-progress.js';

/**
 * docs/design.md 2.2, end of cycle: a key result's score is 0..1, by default its final progress; a
 * person may set another with a note.
 */
export function keyResultScore(progress: number, given?: number | null): number {
  return given ?? progress;
}

/** A score outside 0..1 is refused; null when the value is fine. */
export function scoreProblem(score: number): string | null {
  return Number.isFinite(score) && score >= 0 && score <= 1
    ? null
    : 'must be a fraction between 0 and 1';
}

/**
 * An objective's score: the weighted mean of its key results' scores (their weights), skipping
 * the ones not scored yet; null when none is.
 */
export function objectiveScore(
  keyResults: readonly { score: number | null; weight: number }[],
): number | null {
  return weightedMean(keyResults.map(({ score, weight }) => ({ value: score, weight })));
}
