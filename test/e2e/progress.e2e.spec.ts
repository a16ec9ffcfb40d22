import { queryCounter } from '@app/database';
import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';
import { PROGRESS_PLAN } from '../support/plans.js';

/**
 * docs/design.md 2.2 over HTTP: initiative delivery, outcome vs output and key result scoring
 * resolve through the API, the schema refuses bad scores, roles and another organization hold.
 * The figures computed by hand, the thresholds, the scoring rules and scoreAll are held by the
 * services in test/integration/progress.spec.ts.
 */

const t = (
  externalKey: string,
  points: number | null,
  rawStatus: string,
  sprintNames: string[],
  extra: Record<string, unknown> = {},
) => ({ externalKey, title: externalKey, type: 'Story', rawStatus, points, sprintNames, ...extra });

// Delivery by hand (unestimatedPoints 1):
//   I1: done T1 5 + T2 3 = 8, in progress T3 2, total 8 + 2 + T4 (unestimated) 1 = 11 -> 8/11
//       (T5 cancelled, T6 a sub-task, T7 archived: none counts)
//   I2: T2 3 (linked by hand too: counts fully in both), T8 4 (no sprint), T9 4, all done -> 11/11
//   I3: T10 6 done -> 1 (cancelled: its own figure shows, but it supports nothing)
//   I4: no tickets -> 0 / 0, delivery null
const TICKETS = [
  t('T1', 5, 'Done', ['Sprint 1'], { epicKey: 'E1' }),
  t('T2', 3, 'Done', ['Sprint 2'], { epicKey: 'E1' }),
  t('T3', 2, 'In Progress', ['Sprint 2'], { epicKey: 'E1' }),
  t('T4', null, 'To Do', ['Sprint 2'], { epicKey: 'E1' }),
  t('T5', 8, "Won't Do", ['Sprint 2'], { epicKey: 'E1' }),
  t('T6', 4, 'Done', ['Sprint 2'], { type: 'Sub-task', parentKey: 'T1' }),
  t('T7', 10, 'Done', ['Sprint 2'], { epicKey: 'E1' }),
  t('T8', 4, 'Done', [], { epicKey: 'E2' }),
  t('T9', 4, 'Done', ['Sprint 2'], { epicKey: 'E2' }),
  t('T10', 6, 'Done', ['Sprint 2'], { epicKey: 'E3' }),
  t('T11', 1, 'Done', ['Sprint 2']),
];

/** An organization with the plan and tickets above; returns its session and a few ids. */
async function buildOrganization(app: TestApp, name = 'Acme') {
  const s = await app.signUp(name);
  const plan = await app.ok(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: PROGRESS_PLAN },
    s.token,
  );
  expect(plan.importPlan.problems).toEqual([]);
  const tickets = await app.ok(
    `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created warnings { message } } }`,
    { t: TICKETS },
    s.token,
  );
  expect(tickets.upsertTickets).toEqual({ created: TICKETS.length, warnings: [] });
  const ids = await app.ok(
    `{ t2: ticket(key: "T2") { id } t6: ticket(key: "T6") { id } t7: ticket(key: "T7") { id }
       i1: initiative(key: "I1") { id } i2: initiative(key: "I2") { id }
       kr1: keyResult(key: "KR1") { id } kr5: keyResult(key: "KR5") { id } }`,
    {},
    s.token,
  );
  const link = `mutation($t: ID!, $i: ID!) { linkTicket(input: { ticketId: $t, initiativeId: $i }) { weight } }`;
  await app.ok(link, { t: ids.t2.id, i: ids.i2.id }, s.token);
  await app.ok(link, { t: ids.t6.id, i: ids.i1.id }, s.token);
  await app.ok(`mutation($id: ID!) { archiveTicket(id: $id) { id } }`, { id: ids.t7.id }, s.token);
  return {
    session: s,
    keyResultIds: { KR1: ids.kr1.id as string, KR5: ids.kr5.id as string },
  };
}

/** Another organization with the plan only; its session and the id of its KR5. */
async function planOnly(app: TestApp, name: string) {
  const s = await app.signUp(name);
  await app.ok(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: PROGRESS_PLAN },
    s.token,
  );
  const ids = await app.ok(`{ keyResult(key: "KR5") { id } }`, {}, s.token);
  return { session: s, kr5: ids.keyResult.id as string };
}

