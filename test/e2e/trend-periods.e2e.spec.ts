import { TestApp, type Session } from '../support/test-app.js';

/**
 * docs/design.md 3, the trend of several teams: a point is a period (the teams' sprints grouped by
 * end date into windows of the organization's cadence, anchored on the newest end date), each
 * point counting every ticket of its sprints once; the live point equals `alignment` for the same
 * sprints and teams. Team A runs 14-day sprints, team B 7-day ones; C only has a FUTURE sprint.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Self-serve, horizon: ADJACENT }
teams: [{ key: A, name: Team A }, { key: B, name: Team B }, { key: C, name: Team C }]
cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]
sprints:
  - { key: A-S0, team: A, name: A Sprint 0, start: 2026-12-21, end: 2027-01-03, state: CLOSED }
  - { key: A-S1, team: A, name: A Sprint 1, start: 2027-01-04, end: 2027-01-17, state: CLOSED }
  - { key: A-S2, team: A, name: A Sprint 2, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
  - { key: B-S1, team: B, name: B Sprint 1, start: 2027-01-04, end: 2027-01-10, state: CLOSED }
  - { key: B-S2, team: B, name: B Sprint 2, start: 2027-01-11, end: 2027-01-17, state: CLOSED }
  - { key: B-S3, team: B, name: B Sprint 3, start: 2027-01-18, end: 2027-01-24, state: CLOSED }
  - { key: B-S4, team: B, name: B Sprint 4, start: 2027-01-25, end: 2027-01-31, state: ACTIVE }
  - { key: C-S1, team: C, name: C Sprint 1, start: 2027-02-01, end: 2027-02-14 }
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q1, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: O2-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: E1, title: I1, supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: E2, title: I2, supports: [{ keyResult: O2-KR1 }] }
`;
const ticket = (key: string, points: number | null, sprintNames: string[], epicKey?: string) => ({
  externalKey: key,
  title: key,
  type: 'Story',
  rawStatus: 'In Progress',
  points,
  sprintNames,
  ...(epicKey ? { epicKey } : {}),
});
const TICKETS = [
  ticket('T1', 5, ['A Sprint 1', 'A Sprint 2'], 'E1'), // G1 5 in two periods
  ticket('T2', 3, ['B Sprint 1', 'B Sprint 2'], 'E2'), // G2 3, two sprints of one period: once
  ticket('T3', 2, ['B Sprint 3', 'B Sprint 4'], 'E1'), // G1 2, two sprints of one period: once
  ticket('T4', 4, ['A Sprint 0'], 'E2'), // G2 4
  ticket('T5', null, ['B Sprint 4']), // unestimated: 1, NO_INITIATIVE
  ticket('T6', 8, ['A Sprint 2'], 'E2'), // G2 8
];

const TREND = `query($teams: [String!], $last: Int!) { alignmentTrend(teamKeys: $teams, last: $last) {
  period { start end } sprint { key } sprints { key } live recomputed
  report { totalEffort goals { goal { key } effort } unaligned { reason effort } } } }`;

interface Point {
  period: { start: string; end: string };
  sprint: { key: string };
  sprints: { key: string }[];
  live: boolean;
  recomputed: boolean;
  report: {
    totalEffort: number;
    goals: { goal: { key: string }; effort: number }[];
    unaligned: { reason: string; effort: number }[];
  };
}

/** One row per point: the period, its sprints, its marks and the effort per goal and reason. */
const table = (points: Point[]) =>
  points.map((p) => ({
    period: `${p.period.start}..${p.period.end}`,
    sprint: p.sprint.key,
    sprints: p.sprints.map((s) => s.key).join(' '),
    live: p.live,
    recomputed: p.recomputed,
    total: p.report.totalEffort,
    effort: Object.fromEntries([
      ...p.report.goals.map((g) => [g.goal.key, g.effort]),
      ...p.report.unaligned.filter((u) => u.effort > 0).map((u) => [u.reason, u.effort]),
    ]),
  }));

