import { KeyResultScoreService } from '@app/alignment';
import { Tenant } from '@app/common';
import { queryCounter } from '@app/database';
import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

/**
 * docs/design.md 2.2 over HTTP: initiative delivery, outcome vs output and key result scoring, against
 * figures computed by hand below.
 */
const PLAN = `version: 1
goals: [{ key: G1, title: G1 }]
teams: [{ key: A, name: Team A }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
sprints:
  - { key: S1, team: A, name: Sprint 1, start: 2027-01-04, end: 2027-01-17, state: CLOSED }
  - { key: S2, team: A, name: Sprint 2, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
objectives:
  - key: O1
    cycle: Q1
    title: O1
    alignsTo: [{ goal: G1 }]
    keyResults:
      - { key: KR1, title: KR1, kind: NUMERIC, start: 0, target: 10, current: 2, weight: 3 }
      - { key: KR2, title: KR2, kind: NUMERIC, start: 100, target: 50, current: 70 }
      - { key: KR3, title: KR3, kind: NUMERIC, start: 0, target: 10, current: 0 }
      - { key: KR5, title: KR5, kind: NUMERIC, start: 0, target: 10, current: 5 }
  - { key: O2, cycle: Q1, title: O2, alignsTo: [{ goal: G1 }] }
  - key: O3
    cycle: Q2
    title: O3
    keyResults: [{ key: KR4, title: KR4, kind: BOOLEAN, start: 0, target: 1, current: 1 }]
initiatives:
  - { key: I1, externalKey: E1, title: I1, status: IN_PROGRESS, supports: [{ keyResult: KR1, weight: 3 }] }
  - { key: I2, externalKey: E2, title: I2, supports: [{ keyResult: KR1 }, { keyResult: KR2 }] }
  - { key: I3, externalKey: E3, title: I3, status: CANCELLED, supports: [{ keyResult: KR1 }] }
  - { key: I4, externalKey: E4, title: I4, supports: [{ keyResult: KR2 }] }
`;

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
    { y: PLAN },
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
       kr1: keyResult(key: "KR1") { id } kr2: keyResult(key: "KR2") { id }
       kr3: keyResult(key: "KR3") { id } kr4: keyResult(key: "KR4") { id } kr5: keyResult(key: "KR5") { id }
       q1: cycle(key: "Q1") { id } }`,
    {},
    s.token,
  );
  const link = `mutation($t: ID!, $i: ID!) { linkTicket(input: { ticketId: $t, initiativeId: $i }) { weight } }`;
  await app.ok(link, { t: ids.t2.id, i: ids.i2.id }, s.token);
  await app.ok(link, { t: ids.t6.id, i: ids.i1.id }, s.token);
  await app.ok(`mutation($id: ID!) { archiveTicket(id: $id) { id } }`, { id: ids.t7.id }, s.token);
  return {
    session: s,
    keyResultIds: {
      KR1: ids.kr1.id as string,
      KR2: ids.kr2.id as string,
      KR3: ids.kr3.id as string,
      KR4: ids.kr4.id as string,
      KR5: ids.kr5.id as string,
    },
    cycleId: ids.q1.id as string,
  };
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

  const setSettings = (token: string, settings: Record<string, unknown>) =>
    app.ok(
      `mutation($input: OrganizationSettingsInput!) { updateOrganizationSettings(input: $input) { id } }`,
      { input: settings },
      token,
    );

  describe('Initiative.delivery', () => {
    it('sums the done, in-progress and total points of its live tickets of any sprint', async () => {
      const data = await app.ok(DELIVERY, {}, s.token);
      const d = byKey<{ key: string; delivery: Record<string, number | null> }>(
        data.initiatives.nodes,
      );
      expect(d.I1.delivery).toEqual({
        donePoints: 8,
        inProgressPoints: 2,
        totalPoints: 11,
        delivery: 8 / 11,
      });
      expect(d.I2.delivery).toEqual({
        donePoints: 11,
        inProgressPoints: 0,
        totalPoints: 11,
        delivery: 1,
      });
      expect(d.I3.delivery).toEqual({
        donePoints: 6,
        inProgressPoints: 0,
        totalPoints: 6,
        delivery: 1,
      });
      expect(d.I4.delivery).toEqual({
        donePoints: 0,
        inProgressPoints: 0,
        totalPoints: 0,
        delivery: null,
      });
    });

    it("counts unestimated tickets at the organization's unestimatedPoints", async () => {
      const other = await buildOrganization(app, 'Estimates');
      await setSettings(other.session.token, { unestimatedPoints: 2 });
      const data = await app.ok(
        `{ initiative(key: "I1") { delivery { totalPoints delivery } } }`,
        {},
        other.session.token,
      );
      expect(data.initiative.delivery).toEqual({ totalPoints: 12, delivery: 8 / 12 });
    });
  });

  describe('KeyResult.outcomeVsOutput', () => {
    it('weighs the live supporting initiatives by their links and flags busy-not-moving', async () => {
      const data = await app.ok(OUTCOMES, {}, s.token);
      const o = byKey<{ key: string; outcomeVsOutput: Record<string, unknown> }>(
        data.keyResults.nodes,
      );
      // KR1: progress 2/10; I1 (weight 3, 8/11) and I2 (weight 1, 1); cancelled I3 left out
      expect(o.KR1.outcomeVsOutput.progress).toBeCloseTo(0.2, 12);
      expect(o.KR1.outcomeVsOutput.delivery).toBeCloseTo((3 * (8 / 11) + 1) / 4, 12);
      expect(o.KR1.outcomeVsOutput.flagged).toBe(true);
      // KR2: decreasing 100 -> 50 at 70 is 0.6; I2 delivers 1, I4 has nothing to deliver (skipped)
      expect(o.KR2.outcomeVsOutput).toEqual({ progress: 0.6, delivery: 1, flagged: false });
      // KR3: no initiative at all
      expect(o.KR3.outcomeVsOutput).toEqual({ progress: 0, delivery: null, flagged: false });
      expect(o.KR4.outcomeVsOutput).toEqual({ progress: 1, delivery: null, flagged: false });
    });

    it("follows the organization's thresholds, at or beyond counting", async () => {
      const other = await buildOrganization(app, 'Thresholds');
      const token = other.session.token;
      const kr1 = async () =>
        (
          await app.ok(
            `{ keyResult(key: "KR1") { outcomeVsOutput { delivery flagged } } }`,
            {},
            token,
          )
        ).keyResult.outcomeVsOutput;
      // unestimated at 2: I1 8/12, so KR1's delivery is (3 * 2/3 + 1) / 4 = 0.75
      await setSettings(token, {
        unestimatedPoints: 2,
        thresholds: { drift: 0.1, outputHigh: 0.8, outcomeLow: 0.3, staleAfterHours: 24 },
      });
      expect(await kr1()).toEqual({ delivery: 0.75, flagged: false });
      await setSettings(token, {
        thresholds: { drift: 0.1, outputHigh: 0.75, outcomeLow: 0.2, staleAfterHours: 24 },
      });
      expect(await kr1()).toEqual({ delivery: 0.75, flagged: true });
      await setSettings(token, {
        thresholds: { drift: 0.1, outputHigh: 0.75, outcomeLow: 0.1, staleAfterHours: 24 },
      });
      expect(await kr1()).toEqual({ delivery: 0.75, flagged: false });
    });
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

    it('scores at the current progress by default, or as given with a note; objectives average', async () => {
      const { session, keyResultIds } = await buildOrganization(app, 'Scores');
      const token = session.token;
      const before = await scores(token);
      expect(before.map((o: { score: unknown }) => o.score)).toEqual([null, null, null]);

      const first = await score(token, { keyResultId: keyResultIds.KR1 });
      expect(first.errors).toBeUndefined();
      expect(first.data!.scoreKeyResult).toEqual({
        key: 'KR1',
        score: 0.2,
        scoreNote: '',
        progress: 0.2,
        objective: { key: 'O1', score: expect.closeTo(0.2, 12) },
      });

      const second = await app.ok(
        SCORE,
        {
          input: { keyResultId: keyResultIds.KR2, score: 0.5, note: '  half way there  ' },
        },
        token,
      );
      expect(second.scoreKeyResult).toMatchObject({
        key: 'KR2',
        score: 0.5,
        scoreNote: 'half way there',
      });
      // O1: (3 * 0.2 + 1 * 0.5) / (3 + 1); KR3 and KR5 are not scored and are skipped
      expect(second.scoreKeyResult.objective.score).toBeCloseTo(1.1 / 4, 12);

      // 0 is a score, not "use the default"; a new score without a note clears the old note
      const zero = await app.ok(
        SCORE,
        { input: { keyResultId: keyResultIds.KR2, score: 0 } },
        token,
      );
      expect(zero.scoreKeyResult).toMatchObject({ score: 0, scoreNote: '' });
      expect(zero.scoreKeyResult.objective.score).toBeCloseTo(0.6 / 4, 12);

      const after = byKey<{ key: string; score: number | null }>(await scores(token));
      expect(after.O2.score).toBeNull(); // no key results
      expect(after.O3.score).toBeNull(); // none scored
    });

    it('refuses bad input, unknown and foreign ids and archived key results, changing nothing', async () => {
      const other = await buildOrganization(app, 'Foreign');
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

      const unknown = expectError(
        await score(s.token, { keyResultId: '00000000-0000-4000-8000-000000000000' }),
        'NOT_FOUND',
      );
      expect(unknown.message).toMatch(/key result .* not found/);
      // another organization's key result: NOT_FOUND, and it stays unscored
      expectError(
        await score(s.token, { keyResultId: other.keyResultIds.KR5, score: 1 }),
        'NOT_FOUND',
      );
      const foreign = await app.ok(
        `{ keyResult(key: "KR5") { score scoreNote } }`,
        {},
        other.session.token,
      );
      expect(foreign.keyResult).toEqual({ score: null, scoreNote: '' });

      await app.ok(
        `mutation($id: ID!) { archiveKeyResult(id: $id) { id } }`,
        { id: other.keyResultIds.KR3 },
        other.session.token,
      );
      const archived = expectError(
        await score(other.session.token, { keyResultId: other.keyResultIds.KR3 }),
        'BAD_USER_INPUT',
      );
      expect(archived.extensions.fields).toEqual([
        { field: 'input.keyResultId', message: 'key result "KR3" is archived' },
      ]);

      expect(await scores()).toEqual(before);
    });

    it('EDITOR may score; VIEWER and MEMBER may not (but VIEWER reads)', async () => {
      const { session, keyResultIds } = await buildOrganization(app, 'Roles');
      const input = { keyResultId: keyResultIds.KR5, score: 0.9 };
      for (const role of ['VIEWER', 'MEMBER']) {
        expectError(await score(await tokenFor(app, session, role), input), 'FORBIDDEN');
      }
      const viewer = await tokenFor(app, session, 'VIEWER');
      const read = await app.ok(
        `{ keyResult(key: "KR5") { score outcomeVsOutput { flagged } } }`,
        {},
        viewer,
      );
      expect(read.keyResult).toEqual({ score: null, outcomeVsOutput: { flagged: false } });
      const editor = await score(await tokenFor(app, session, 'EDITOR'), input);
      expect(editor.data?.scoreKeyResult).toMatchObject({ key: 'KR5', score: 0.9 });
      expectError(await score('', input), 'UNAUTHENTICATED');
    });
  });

  describe('scoreAll (what closeCycle calls)', () => {
    it("scores every unscored key result of the cycle's objectives at its progress, keeping given scores", async () => {
      const other = await buildOrganization(app, 'Closing');
      const token = other.session.token;
      await app.ok(
        `mutation($input: ScoreKeyResultInput!) { scoreKeyResult(input: $input) { score } }`,
        { input: { keyResultId: other.keyResultIds.KR1, score: 0.9, note: 'by hand' } },
        token,
      );
      await app.ok(
        `mutation($id: ID!) { archiveKeyResult(id: $id) { id } }`,
        { id: other.keyResultIds.KR3 },
        token,
      );
      const actor = {
        userId: other.session.userId,
        organizationId: other.session.organizationId,
        role: 'OWNER' as const,
      };
      const service = app.app.get(KeyResultScoreService);
      const tenant = app.app.get(Tenant);
      const scored = await tenant.run(actor, (em) => service.scoreAll(em, actor, other.cycleId));
      expect(scored).toBe(2); // KR2 and KR5; KR1 was scored by hand, KR3 is archived
      const data = await app.ok(
        `{ keyResults(first: 10, includeArchived: true) { nodes { key score scoreNote } } objective(key: "O1") { score } }`,
        {},
        token,
      );
      expect(byKey(data.keyResults.nodes)).toEqual({
        KR1: { score: 0.9, scoreNote: 'by hand' },
        KR2: { score: 0.6, scoreNote: '' },
        KR3: { score: null, scoreNote: '' },
        KR4: { score: null, scoreNote: '' }, // another cycle
        KR5: { score: 0.5, scoreNote: '' },
      });
      // O1: (3 * 0.9 + 0.6 + 0.5) / 5
      expect(data.objective.score).toBeCloseTo(3.8 / 5, 12);

      // again: nothing left to score; another organization's cycle is not found
      expect(await tenant.run(actor, (em) => service.scoreAll(em, actor, other.cycleId))).toBe(0);
      await expect(
        tenant.run(actor, (em) => service.scoreAll(em, actor, org.cycleId)),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const untouched = await app.ok(`{ keyResult(key: "KR2") { score } }`, {}, s.token);
      expect(untouched.keyResult.score).toBeNull();
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