const DELIVERY = `{ initiatives(first: 50) { nodes { key
  delivery { donePoints inProgressPoints totalPoints delivery } } } }`;
const OUTCOMES = `{ keyResults(first: 50) { nodes { key outcomeVsOutput { progress delivery flagged } } } }`;

const byKey = <T extends { key: string }>(nodes: T[]) =>
  Object.fromEntries(nodes.map(({ key, ...rest }) => [key, rest]));

describe('progress: delivery, outcome vs output and scores', () => {
  let app: TestApp;
  let org: Awaited<ReturnType<typeof buildOrganization>>;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    org = await buildOrganization(app);
    s = org.session;
  });
  afterAll(() => app.close());

  it('Initiative.delivery and KeyResult.outcomeVsOutput resolve over the API', async () => {
    const delivery = byKey<{ key: string; delivery: Record<string, number | null> }>(
      (await app.ok(DELIVERY, {}, s.token)).initiatives.nodes,
    );
    expect(delivery.I1.delivery).toEqual({
      donePoints: 8,
      inProgressPoints: 2,
      totalPoints: 11,
      delivery: 8 / 11,
    });
    const outcomes = byKey<{ key: string; outcomeVsOutput: Record<string, unknown> }>(
      (await app.ok(OUTCOMES, {}, s.token)).keyResults.nodes,
    );
    expect(outcomes.KR2.outcomeVsOutput).toEqual({ progress: 0.6, delivery: 1, flagged: false });
  });

  describe('scoring', () => {
    const SCORE = `mutation($input: ScoreKeyResultInput!) { scoreKeyResult(input: $input) {
      key score scoreNote progress objective { key score } } }`;
    const score = (token: string, input: Record<string, unknown>) =>
      app.gql(SCORE, { input }, token);
    const scores = async (token = s.token) =>
      (
        await app.ok(
          `{ objectives(first: 10) { nodes { key score keyResults { key score scoreNote } } } }`,
          {},
          token,
        )
      ).objectives.nodes;

    it('scoreKeyResult answers with the key result and its objective’s score', async () => {
      const first = await score(s.token, { keyResultId: org.keyResultIds.KR1 });
      expect(first.errors).toBeUndefined();
      expect(first.data!.scoreKeyResult).toEqual({
        key: 'KR1',
        score: 0.2,
        scoreNote: '',
        progress: 0.2,
        objective: { key: 'O1', score: expect.closeTo(0.2, 12) },
      });
    });

    it('refuses input the schema rejects and another organization’s key result, changing nothing', async () => {
      const other = await planOnly(app, 'Foreign');
      const before = await scores();
      const kr5 = org.keyResultIds.KR5;
      const fields = async (input: Record<string, unknown>) =>
        expectError(await score(s.token, input), 'BAD_USER_INPUT').extensions.fields;
      expect(await fields({ keyResultId: kr5, score: 1.5 })).toEqual([
        { field: 'input.score', message: 'must be a fraction between 0 and 1' },
      ]);
      expect(await fields({ keyResultId: kr5, score: -0.1 })).toEqual([
        { field: 'input.score', message: 'must be a fraction between 0 and 1' },
      ]);
      expect(await fields({ keyResultId: 'KR5', score: 0.5 })).toEqual([
        { field: 'input.keyResultId', message: 'must be an id' },
      ]);
      expect(await fields({ keyResultId: kr5, note: 'x'.repeat(10_001) })).toEqual([
        expect.objectContaining({ field: 'input.note' }),
      ]);
      expectError(
        await app.gql(SCORE, { input: { keyResultId: kr5, score: 'high' } }, s.token),
        'BAD_USER_INPUT',
      );

      // another organization's key result: NOT_FOUND, and it stays unscored
      expectError(await score(s.token, { keyResultId: other.kr5, score: 1 }), 'NOT_FOUND');
      const foreign = await app.ok(
        `{ keyResult(key: "KR5") { score scoreNote } }`,
        {},
        other.session.token,
      );
      expect(foreign.keyResult).toEqual({ score: null, scoreNote: '' });

      expect(await scores()).toEqual(before);
    });

    it('EDITOR may score; VIEWER and MEMBER may not (but VIEWER reads)', async () => {
      const input = { keyResultId: org.keyResultIds.KR5, score: 0.9 };
      for (const role of ['VIEWER', 'MEMBER']) {
        expectError(await score(await tokenFor(app, s, role), input), 'FORBIDDEN');
      }
      const viewer = await tokenFor(app, s, 'VIEWER');
      const read = await app.ok(
        `{ keyResult(key: "KR5") { score outcomeVsOutput { flagged } } }`,
        {},
        viewer,
      );
      expect(read.keyResult).toEqual({ score: null, outcomeVsOutput: { flagged: false } });
      const editor = await score(await tokenFor(app, s, 'EDITOR'), input);
      expect(editor.data?.scoreKeyResult).toMatchObject({ key: 'KR5', score: 0.9 });
      expectError(await score('', input), 'UNAUTHENTICATED');
    });
  });
});

