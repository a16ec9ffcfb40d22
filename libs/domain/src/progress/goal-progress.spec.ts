import { goalProgress, goalProgressInCycle } from './goal-progress.js';

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

describe('goalProgressInCycle', () => {
  const linked = [
    { cycleId: 'Q1', status: 'ACTIVE', progress: 0.2, weight: 1 },
    { cycleId: 'Q1', status: 'CANCELLED', progress: 1, weight: 5 },
    { cycleId: 'Q2', status: 'ACTIVE', progress: 0.9, weight: 5 },
    { cycleId: 'Q1', status: 'ACTIVE', progress: 0.8, weight: 3 },
  ];

  it("counts only the cycle's ACTIVE objectives", () => {
    expect(goalProgressInCycle(linked, 'Q1')).toBeCloseTo(0.65);
    expect(goalProgressInCycle(linked, 'Q2')).toBeCloseTo(0.9);
  });

  it('is null without a cycle, or when no objective of the cycle counts', () => {
    expect(goalProgressInCycle(linked, null)).toBeNull();
    expect(goalProgressInCycle(linked, 'Q3')).toBeNull();
  });
});
