import { sharesAgainstPlan } from './scenario-deltas.js';

describe('sharesAgainstPlan', () => {
  it("gives each share minus the plan's, by goal and horizon, in the scenario's order", () => {
    const plan = {
      goals: [
        { goalId: 'G1', share: 0.5 },
        { goalId: 'G2', share: 0.25 },
      ],
      horizons: [{ horizon: 'CORE', share: 0.75 }],
    };
    const scenario = {
      goals: [
        { goalId: 'G2', share: 0.5 },
        { goalId: 'G1', share: 0.25 },
        { goalId: 'G3', share: 0.125 },
      ],
      horizons: [
        { horizon: 'CORE', share: 0.5 },
        { horizon: 'UNALIGNED', share: 0.5 },
      ],
    };
    expect(sharesAgainstPlan(scenario, plan)).toEqual({
      goals: [0.25, -0.25, 0.125],
      horizons: [-0.25, 0.5],
    });
  });

  it('is all zeros for the plan against itself', () => {
    const plan = {
      goals: [{ goalId: 'G1', share: 0.3 }],
      horizons: [{ horizon: 'CORE', share: 1 }],
    };
    expect(sharesAgainstPlan(plan, plan)).toEqual({ goals: [0], horizons: [0] });
  });
});
