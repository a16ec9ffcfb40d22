import {
  inferDirection,
  keyResultProgress,
  weightedMean,
  type KeyResultMeasure,
} from './key-result-progress.js';

const numeric = (m: Omit<KeyResultMeasure, 'kind'>): KeyResultMeasure => ({
  kind: 'NUMERIC',
  ...m,
});

describe('keyResultProgress', () => {
  it('increasing: the fraction of the way from start to target', () => {
    expect(
      keyResultProgress(numeric({ direction: 'INCREASE', start: 20, target: 45, current: 31 })),
    ).toBeCloseTo(11 / 25);
    expect(
      keyResultProgress(numeric({ direction: 'INCREASE', start: 20, target: 45, current: 20 })),
    ).toBe(0);
    expect(
      keyResultProgress(numeric({ direction: 'INCREASE', start: 20, target: 45, current: 45 })),
    ).toBe(1);
  });

  it('decreasing (target < start): same formula, never an absolute value', () => {
    expect(
      keyResultProgress(numeric({ direction: 'DECREASE', start: 9, target: 3, current: 7 })),
    ).toBeCloseTo(2 / 6);
    expect(
      keyResultProgress(numeric({ direction: 'DECREASE', start: 9, target: 3, current: 3 })),
    ).toBe(1);
  });

  it('moving the wrong way is 0, never negative', () => {
    expect(
      keyResultProgress(numeric({ direction: 'DECREASE', start: 9, target: 3, current: 12 })),
    ).toBe(0);
    expect(
      keyResultProgress(numeric({ direction: 'INCREASE', start: 20, target: 45, current: 5 })),
    ).toBe(0);
  });

  it('overshooting is clamped to 1', () => {
    expect(
      keyResultProgress(numeric({ direction: 'INCREASE', start: 0, target: 10, current: 25 })),
    ).toBe(1);
    expect(
      keyResultProgress(numeric({ direction: 'DECREASE', start: 9, target: 3, current: -4 })),
    ).toBe(1);
  });

  it('target = start, DECREASE ("keep churn at 2%"): 1 at or below, else 0', () => {
    const keep = (current: number) =>
      keyResultProgress({ kind: 'PERCENT', direction: 'DECREASE', start: 2, target: 2, current });
    expect(keep(1.8)).toBe(1);
    expect(keep(2)).toBe(1);
    expect(keep(2.1)).toBe(0);
  });

  it('target = start, INCREASE ("keep uptime at 99.9"): 1 at or above, else 0', () => {
    const keep = (current: number) =>
      keyResultProgress({
        kind: 'PERCENT',
        direction: 'INCREASE',
        start: 99.9,
        target: 99.9,
        current,
      });
    expect(keep(99.95)).toBe(1);
    expect(keep(99.9)).toBe(1);
    expect(keep(99.5)).toBe(0);
  });

  it('BOOLEAN is 0 or 1', () => {
    const done = (current: number) =>
      keyResultProgress({ kind: 'BOOLEAN', direction: 'INCREASE', start: 0, target: 1, current });
    expect(done(0)).toBe(0);
    expect(done(1)).toBe(1);
  });

  it('always stays within 0..1', () => {
    for (const start of [-5, 0, 3, 10]) {
      for (const target of [-5, 0, 3, 10]) {
        for (const current of [-100, -5, 0, 1.5, 3, 7, 10, 100]) {
          for (const direction of ['INCREASE', 'DECREASE'] as const) {
            const p = keyResultProgress(numeric({ direction, start, target, current }));
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
        }
      }
    }
  });
});

describe('inferDirection', () => {
  it('infers INCREASE and DECREASE from start and target', () => {
    expect(inferDirection(20, 45)).toBe('INCREASE');
    expect(inferDirection(9, 3)).toBe('DECREASE');
    expect(inferDirection(-1, 0)).toBe('INCREASE');
  });

  it('gives null when start = target: the caller must say', () => {
    expect(inferDirection(2, 2)).toBeNull();
  });
});

describe('weightedMean', () => {
  it('is null when there is nothing to average', () => {
    expect(weightedMean([])).toBeNull();
    expect(
      weightedMean([
        { value: null, weight: 1 },
        { value: null, weight: 3 },
      ]),
    ).toBeNull();
  });

  it('weighs values and skips nulls', () => {
    expect(
      weightedMean([
        { value: 1, weight: 3 },
        { value: 0, weight: 1 },
        { value: null, weight: 100 },
      ]),
    ).toBeCloseTo(0.75);
  });

  it('equal weights give the plain mean', () => {
    expect(
      weightedMean([
        { value: 0.2, weight: 1 },
        { value: 0.4, weight: 1 },
        { value: 0.9, weight: 1 },
      ]),
    ).toBeCloseTo(0.5);
  });

  it('ignores non-positive weights instead of dividing by zero', () => {
    expect(weightedMean([{ value: 0.5, weight: 0 }])).toBeNull();
    expect(
      weightedMean([
        { value: 0.5, weight: 0 },
        { value: 0.2, weight: 2 },
      ]),
    ).toBeCloseTo(0.2);
  });
});
