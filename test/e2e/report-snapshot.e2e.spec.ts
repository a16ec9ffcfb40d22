import type { EntityManager } from 'typeorm';
import type { Database } from '@app/database';
import { TestApp, type Session } from '../support/test-app.js';

/**
 * docs/design.md 2.1: a report is computed from one consistent snapshot, so a write that commits while
 * it runs is wholly in it or wholly out; sprint snapshots likewise. The report reads the upper
 * graph and then the tickets in two statements. This test commits a write that changes both (an
 * initiative gets a key result, and a ticket gets that initiative) exactly between those two
 * statements, deterministically: the report's own transaction waits, after its graph statement,
 * until the write has committed. Read in two snapshots, the ticket would reach an initiative the
 * graph did not know to support anything (NO_KEY_RESULT), a figure of neither state.
 */
const PLAN = `version: 1
goals: [{ key: G1, title: G1 }, { key: G2, title: G2 }]
teams: [{ key: A, name: Team A }]
cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31 }]
sprints: [{ key: S1, team: A, name: Sprint 1, start: 2027-01-04, end: 2027-01-17, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q1, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: E1, title: I1, supports: [{ keyResult: KR1 }] }
  - { key: I2, title: I2 }
`;
const TICKETS = [
  {
    externalKey: 'T1',
    title: 'T1',
    rawStatus: 'To Do',
    points: 5,
    sprintNames: ['Sprint 1'],
    epicKey: 'E1',
  },
  { externalKey: 'T2', title: 'T2', rawStatus: 'To Do', points: 5, sprintNames: ['Sprint 1'] },
];
const BEFORE = { goals: { G1: 50, G2: 0 }, unaligned: { NO_INITIATIVE: 50 } };
const AFTER = { goals: { G1: 50, G2: 50 }, unaligned: {} };

/** The graph statement of every report (libs/alignment loadAlignmentGraph). */
const GRAPH_STATEMENT = /FROM strategic_goals WHERE organization_id = \$1\s+UNION ALL/;

describe('reports read one snapshot', () => {
  let app: TestApp;
  let original: Database['transaction'];
  /** Runs once, inside the next report, right after its graph statement. */
  let between: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    app = await TestApp.start();
    const db = app.db;
    original = db.transaction.bind(db);
    db.transaction = ((scope, work, options) =>
      original(scope, (em) => work(between ? interleaved(em) : em), options)) as typeof original;
  });
  afterAll(() => app.close());

  /** `em`, whose graph statement waits for `between` to finish before returning. */
  function interleaved(em: EntityManager): EntityManager {
    const query = em.query.bind(em);
    em.query = (async (sql: string, parameters?: unknown[]) => {
      const result = await query(sql, parameters);
      const write = between;
      if (write && GRAPH_STATEMENT.test(sql)) {
        between = null;
        await write();
      }
      return result;
    }) as EntityManager['query'];
    return em;
  }

  async function organization(): Promise<Session> {
    const s = await app.signUp();
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { applied } }`,
      { y: PLAN },
      s.token,
    );
    await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created } }`,
      { t: TICKETS },
      s.token,
    );
    return s;
  }

  /** In one transaction of its own: I2 supports KR2 (graph), and T2 serves I2 (tickets). */
  const moveT2ToG2 = (s: Session) => () =>
    original({ organizationId: s.organizationId, userId: s.userId }, async (em) => {
      await em.query(
        `INSERT INTO initiative_links (organization_id, initiative_id, key_result_id, weight)
         SELECT $1, i.id, k.id, 1 FROM initiatives i, key_results k WHERE i.key = 'I2' AND k.key = 'KR2'`,
        [s.organizationId],
      );
      await em.query(
        `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight)
         SELECT $1, t.id, i.id, 1 FROM tickets t, initiatives i WHERE t.external_key = 'T2' AND i.key = 'I2'`,
        [s.organizationId],
      );
    });

  const REPORT = `goals { goal { key } percent } unaligned { reason percent }`;
  const figures = (report: {
    goals: { goal: { key: string }; percent: number }[];
    unaligned: { reason: string; percent: number }[];
  }) => ({
    goals: Object.fromEntries(report.goals.map((g) => [g.goal.key, g.percent])),
    unaligned: Object.fromEntries(report.unaligned.map((u) => [u.reason, u.percent])),
  });

  it('alignment: a write committed between its statements is wholly out, then wholly in', async () => {
    const s = await organization();
    let committed = false;
    const write = moveT2ToG2(s);
    between = async () => {
      await write();
      committed = true;
    };
    const during = await app.ok(`{ alignment { ${REPORT} } }`, {}, s.token);
    expect(committed).toBe(true);
    expect(figures(during.alignment)).toEqual(BEFORE);
    const after = await app.ok(`{ alignment { ${REPORT} } }`, {}, s.token);
    expect(figures(after.alignment)).toEqual(AFTER);
  });

  it('closeSprint stores the figures of one snapshot', async () => {
    const s = await organization();
    let committed = false;
    const write = moveT2ToG2(s);
    between = async () => {
      await write();
      committed = true;
    };
    await app.ok(`mutation { closeSprint(key: "S1") { state } }`, {}, s.token);
    expect(committed).toBe(true);
    const { alignmentTrend } = await app.ok(
      `{ alignmentTrend(last: 1) { recomputed report { ${REPORT} } } }`,
      {},
      s.token,
    );
    expect(alignmentTrend[0].recomputed).toBe(false);
    expect(figures(alignmentTrend[0].report)).toEqual(BEFORE);
  });
});
