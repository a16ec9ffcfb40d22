import { kpiHealthy, kpiRangeProblem } from './kpi-health.js';

describe('kpiHealthy', () => {
  const kpi = (current: number | null, healthyMin: number | null, healthyMax: number | null) =>
    kpiHealthy({ current, healthyMin, healthyMax });

  it('is null without a current value or without any bound', () => {
    expect(kpi(null, 1, 2)).toBeNull();
    expect(kpi(5, null, null)).toBeNull();
  });

  it('includes both bounds of a closed range', () => {
    expect(kpi(1, 1, 2)).toBe(true);
    expect(kpi(2, 1, 2)).toBe(true);
    expect(kpi(0.99, 1, 2)).toBe(false);
    expect(kpi(2.01, 1, 2)).toBe(false);
  });

  it('treats a missing bound as open', () => {
    expect(kpi(99.95, 99.9, null)).toBe(true);
    expect(kpi(99.8, 99.9, null)).toBe(false);
    expect(kpi(1.5, null, 2)).toBe(true);
    expect(kpi(2.5, null, 2)).toBe(false);
  });
});

describe('kpiRangeProblem', () => {
  it('refuses only a minimum above the maximum', () => {
    expect(kpiRangeProblem(1, 2)).toBeNull();
    expect(kpiRangeProblem(2, 2)).toBeNull();
    expect(kpiRangeProblem(null, 2)).toBeNull();
    expect(kpiRangeProblem(3, null)).toBeNull();
    expect(kpiRangeProblem(3, 2)).toMatch(/at least healthyMin \(3\)/);
  });
});
