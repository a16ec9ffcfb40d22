/** Shares of a projection, by goal and by horizon (in the projection's own order). */
export interface ProjectedShares<H extends string = string> {
  goals: readonly { goalId: string; share: number }[];
  horizons: readonly { horizon: H; share: number }[];
}

/**
 * A scenario against the plan: each of its goals' and horizons' share minus the plan's share of
 * the same goal or horizon (the plan's missing ones count 0), in the scenario's order.
 */
export function sharesAgainstPlan(
  scenario: ProjectedShares,
  plan: ProjectedShares,
): { goals: number[]; horizons: number[] } {
  const goal = new Map(plan.goals.map((g) => [g.goalId, g.share]));
  const horizon = new Map(plan.horizons.map((h) => [h.horizon, h.share]));
  return {
    goals: scenario.goals.map((g) => g.share - (goal.get(g.goalId) ?? 0)),
    horizons: scenario.horizons.map((h) => h.share - (horizon.get(h.horizon) ?? 0)),
  };
}
