import { weightedMean } from './key-result-progress.js';

/**
 * Thresholds are compared "at or beyond", and fractions such as 0.7 are not exact in binary: a
 * delivery of 7/10 must count as 0.7.
 */
export const THRESHOLD_TOLERANCE = 1e-9;

/** One initiative supporting a key result: its delivery (null: nothing to deliver) and link weight. */
export interface SupportingDelivery {
  delivery: number | null;
  weight: number;
}

export interface OutcomeThresholds {
  /** delivery at or above this is high output */
  outputHigh: number;
  /** progress at or below this is a flat outcome */
  outcomeLow: number;
}

export interface OutcomeVsOutput {
  /** the key result's progress (outcome), 0..1 */
  progress: number;
  /** link-weighted mean delivery of its supporting initiatives (output); null when none has any */
  delivery: number | null;
  /** output high and outcome flat: busy, not moving the needle */
  flagged: boolean;
}

/**
 * docs/design.md 2.2 outcome vs output: a key result's progress against the delivery of the initiatives
 * supporting it (the caller passes the live ones: cancelled initiatives deliver nothing towards it).
 * Initiatives with nothing to deliver are skipped rather than counted as 0, so that a new, empty
 * initiative does not hide that the others are done.
 */
export function outcomeVsOutput(
  progress: number,
  supporting: readonly SupportingDelivery[],
  thresholds: OutcomeThresholds,
): OutcomeVsOutput {
  const delivery = weightedMean(supporting.map((s) => ({ value: s.delivery, weight: s.weight })));
  return {
    progress,
    delivery,
    flagged:
      delivery !== null &&
      delivery >= thresholds.outputHigh - THRESHOLD_TOLERANCE &&
      progress <= thresholds.outcomeLow + THRESHOLD_TOLERANCE,
  };
}
