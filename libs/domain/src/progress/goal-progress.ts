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