describe('trend of several teams by period', () => {
  let app: TestApp;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await app.signUp();
    const plan = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: PLAN },
      s.token,
    );
    expect(plan.importPlan.problems).toEqual([]);
    const tickets = await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created } }`,
      { t: TICKETS },
      s.token,
    );
    expect(tickets.upsertTickets.created).toBe(TICKETS.length);
  });
  afterAll(() => app.close());

  it('groups every team sprint by end date into 14-day windows from the newest (hand-computed)', async () => {
    const trend: Point[] = (await app.ok(TREND, { last: 6 }, s.token)).alignmentTrend;
    // Anchor: the newest end date, Jan 31. Window 0: Jan 18-31, window 1: Jan 4-17, window 2:
    // Dec 21-Jan 3. C's FUTURE sprint is no point.
    expect(table(trend)).toEqual([
      {
        period: '2026-12-21..2027-01-03',
        sprint: 'A-S0',
        sprints: 'A-S0',
        live: false,
        recomputed: true, // a plan-loaded CLOSED sprint: no snapshot
        total: 4, // T4
        effort: { G1: 0, G2: 4 },
      },
      {
        period: '2027-01-04..2027-01-17',
        sprint: 'B-S2', // the sprint ending last stands for the period
        sprints: 'B-S1 A-S1 B-S2',
        live: false,
        recomputed: true,
        total: 8, // T1 5 + T2 3 (in B-S1 and B-S2, counted once)
        effort: { G1: 5, G2: 3 },
      },
      {
        period: '2027-01-18..2027-01-31',
        sprint: 'B-S4',
        sprints: 'B-S3 A-S2 B-S4',
        live: true,
        recomputed: true, // B-S3 is CLOSED, computed from its ticket history
        total: 16, // T1 5 + T3 2 (once) + T5 1 (unestimated) + T6 8
        effort: { G1: 7, G2: 8, NO_INITIATIVE: 1 },
      },
    ]);
    // Naming both teams is the same as the default; `last` counts periods.
    const both: Point[] = (await app.ok(TREND, { teams: ['A', 'B'], last: 2 }, s.token))
      .alignmentTrend;
    expect(table(both)).toEqual(table(trend).slice(1));
  });

  it('keeps a point per sprint for one team', async () => {
    const trend: Point[] = (await app.ok(TREND, { teams: ['A'], last: 6 }, s.token)).alignmentTrend;
    expect(table(trend)).toEqual([
      {
        period: '2026-12-21..2027-01-03',
        sprint: 'A-S0',
        sprints: 'A-S0',
        live: false,
        recomputed: true,
        total: 4,
        effort: { G1: 0, G2: 4 },
      },
      {
        period: '2027-01-04..2027-01-17',
        sprint: 'A-S1',
        sprints: 'A-S1',
        live: false,
        recomputed: true,
        total: 5,
        effort: { G1: 5, G2: 0 },
      },
      {
        period: '2027-01-18..2027-01-31',
        sprint: 'A-S2',
        sprints: 'A-S2',
        live: true,
        recomputed: false,
        total: 13, // T1 5 + T6 8
        effort: { G1: 5, G2: 8 },
      },
    ]);
  });

  it('the live point equals alignment for the same sprints and teams, figure for figure', async () => {
    const REPORT = `totalEffort alignedEffort alignedShare ticketCount unestimatedTickets
      goals { goal { key } effort share percent reach targetShare gap }
      unaligned { reason effort share percent ticketCount }
      horizons { horizon effort share targetShare } workTypes { workType effort share }`;
    for (const measure of ['POINTS', 'COUNT']) {
      const { alignmentTrend } = await app.ok(
        `query($m: Measure) { alignmentTrend(teamKeys: ["A", "B"], last: 1, measure: $m) {
           live sprints { key } report { ${REPORT} } } }`,
        { m: measure },
        s.token,
      );
      const [live] = alignmentTrend;
      expect(live.live).toBe(true);
      const sprintKeys = live.sprints.map((x: { key: string }) => x.key);
      expect(sprintKeys).toEqual(['B-S3', 'A-S2', 'B-S4']);
      const { alignment } = await app.ok(
        `query($scope: AlignmentScopeInput) { alignment(scope: $scope) { ${REPORT} } }`,
        { scope: { sprintKeys, teamKeys: ['A', 'B'], measure } },
        s.token,
      );
      expect(live.report).toEqual(alignment);
      // T1, T3, T5, T6: four tickets, T3 once although it was in two of the sprints.
      expect(alignment.ticketCount).toBe(4);
    }
  });

  it("windows follow the organization's cadence", async () => {
    await app.ok(
      `mutation { updateOrganizationSettings(input: { cadenceDays: 7 }) { id } }`,
      {},
      s.token,
    );
    try {
      const trend: Point[] = (await app.ok(TREND, { last: 6 }, s.token)).alignmentTrend;
      // 7-day windows back from Jan 31.
      expect(table(trend).map((p) => [p.period, p.sprints, p.total])).toEqual([
        ['2026-12-28..2027-01-03', 'A-S0', 4],
        ['2027-01-04..2027-01-10', 'B-S1', 3],
        ['2027-01-11..2027-01-17', 'A-S1 B-S2', 8],
        ['2027-01-18..2027-01-24', 'B-S3', 2],
        ['2027-01-25..2027-01-31', 'A-S2 B-S4', 16], // T1 5 + T3 2 + T5 1 + T6 8
      ]);
    } finally {
      await app.ok(
        `mutation { updateOrganizationSettings(input: { cadenceDays: 14 }) { id } }`,
        {},
        s.token,
      );
    }
  });
});
