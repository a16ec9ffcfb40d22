import { expectError, TestApp, type GqlResponse, type Session } from '../support/test-app.js';

/**
 * docs/design.md 3, states move only through their operations: create and update never set a cycle's
 * or a sprint's state; lockCycle / closeCycle and startSprint / closeSprint do, each answering a
 * coded error from the wrong state and CONFLICT (never a raw database error) when a concurrent
 * operation wins a race. A plan file may set any state: an ACTIVE cycle it loads without a
 * baseline gets one, marked as loaded.
 */
const PLAN = `version: 1
goals: [{ key: G1, title: G1 }]
teams: [{ key: A, name: Team A }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
  - { key: Q3, name: Q3, start: 2027-07-01, end: 2027-09-30 }
sprints:
  - { key: S1, team: A, name: Sprint 1, start: 2027-01-04, end: 2027-01-17, state: CLOSED }
  - { key: S2, team: A, name: Sprint 2, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
  - { key: S3, team: A, name: Sprint 3, start: 2027-02-01, end: 2027-02-14 }
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, title: I1, team: A, cycle: Q1, estimate: 8, supports: [{ keyResult: O1-KR1 }] }
`;

describe('states move only through their operations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  async function organization(): Promise<Session> {
    const s = await app.signUp();
    const res = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: PLAN },
      s.token,
    );
    expect(res.importPlan.problems).toEqual([]);
    return s;
  }
  const op = (s: Session, mutation: string, key: string) =>
    app.gql(`mutation($k: String!) { ${mutation} }`, { k: key }, s.token);
  const lockCycle = (s: Session, key: string) =>
    op(s, `lockCycle(cycleKey: $k) { loaded cycle { key state } }`, key);
  const closeCycle = (s: Session, key: string) =>
    op(s, `closeCycle(cycleKey: $k) { cycle { key state } }`, key);
  const startSprint = (s: Session, key: string) => op(s, `startSprint(key: $k) { key state }`, key);
  const closeSprint = (s: Session, key: string) => op(s, `closeSprint(key: $k) { key state }`, key);
  const codes = (responses: GqlResponse[]) =>
    responses.map((r) => (r.errors?.length ? r.errors[0].extensions.code : 'OK')).sort();

  it('create and update inputs have no state: GraphQL refuses one', async () => {
    const s = await app.signUp();
    const { createTeam } = await app.ok(
      `mutation { createTeam(input: { key: "A", name: "A" }) { id } }`,
      {},
      s.token,
    );
    const cycle = { key: 'Q1', name: 'Q1', startDate: '2027-01-01', endDate: '2027-03-31' };
    const sprint = { ...cycle, key: 'S1', teamId: createTeam.id, startDate: '2027-01-04' };
    const refused = [
      await app.gql(
        `mutation($i: CreateCycleInput!) { createCycle(input: $i) { id } }`,
        { i: { ...cycle, state: 'ACTIVE' } },
        s.token,
      ),
      await app.gql(
        `mutation($i: CreateSprintInput!) { createSprint(input: $i) { id } }`,
        { i: { ...sprint, state: 'ACTIVE' } },
        s.token,
      ),
    ];
    for (const res of refused) {
      expect(expectError(res, 'BAD_USER_INPUT').message).toMatch(/"state" is not defined/);
    }
    const created = await app.ok(
      `mutation($c: CreateCycleInput!, $s: CreateSprintInput!) {
         createCycle(input: $c) { id state } createSprint(input: $s) { id state } }`,
      { c: cycle, s: sprint },
      s.token,
    );
    expect(created.createCycle.state).toBe('DRAFT');
    expect(created.createSprint.state).toBe('FUTURE');
    for (const [type, mutation, id] of [
      ['UpdateCycleInput', 'updateCycle', created.createCycle.id],
      ['UpdateSprintInput', 'updateSprint', created.createSprint.id],
    ]) {
      expectError(
        await app.gql(
          `mutation($i: ${type}!) { ${mutation}(input: $i) { id } }`,
          { i: { id, state: 'ACTIVE' } },
          s.token,
        ),
        'BAD_USER_INPUT',
      );
    }
  });

  it('startSprint: FUTURE -> ACTIVE; every other move is a coded error', async () => {
    const s = await organization();
    expect((await startSprint(s, 'S3')).data!.startSprint).toEqual({ key: 'S3', state: 'ACTIVE' });
    // a team may run several ACTIVE sprints (S2 and S3 now)
    const active = await app.ok(`{ sprints(state: ACTIVE) { nodes { key } } }`, {}, s.token);
    expect(active.sprints.nodes).toEqual([{ key: 'S2' }, { key: 'S3' }]);
    expect(expectError(await startSprint(s, 'S3'), 'CONFLICT').message).toBe(
      'sprint "S3" is ACTIVE: only a FUTURE sprint can be started',
    );
    expect(expectError(await startSprint(s, 'S1'), 'CONFLICT').message).toMatch(/is CLOSED/);
    expectError(await startSprint(s, 'NOPE'), 'NOT_FOUND');
    expect((await closeSprint(s, 'S3')).data!.closeSprint.state).toBe('CLOSED');
    expect(expectError(await closeSprint(s, 'S3'), 'CONFLICT').message).toBe(
      'sprint "S3" is CLOSED: only an ACTIVE sprint can be closed',
    );
    expectError(await startSprint(s, 'S3'), 'CONFLICT');
    const viewer = await app.gql(`mutation { startSprint(key: "S2") { key } }`, {});
    expectError(viewer, 'UNAUTHENTICATED');
  });

  it('lockCycle and closeCycle answer coded errors from the wrong state', async () => {
    const s = await organization();
    expect(expectError(await lockCycle(s, 'Q1'), 'BAD_USER_INPUT').message).toBe(
      'cycleKey: cycle "Q1" is ACTIVE, not DRAFT',
    );
    expect(expectError(await lockCycle(s, 'Q2'), 'CONFLICT').message).toMatch(
      /cycle "Q1" is already ACTIVE/,
    );
    expectError(await closeCycle(s, 'Q2'), 'BAD_USER_INPUT');
    await closeCycle(s, 'Q1');
    expectError(await closeCycle(s, 'Q1'), 'BAD_USER_INPUT');
    expect(expectError(await lockCycle(s, 'Q1'), 'BAD_USER_INPUT').message).toMatch(
      /is CLOSED, not DRAFT/,
    );
    expect((await lockCycle(s, 'Q2')).data!.lockCycle).toEqual({
      loaded: false,
      cycle: { key: 'Q2', state: 'ACTIVE' },
    });
  });

  it('a plan file that moves a locked cycle back to DRAFT cannot make lockCycle fail raw', async () => {
    const s = await organization();
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { message } } }`,
      { y: 'version: 1\ncycles:\n  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31 }\n' },
      s.token,
    );
    expect(expectError(await lockCycle(s, 'Q1'), 'CONFLICT').message).toMatch(
      /^cycle "Q1" was locked before \(its baseline is of .*\) and baselines are immutable: it cannot be locked again$/,
    );
  });

  it('an ACTIVE cycle loaded from a plan file gets a baseline at load, marked as loaded', async () => {
    const s = await organization();
    const { planVsActual } = await app.ok(
      `{ planVsActual(cycleKey: "Q1") { baseline { loaded initiativeCount plannedEffort cycle { key }
           projected { goals { goal { key } share } } } } }`,
      {},
      s.token,
    );
    expect(planVsActual.baseline).toEqual({
      loaded: true,
      initiativeCount: 1,
      plannedEffort: 8,
      cycle: { key: 'Q1' },
      projected: { goals: [{ goal: { key: 'G1' }, share: 1 }] },
    });
    // importing the file again keeps that baseline: it is not replaced
    const baselineId = async () =>
      (await app.ok(`{ planVsActual(cycleKey: "Q1") { baseline { id } } }`, {}, s.token))
        .planVsActual.baseline.id as string;
    const first = await baselineId();
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { unchanged } }`,
      { y: PLAN },
      s.token,
    );
    expect(await baselineId()).toBe(first);
    // a dry run stores nothing
    const t = await app.signUp();
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y, dryRun: true) { applied } }`,
      { y: PLAN },
      t.token,
    );
    const count = await app.db.transaction({ organizationId: t.organizationId }, (em) =>
      em.query(`SELECT count(*)::int AS n FROM cycle_baselines`),
    );
    expect(count[0].n).toBe(0);
  });

  it('a CLOSED sprint loaded without a snapshot is recomputed in the trend, and marked', async () => {
    const s = await organization();
    const { alignmentTrend } = await app.ok(
      `{ alignmentTrend(last: 4) { sprint { key state } live recomputed } }`,
      {},
      s.token,
    );
    expect(alignmentTrend).toEqual([
      { sprint: { key: 'S1', state: 'CLOSED' }, live: false, recomputed: true },
      { sprint: { key: 'S2', state: 'ACTIVE' }, live: true, recomputed: false },
    ]);
  });

  it('concurrent locks of two cycles: one wins, the other is CONFLICT', async () => {
    const s = await organization();
    await closeCycle(s, 'Q1');
    const results = await Promise.all([lockCycle(s, 'Q2'), lockCycle(s, 'Q3')]);
    expect(codes(results)).toEqual(['CONFLICT', 'OK']);
    const active = await app.ok(`{ cycles(state: ACTIVE) { nodes { key } } }`, {}, s.token);
    expect(active.cycles.nodes).toHaveLength(1);
  });

  it('concurrent locks and closes of one cycle or sprint: one wins, the others get coded errors', async () => {
    const s = await organization();
    await closeCycle(s, 'Q1');
    // A loser that starts after the winner committed sees the new state (BAD_USER_INPUT from
    // lockCycle, CONFLICT from closeSprint); one that raced it gets CONFLICT. Never anything raw.
    const locks = codes(await Promise.all(Array.from({ length: 5 }, () => lockCycle(s, 'Q2'))));
    expect(locks.filter((c) => c === 'OK')).toHaveLength(1);
    expect(
      locks.filter((c) => c !== 'OK').every((c) => ['CONFLICT', 'BAD_USER_INPUT'].includes(c)),
    ).toBe(true);
    const cycleCloses = codes(
      await Promise.all(Array.from({ length: 5 }, () => closeCycle(s, 'Q2'))),
    );
    expect(cycleCloses.filter((c) => c === 'OK')).toHaveLength(1);
    expect(cycleCloses.filter((c) => c === 'BAD_USER_INPUT')).toHaveLength(4);
    const closes = codes(await Promise.all(Array.from({ length: 5 }, () => closeSprint(s, 'S2'))));
    expect(closes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const snapshots = await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(`SELECT count(*)::int AS n FROM sprint_snapshots`),
    );
    expect(snapshots[0].n).toBe(2); // one sprint, both measures
  });
});
