import { goalProgress } from './goal-progress.js';

describe('goalProgress', () => {
  it('is the link-weighted mean of the aligned objectives', () => {
    expect(
      goalProgress([
        { progress: 0.2, weight: 1 },
        { progress: 0.8, weight: 3 },
      ]),
    ).toBeCloseTo(0.65);
  });

  it('skips objectives without progress, and is null when none has any', () => {
    expect(
      goalProgress([
        { progress: null, weight: 5 },
        { progress: 0.4, weight: 1 },
      ]),
    ).toBeCloseTo(0.4);
    expect(goalProgress([{ progress: null, weight: 1 }])).toBeNull();
    expect(goalProgress([])).toBeNull();
  });
});
