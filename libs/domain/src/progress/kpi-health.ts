/** A KPI's health: is its current value inside the healthy range (docs/design.md section 1)? */
export interface KpiReading {
  current: number | null;
  healthyMin: number | null;
  healthyMax: number | null;
}

/**
 * True when `current` lies within the range (bounds included; a missing bound is open), false
 * outside it, and null when there is nothing to judge: no current value or no bound at all.
 */
export function kpiHealthy(kpi: KpiReading): boolean | null {
  const { current, healthyMin, healthyMax } = kpi;
  if (current === null || (healthyMin === null && healthyMax === null)) return null;
  if (healthyMin !== null && current < healthyMin) return false;
  if (healthyMax !== null && current > healthyMax) return false;
  return true;
}

/** The range rule shared by the API and plan files; null when the bounds are consistent. */
export function kpiRangeProblem(
  healthyMin: number | null,
  healthyMax: number | null,
): string | null {
  return healthyMin !== null && healthyMax !== null && healthyMin > healthyMax
    ? `must be at least healthyMin (${healthyMin})`
    : null;
}
