import { Tenant } from '@app/common';
import { TestApp, type Session } from '../support/test-app.js';

/**
 * Identical report reads arriving together are computed once per process (Tenant.sharedSnapshot):
 * a write followed by a read must still see the write, on the replica that took the write and on
 * another one, while the same reads keep arriving and being shared.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Growth, horizon: CORE, targetShare: 0.6 }
teams: [{ key: A, name: Team A }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }
sprints:
  - { key: A-S1, team: A, name: A Sprint 1, start: 2027-01-04, end: 2027-01-17, state: ACTIVE }
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: E1, title: I1, status: IN_PROGRESS, supports: [{ keyResult: O1-KR1 }] }
`;

const UPSERT = `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created updated } }`;
const READS = {
  alignment: `{ alignment { totalEffort ticketCount goals { effort } } }`,
  gaps: `{ gaps { unaligned { reason effort ticketCount tickets { key } } } }`,
  tree: `{ alignmentTree { totalEffort } }`,
  trend: `{ alignmentTrend(last: 2, measure: POINTS) { report { totalEffort } } }`,
};

async function organization(app: TestApp, name: string): Promise<Session> {
  const s = await app.signUp(name);
  const plan = await app.ok(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: PLAN },
    s.token,
  );
  expect(plan.importPlan.problems).toEqual([]);
  return s;
}

const ticket = (key: string, points: number, epic: boolean) => ({
  externalKey: key,
  title: key,
  rawStatus: 'In Progress',
  points,
  sprintNames: ['A Sprint 1'],
  ...(epic ? { epicKey: 'E1' } : {}),
});

/** Every read of READS for `token` on `app`, over and over, until `stop` is set. */
function keepReading(app: TestApp, token: string, stop: { now: boolean }): Promise<void>[] {
  return Object.values(READS).flatMap((query) =>
    [0, 1].map(async () => {
      while (!stop.now) await app.ok(query, {}, token);
    }),
  );
}

describe('shared report reads', () => {
  let one: TestApp;
  let two: TestApp;
  let s: Session;
  let other: Session;
  beforeAll(async () => {
    one = await TestApp.start();
    // a second replica on the same database: its reads are shared among its own requests
    two = await TestApp.start({ databaseUrl: one.databaseUrl });
    s = await organization(one, 'Acme');
    other = await organization(one, 'Other');
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('a write followed by a read sees the write, on either replica, while identical reads are shared', async () => {
    const stop = { now: false };
    const readers = [
      ...keepReading(one, s.token, stop),
      ...keepReading(two, s.token, stop),
      ...keepReading(one, other.token, stop),
    ];
    let total = 0;
    let unaligned = 0;
    try {
      for (let i = 1; i <= 12; i++) {
        const writer = i % 2 ? one : two;
        const reader = i % 3 ? two : one;
        // an aligned ticket and an unaligned one, then the same two again with more points
        const points = i;
        const res = await writer.ok(
          UPSERT,
          { t: [ticket(`A${i % 4}`, points, true), ticket(`U${i % 4}`, points, false)] },
          s.token,
        );
        const previous = i > 4 ? i - 4 : 0;
        total += 2 * (points - previous);
        unaligned += points - previous;
        expect(res.upsertTickets.created + res.upsertTickets.updated).toBe(2);
        const [alignment, gaps, tree, trend] = await Promise.all([
          reader.ok(READS.alignment, {}, s.token),
          reader.ok(READS.gaps, {}, s.token),
          reader.ok(READS.tree, {}, s.token),
          reader.ok(READS.trend, {}, s.token),
        ]);
        expect(alignment.alignment.totalEffort).toBe(total);
        expect(alignment.alignment.goals[0].effort).toBe(total - unaligned);
        const bucket = gaps.gaps.unaligned.find(
          (u: { reason: string }) => u.reason === 'NO_INITIATIVE',
        );
        expect(bucket.effort).toBe(unaligned);
        expect(bucket.tickets.map((t: { key: string }) => t.key)).toContain(`U${i % 4}`);
        expect(tree.alignmentTree.totalEffort).toBe(total);
        expect(trend.alignmentTrend.at(-1).report.totalEffort).toBe(total);
      }
    } finally {
      stop.now = true;
      await Promise.all(readers);
    }
    // the other organization's identical reads were never given Acme's answer
    const theirs = await two.ok(READS.alignment, {}, other.token);
    expect(theirs.alignment.totalEffort).toBe(0);
    // reads were shared, and nothing is kept once the computations settle
    expect(flightsOf(one).joined + flightsOf(two).joined).toBeGreaterThan(0);
    expect(flightsOf(one).size).toBe(0);
    expect(flightsOf(two).size).toBe(0);
  });
});

function flightsOf(app: TestApp): { size: number; joined: number } {
  return (app.app.get(Tenant) as unknown as { flights: { size: number; joined: number } }).flights;
}