/**
 * The new fields resolve through per-request DataLoaders: the same statements for 3 initiatives
 * and key results as for 30.
 */
describe('progress fields: SQL statements do not grow with the tree', () => {
  let app: TestApp;
  beforeAll(async () => {
    // statements are counted per request: every request checks its session, whatever came before
    app = await TestApp.start({ env: { SESSION_CACHE_MS: '0' } });
  });
  afterAll(() => app.close());

  const build = async (n: number) => {
    const lines = [
      'version: 1',
      'goals: [{ key: G1, title: G1 }]',
      'teams: [{ key: A, name: A }]',
      'cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]',
      'sprints: [{ key: S1, team: A, name: S1, start: 2027-01-04, end: 2027-01-17, state: ACTIVE }]',
      'objectives:',
    ];
    for (let i = 0; i < n; i++) {
      lines.push(
        `  - { key: O${i}, cycle: Q1, title: O${i}, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR${i}, title: k, kind: NUMERIC, start: 0, target: 10, current: ${i % 10} }] }`,
      );
    }
    lines.push('initiatives:');
    const tickets: Record<string, unknown>[] = [];
    for (let i = 0; i < n; i++) {
      lines.push(
        `  - { key: I${i}, externalKey: E${i}, title: I${i}, supports: [{ keyResult: KR${i} }, { keyResult: KR${(i + 1) % n}, weight: 2 }] }`,
      );
      for (const [k, rawStatus] of ['Done', 'In Progress', 'To Do'].entries()) {
        tickets.push({
          externalKey: `T${i}-${k}`,
          title: 't',
          rawStatus,
          points: k === 2 ? null : k + 1,
          sprintNames: ['S1'],
          epicKey: `E${i}`,
        });
      }
    }
    const s = await app.signUp();
    const plan = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: `${lines.join('\n')}\n` },
      s.token,
    );
    expect(plan.importPlan.problems).toEqual([]);
    await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created } }`,
      { t: tickets },
      s.token,
    );
    return s;
  };

  const QUERY = `{
    initiatives(first: 50) { nodes { key delivery { donePoints inProgressPoints totalPoints delivery }
      supports { weight keyResult { key outcomeVsOutput { delivery flagged } } } } }
    keyResults(first: 50) { nodes { key score outcomeVsOutput { progress delivery flagged } } }
    objectives(first: 50) { nodes { key score progress keyResults { key outcomeVsOutput { delivery } } } } }`;

  const count = async (s: Session) => {
    queryCounter.statements = 0;
    const data = await app.ok(QUERY, {}, s.token);
    return { statements: queryCounter.statements, data };
  };

  it('answers delivery, outcomeVsOutput and score on 3 and on 30 in the same statements', async () => {
    const small = await count(await build(3));
    const large = await count(await build(30));
    expect(small.data.initiatives.nodes).toHaveLength(3);
    expect(large.data.initiatives.nodes).toHaveLength(30);
    // each initiative: done 1, in progress 2, total 1 + 2 + 1 (unestimated) = 4
    expect(large.data.initiatives.nodes[7].delivery).toEqual({
      donePoints: 1,
      inProgressPoints: 2,
      totalPoints: 4,
      delivery: 0.25,
    });
    expect(large.data.keyResults.nodes[0].outcomeVsOutput.delivery).toBe(0.25);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(60);
  });
});
