import { objectiveProgress } from './objective-progress.js';

describe('objectiveProgress', () => {
  const kr = (start: number, target: number, current: number, weight = 1) => ({
    kind: 'NUMERIC' as const,
    direction: (target >= start ? 'INCREASE' : 'DECREASE') as 'INCREASE' | 'DECREASE',
    start,
    target,
    current,
    weight,
  });

  it('is null without key results, not 0', () => {
    expect(objectiveProgress([])).toBeNull();
  });

  it('is the weighted mean of key result progress', () => {
    // 0.5 with weight 1, 1.0 with weight 3 -> (0.5 + 3) / 4
    expect(objectiveProgress([kr(0, 10, 5), kr(0, 10, 12, 3)])).toBeCloseTo(0.875);
  });

  it('counts a key result moving the wrong way as 0', () => {
    expect(objectiveProgress([kr(9, 3, 12), kr(0, 10, 10)])).toBeCloseTo(0.5);
  });
});
