import { expectError, TestApp, type Session } from '../support/test-app.js';

const DAY = 86_400_000;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** An ACTIVE cycle that started 60 days ago (whole days, UTC), its key results and two KPIs. */
const PLAN = `version: 1
goals: [{ key: G1, title: Growth }]
kpis:
  - { key: KPI-OLD, goal: G1, title: Churn, unit: "%" }
  - { key: KPI-NEW, goal: G1, title: NPS }
cycles:
  - { key: Q, name: Q, start: ${isoDay(-60)}, end: ${isoDay(30)}, state: ACTIVE }
objectives:
  - key: O1
    cycle: Q
    title: O1
    alignsTo: [{ goal: G1 }]
    keyResults:
      - { key: KR-FRESH, title: fresh, kind: NUMERIC, start: 0, target: 10 }
      - { key: KR-LATE, title: late, kind: NUMERIC, start: 0, target: 10 }
      - { key: KR-NEVER, title: never, kind: NUMERIC, start: 0, target: 10 }
  - { key: O2, cycle: Q, title: cancelled, status: CANCELLED, keyResults: [{ key: KR-OFF, title: off, kind: NUMERIC, start: 0, target: 10 }] }
`;

const GAPS = `{ gaps { overdueCheckIns { keyResult { key } kpi { key } lastCheckInAt dueAt daysOverdue } } }`;

interface Overdue {
  keyResult: { key: string } | null;
  kpi: { key: string } | null;
  lastCheckInAt: string | null;
  dueAt: string;
  daysOverdue: number;
}

/**
 * docs/design.md 2.3 over HTTP: key results of the ACTIVE cycle and KPIs whose check-in is overdue
 * by the organization's cadence (default weekly), most overdue first; the cadence is a setting.
 */
describe('gaps.overdueCheckIns', () => {
  let app: TestApp;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await app.signUp('Cadence');
    const plan = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: PLAN },
      s.token,
    );
    expect(plan.importPlan.problems).toEqual([]);
    const ids = await app.ok(
      `{ fresh: keyResult(key: "KR-FRESH") { id } late: keyResult(key: "KR-LATE") { id }
         off: keyResult(key: "KR-OFF") { id } kpi: kpi(key: "KPI-OLD") { id } }`,
      {},
      s.token,
    );
    for (const id of [ids.fresh.id, ids.late.id, ids.off.id]) {
      await app.ok(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`,
        { input: { keyResultId: id, value: 1, confidence: 'ON_TRACK' } },
        s.token,
      );
    }
    await app.ok(
      `mutation($input: CheckInKpiInput!) { checkInKpi(input: $input) { id } }`,
      { input: { kpiId: ids.kpi.id, value: 2 } },
      s.token,
    );
    // the check-ins as if made earlier: KR-FRESH 2 days ago, KR-LATE 10, KPI-OLD 20
    await app.db.transaction({ organizationId: s.organizationId }, async (em) => {
      await em.query(
        `UPDATE check_ins ci SET created_at = now() - make_interval(days => CASE kr.key WHEN 'KR-FRESH' THEN 2 ELSE 10 END)
           FROM key_results kr WHERE kr.id = ci.key_result_id`,
      );
      await em.query(`UPDATE kpi_check_ins SET created_at = now() - interval '20 days'`);
      await em.query(`UPDATE kpis SET created_at = now() - interval '1 day'`);
    });
  });
  afterAll(() => app.close());

  const overdue = async (): Promise<Overdue[]> =>
    (await app.ok(GAPS, {}, s.token)).gaps.overdueCheckIns;
  const summary = (list: Overdue[]) =>
    list.map((o) => [o.keyResult?.key ?? o.kpi!.key, Math.round(o.daysOverdue * 10) / 10]);

  it('lists what is past a week since its last check-in (or the cycle start), most overdue first', async () => {
    const list = await overdue();
    // KR-NEVER: no check-in, due 7 days after the cycle's start 60 days ago (less the hours of
    // today, since the cycle starts at midnight UTC): 53 days and some; KPI-OLD 20 - 7 = 13;
    // KR-LATE 10 - 7 = 3; KR-FRESH (2 days) and KPI-NEW (made a day ago) are not due; KR-OFF's
    // objective is cancelled
    expect(list.map((o) => o.keyResult?.key ?? o.kpi!.key)).toEqual([
      'KR-NEVER',
      'KPI-OLD',
      'KR-LATE',
    ]);
    expect(list[0].daysOverdue).toBeGreaterThanOrEqual(53);
    expect(list[0].daysOverdue).toBeLessThan(54);
    expect(list[0].lastCheckInAt).toBeNull();
    expect(summary(list.slice(1))).toEqual([
      ['KPI-OLD', 13],
      ['KR-LATE', 3],
    ]);
    const late = list[2];
    expect(new Date(late.dueAt).getTime() - new Date(late.lastCheckInAt!).getTime()).toBe(7 * DAY);
  });

  it("follows the organization's cadence, and refuses one that is not 1 to 365 days", async () => {
    const set = (checkInEveryDays: number) =>
      app.gql(
        `mutation($input: OrganizationSettingsInput!) { updateOrganizationSettings(input: $input) { settings { checkInEveryDays } } }`,
        { input: { checkInEveryDays } },
        s.token,
      );
    const error = expectError(await set(0), 'BAD_USER_INPUT');
    expect(error.message).toMatch(/checkInEveryDays/);
    expect((await set(14)).data!.updateOrganizationSettings.settings.checkInEveryDays).toBe(14);
    // fortnightly: KR-LATE (10 days) is no longer due; KPI-OLD 20 - 14 = 6
    const list = await overdue();
    expect(list.map((o) => o.keyResult?.key ?? o.kpi!.key)).toEqual(['KR-NEVER', 'KPI-OLD']);
    expect(summary(list.slice(1))).toEqual([['KPI-OLD', 6]]);
  });
});
