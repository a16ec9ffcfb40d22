/** docs/design.md 2.2: key result progress, always within 0..1. */
export type KeyResultKind = 'NUMERIC' | 'PERCENT' | 'CURRENCY' | 'BOOLEAN';
export type Direction = 'INCREASE' | 'DECREASE';

export interface KeyResultMeasure {
  kind: KeyResultKind;
  direction: Direction;
  start: number;
  target: number;
  current: number;
}

export function keyResultProgress(kr: KeyResultMeasure): number {
  if (kr.kind === 'BOOLEAN') {
    return kr.current === kr.target ? 1 : 0;
  }
  if (kr.target === kr.start) {
    // "Keep churn at 2%": done when at or beyond the target in the key result's direction.
    const reached = kr.direction === 'INCREASE' ? kr.current >= kr.target : kr.current <= kr.target;
    return reached ? 1 : 0;
  }
  // One formula serves both directions: for a decreasing target the denominator is negative.
  return clamp01((kr.current - kr.start) / (kr.target - kr.start));
}

/**
 * The direction implied by start and target; null when they are equal and the caller must say.
 */
export function inferDirection(start: number, target: number): Direction | null {
  if (target > start) return 'INCREASE';
  if (target < start) return 'DECREASE';
  return null;
}

/** Weighted mean of progress values; null when there is nothing to average (docs/design.md 2.2). */
export function weightedMean(
  items: readonly { value: number | null; weight: number }[],
): number | null {
  let sum = 0;
  let weights = 0;
  for (const { value, weight } of items) {
    if (value === null || weight <= 0) continue;
    sum += value * weight;
    weights += weight;
  }
  return weights === 0 ? null : sum / weights;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
