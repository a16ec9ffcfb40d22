import { displayFormat as server } from '@app/planning';

// The dashboard's module, loaded by a path tsc does not follow: the dashboard is type-checked by
// its own tsconfig (bundler resolution), not by the server's.
const DASHBOARD_FORMAT = '../../apps/dashboard/src/format.js';
let dashboard: typeof server;
beforeAll(async () => {
  dashboard = (await import(DASHBOARD_FORMAT)) as typeof server;
});

/** The exports repeat the dashboard's formats: the same figure must read the same in both. */
describe('export display formats', () => {
  const fractions = [0, 0.25, 0.4242, 1 / 3, 0.07449, 1, null];
  const gaps = [-0.1824, 0.032, 0, -0.2, null];
  const percents = [0, 42.4, 17.6, 100, 33.3];

  it('format shares, gaps, percents, numbers and labels exactly as the dashboard', () => {
    for (const v of fractions) expect(server.formatShare(v)).toBe(dashboard.formatShare(v));
    for (const v of gaps) expect(server.formatGap(v)).toBe(dashboard.formatGap(v));
    for (const v of percents) expect(server.formatPercent(v)).toBe(dashboard.formatPercent(v));
    for (const v of [0, 1.005, 1234.567, null]) {
      expect(server.formatNumber(v)).toBe(dashboard.formatNumber(v));
    }
    for (const r of ['NO_INITIATIVE', 'NO_KEY_RESULT', 'NO_GOAL', 'INACTIVE_TARGET']) {
      expect(server.reasonLabel(r)).toBe(dashboard.reasonLabel(r));
    }
    expect(server.titleCase('TECH_DEBT')).toBe(dashboard.titleCase('TECH_DEBT'));
    expect(server.effortUnit('COUNT')).toBe(dashboard.effortUnit('COUNT'));
  });
});
