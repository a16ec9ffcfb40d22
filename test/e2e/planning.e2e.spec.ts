import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

/**
 * docs/design.md 3, the planning session over HTTP: carry-over lineage, projection and capacity against
 * hand-computed tables, lock with an immutable baseline, scope changes recorded by the database,
 * plan vs actual and the retro of closeCycle; bad input and roles for each mutation.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }
  - { key: G2, title: Self-serve, horizon: ADJACENT, targetShare: 0.3 }
  - { key: G3, title: AI, horizon: TRANSFORMATIONAL }
teams: [{ key: A, name: Team A, capacity: 10 }, { key: B, name: Team B, capacity: 5 }, { key: C, name: Team C, capacity: 8 }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
sprints:
  - { key: A-S1, team: A, name: A Sprint 1, start: 2027-01-04, end: 2027-01-17, state: ACTIVE }
  - { key: A-S5, team: A, name: A Sprint 5, start: 2027-04-05, end: 2027-04-18 }
  - { key: A-S6, team: A, name: A Sprint 6, start: 2027-04-19, end: 2027-05-02 }
  - { key: B-S5, team: B, name: B Sprint 5, start: 2027-03-29, end: 2027-04-11 }
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1, weight: 3 }, { goal: G2, weight: 1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10, current: 5 }] }
  - { key: O2, cycle: Q1, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: O2-KR1, title: k, kind: NUMERIC, start: 0, target: 10, current: 10 }] }
  - { key: O3, cycle: Q1, title: O3, alignsTo: [{ keyResult: O1-KR1 }], keyResults: [{ key: O3-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: P1, cycle: Q2, title: P1, alignsTo: [{ goal: G3 }], keyResults: [{ key: P1-KR1, title: k, kind: NUMERIC, start: 0, target: 4, current: 1 }] }
initiatives:
  - { key: I1, title: I1, team: A, cycle: Q2, priority: MUST, estimate: 12, supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: E2, title: I2, team: A, cycle: Q2, priority: SHOULD, estimate: 6, supports: [{ keyResult: O2-KR1 }] }
  - { key: I3, title: I3, team: A, cycle: Q2, priority: COULD, estimate: 4, supports: [{ keyResult: P1-KR1 }] }
  - { key: I4, title: I4, team: B, cycle: Q2, priority: MUST, supports: [{ keyResult: P1-KR1 }] }
  - { key: I5, title: I5, team: B, cycle: Q2, priority: WONT, estimate: 50, supports: [{ keyResult: O1-KR1 }] }
  - { key: I6, title: I6, team: B, cycle: Q2, priority: SHOULD, estimate: 3 }
  - { key: I7, title: I7, team: A, cycle: Q1, priority: MUST, estimate: 5, supports: [{ keyResult: O1-KR1 }] }
`;

const REPORT = `totalEffort alignedEffort ticketCount unestimatedTickets
  goals { goal { key } effort share percent reach }
  unaligned { reason effort percent ticketCount }
  horizons { horizon effort targetShare }
  unestimatedInitiatives { key }`;

describe('planning session', () => {
  let app: TestApp;
  let s: Session;
  let viewer: string;
  let member: string;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await app.signUp();
    const res = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: PLAN },
      s.token,
    );
    expect(res.importPlan.problems).toEqual([]);
    viewer = await tokenFor(app, s, 'VIEWER');
    member = await tokenFor(app, s, 'MEMBER');
  });
  afterAll(() => app.close());

  const carry = (input: Record<string, unknown>, token = s.token) =>
    app.gql(
      `mutation($input: CarryForwardInput!) { carryForward(input: $input) { key origin { key } } }`,
      { input },
      token,
    );
  const lock = (cycleKey: string, token = s.token) =>
    app.gql(
      `mutation($c: String!) { lockCycle(cycleKey: $c) { cycle { key state } objectiveCount keyResultCount initiativeCount plannedEffort projected { totalEffort goals { goal { key } share } } } }`,
      { c: cycleKey },
      token,
    );
  const close = (cycleKey: string, token = s.token) =>
    app.gql(
      `mutation($c: String!) { closeCycle(cycleKey: $c) { cycle { key state } scoredKeyResults goals { goal { key } plannedShare actualShare score } } }`,
      { c: cycleKey },
      token,
    );
  const planVsActual = (cycleKey: string, token = s.token) =>
    app.gql(
      `query($c: String!) { planVsActual(cycleKey: $c) { baseline { plannedEffort projected { goals { goal { key } share } } }
         goals { goal { key } plannedShare actualShare drift }
         scopeChanges { entity entityKey operation before after changedBy changedAt } scopeChangeCount } }`,
      { c: cycleKey },
      token,
    );

  it('carryForward: bad input, unknown keys and roles change nothing', async () => {
    expectError(await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2' }, viewer), 'FORBIDDEN');
    expectError(await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2' }, member), 'FORBIDDEN');
    expectError(await carry({ fromCycleKey: 'bad key!', toCycleKey: 'Q2' }), 'BAD_USER_INPUT');
    expectError(await carry({ fromCycleKey: 'Q9', toCycleKey: 'Q2' }), 'NOT_FOUND');
    expectError(await carry({ fromCycleKey: 'Q2', toCycleKey: 'Q1' }), 'BAD_USER_INPUT'); // Q1 is ACTIVE
    expectError(await carry({ fromCycleKey: 'Q2', toCycleKey: 'Q2' }), 'BAD_USER_INPUT');
    expectError(
      await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2', objectiveKeys: ['O1', 'NOPE'] }),
      'NOT_FOUND',
    );
    const other = await app.signUp();
    expectError(await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2' }, other.token), 'NOT_FOUND');
    const { objectives } = await app.ok(`{ objectives { nodes { key } } }`, {}, s.token);
    expect(objectives.nodes.map((o: { key: string }) => o.key).sort()).toEqual([
      'O1',
      'O2',
      'O3',
      'P1',
    ]);
  });

  it('carryForward copies the unfinished objectives with lineage and moves initiative links', async () => {
    const res = await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.carryForward).toEqual([
      { key: 'O1@Q2', origin: { key: 'O1' } },
      { key: 'O3@Q2', origin: { key: 'O3' } },
    ]);
    const tree = await app.ok(
      `{ o1: objective(key: "O1@Q2") { cycle { key } keyResults { key origin { key } } }
         kr: keyResult(key: "O1-KR1@Q2") { current initiativeLinks { initiative { key } } }
         old: keyResult(key: "O1-KR1") { initiativeLinks { initiative { key } } } }`,
      {},
      s.token,
    );
    expect(tree.o1.cycle.key).toBe('Q2');
    expect(tree.o1.keyResults).toEqual([{ key: 'O1-KR1@Q2', origin: { key: 'O1-KR1' } }]);
    expect(tree.kr.current).toBe(5);
    expect(tree.kr.initiativeLinks.map((l: any) => l.initiative.key).sort()).toEqual([
      'I1',
      'I5',
      'I7',
    ]);
    expect(tree.old.initiativeLinks).toEqual([]);
    // O3 aligned to O1-KR1: its copy aligns to the copy of O1-KR1.
    const links = await app.ok(
      `{ objective(key: "O3@Q2") { alignsTo { keyResult { key } weight } } }`,
      {},
      s.token,
    );
    expect(links.objective.alignsTo).toEqual([{ keyResult: { key: 'O1-KR1@Q2' }, weight: 1 }]);
    // the same keys again: CONFLICT, nothing written
    expectError(
      await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2', objectiveKeys: ['O2', 'O1'] }),
      'CONFLICT',
    );
    expect(
      await app.ok(`{ objective(key: "O2@Q2") { key } }`, {}, s.token).catch(() => null),
    ).toBeNull();
  });

  it('projectedAlignment equals the hand-computed table', async () => {
    // counted: I1 12 (G1 9, G2 3), I2 6 (G2), I3 4 (G3), I4 unestimated 0, I6 3 (NO_KEY_RESULT);
    // I5 is WONT (left out), I7 is planned for Q1. Total 25.
    const { projectedAlignment: r } = await app.ok(
      `{ projectedAlignment(cycleKey: "Q2") { ${REPORT} } }`,
      {},
      viewer,
    );
    expect(r).toMatchObject({
      totalEffort: 25,
      alignedEffort: 22,
      ticketCount: 5,
      unestimatedTickets: 1,
    });
    expect(r.goals).toEqual([
      { goal: { key: 'G1' }, effort: 9, share: 9 / 25, percent: 36, reach: 12 / 25 },
      { goal: { key: 'G2' }, effort: 9, share: 9 / 25, percent: 36, reach: 18 / 25 },
      { goal: { key: 'G3' }, effort: 4, share: 4 / 25, percent: 16, reach: 4 / 25 },
    ]);
    expect(r.unaligned).toEqual([
      { reason: 'NO_KEY_RESULT', effort: 3, percent: 12, ticketCount: 1 },
    ]);
    expect(r.horizons).toEqual([
      { horizon: 'CORE', effort: 9, targetShare: 0.7 },
      { horizon: 'ADJACENT', effort: 9, targetShare: 0.2 },
      { horizon: 'TRANSFORMATIONAL', effort: 4, targetShare: 0.1 },
      { horizon: 'UNALIGNED', effort: 3, targetShare: null },
    ]);
    expect(r.unestimatedInitiatives).toEqual([{ key: 'I4' }]);
  });

  it('capacity: sprints by their share of days, the rest by cadence, MoSCoW order (hand-computed)', async () => {
    const { planningSession } = await app.ok(
      `{ planningSession(cycleKey: "Q2") { cycle { key state } projected { totalEffort horizons { horizon effort } }
          capacity { team { key } capacityPerSprint sprints sprintEquivalents expectedSprints capacity demand
                     overCommitted lines { initiative { key } priority demand cumulative aboveCut } } } }`,
      {},
      viewer,
    );
    expect(planningSession.cycle).toEqual({ key: 'Q2', state: 'DRAFT' });
    expect(planningSession.projected.totalEffort).toBe(25);
    // Q2 is Apr 1 - Jun 30, 91 days; the cadence is the default 14 days.
    // A: A-S5 and A-S6 lie inside (2); after their last day (May 2) come May 3 - Jun 30 = 59 days,
    //    59 / 14 expected sprints: 10 x (2 + 59/14) = 62.14 > demand 22 (I1 12, I2 18, I3 22), fits.
    // B: B-S5 (Mar 29 - Apr 11) has 11 of its 14 days inside = 11/14; Apr 12 - Jun 30 = 80 days,
    //    80/14: 5 x (11/14 + 80/14) = 5 x 6.5 = 32.5; I4 0, I6 3.
    // C has no sprints and no initiatives: not shown.
    const [a, b, ...rest] = planningSession.capacity;
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ team: { key: 'A' }, capacityPerSprint: 10, sprints: 2, demand: 22 });
    expect(a.sprintEquivalents).toBeCloseTo(2 + 59 / 14, 9);
    expect(a.expectedSprints).toBeCloseTo(59 / 14, 9);
    expect(a.capacity).toBeCloseTo(62.142857143, 6);
    expect(a.overCommitted).toBe(false);
    expect(a.lines).toEqual([
      { initiative: { key: 'I1' }, priority: 'MUST', demand: 12, cumulative: 12, aboveCut: true },
      { initiative: { key: 'I2' }, priority: 'SHOULD', demand: 6, cumulative: 18, aboveCut: true },
      { initiative: { key: 'I3' }, priority: 'COULD', demand: 4, cumulative: 22, aboveCut: true },
    ]);
    expect(b).toMatchObject({ team: { key: 'B' }, capacityPerSprint: 5, sprints: 1, demand: 3 });
    expect(b.sprintEquivalents).toBeCloseTo(6.5, 9);
    expect(b.expectedSprints).toBeCloseTo(80 / 14, 9);
    expect(b.capacity).toBeCloseTo(32.5, 9);
    expect(b.overCommitted).toBe(false);
    expect(b.lines).toEqual([
      { initiative: { key: 'I4' }, priority: 'MUST', demand: 0, cumulative: 0, aboveCut: true },
      { initiative: { key: 'I6' }, priority: 'SHOULD', demand: 3, cumulative: 3, aboveCut: true },
    ]);
    const { capacity } = await app.ok(`{ capacity(cycleKey: "Q2") { team { key } } }`, {}, viewer);
    expect(capacity.map((c: any) => c.team.key)).toEqual(['A', 'B']);
    expectError(await app.gql(`{ capacity(cycleKey: "Q9") { demand } }`, {}, viewer), 'NOT_FOUND');
  });

  it('capacity by cadence: a quarter without sprints has capacity; the setting moves the cut (hand-computed)', async () => {
    const other = await app.signUp('Cadence');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path } } }`,
      { y: PLAN },
      other.token,
    );
    const { teams } = await app.ok(`{ teams(first: 10) { nodes { id key } } }`, {}, other.token);
    const teamC = teams.nodes.find((t: { key: string }) => t.key === 'C').id;
    const { createCycle } = await app.ok(
      `mutation { createCycle(input: { key: "Q3", name: "Q3", startDate: "2027-07-01", endDate: "2027-09-30" }) { id state } }`,
      {},
      other.token,
    );
    expect(createCycle.state).toBe('DRAFT');
    await app.ok(
      `mutation($c: ID!, $t: ID!) { createInitiative(input: { key: "I9", title: "I9", cycleId: $c, teamId: $t, priority: MUST, estimate: 40 }) { id } }`,
      { c: createCycle.id, t: teamC },
      other.token,
    );
    const capacityOf = async (cycleKey: string) =>
      (
        await app.ok(
          `query($k: String!) { capacity(cycleKey: $k) { team { key } sprints sprintEquivalents expectedSprints
             capacity overCommitted lines { initiative { key } aboveCut } } }`,
          { k: cycleKey },
          other.token,
        )
      ).capacity;
    // Q3 (Jul 1 - Sep 30, 92 days) has no sprints: C's capacity is 8 x 92/14 = 52.57 >= 40.
    const [q3] = await capacityOf('Q3');
    expect(q3).toMatchObject({ team: { key: 'C' }, sprints: 0, overCommitted: false });
    expect(q3.sprintEquivalents).toBeCloseTo(92 / 14, 9);
    expect(q3.expectedSprints).toBeCloseTo(92 / 14, 9);
    expect(q3.capacity).toBeCloseTo(52.571428571, 6);

    const settings = await app.ok(
      `mutation { updateOrganizationSettings(input: { cadenceDays: 365 }) { settings { cadenceDays } } }`,
      {},
      other.token,
    );
    expect(settings.updateOrganizationSettings.settings.cadenceDays).toBe(365);
    // A yearly cadence: C in Q3 has 8 x 92/365 = 2.02 < 40, over-committed.
    const [q3Yearly] = await capacityOf('Q3');
    expect(q3Yearly.capacity).toBeCloseTo((8 * 92) / 365, 9);
    expect(q3Yearly.overCommitted).toBe(true);
    // A in Q2: 10 x (2 + 59/365) = 21.62 < 22: I3 (cumulative 22) falls below the cut.
    const [a, b] = await capacityOf('Q2');
    expect(a.team.key).toBe('A');
    expect(a.capacity).toBeCloseTo(10 * (2 + 59 / 365), 9);
    expect(a.overCommitted).toBe(true);
    expect(a.lines.map((l: any) => [l.initiative.key, l.aboveCut])).toEqual([
      ['I1', true],
      ['I2', true],
      ['I3', false],
    ]);
    // B: 5 x (11/14 + 80/365).
    expect(b.capacity).toBeCloseTo(5 * (11 / 14 + 80 / 365), 9);
    for (const bad of [0, 366]) {
      const error = expectError(
        await app.gql(
          `mutation($c: Int!) { updateOrganizationSettings(input: { cadenceDays: $c }) { id } }`,
          { c: bad },
          other.token,
        ),
        'BAD_USER_INPUT',
      );
      expect(error.message).toMatch(/cadenceDays/);
    }
  });

  it('lockCycle: roles, one ACTIVE cycle, then the baseline', async () => {
    expectError(await lock('Q2', member), 'FORBIDDEN');
    expectError(await lock('bad key!'), 'BAD_USER_INPUT');
    expectError(await close('bad key!'), 'BAD_USER_INPUT');
    const other = await app.signUp();
    expectError(await lock('Q2', other.token), 'NOT_FOUND');
    expectError(await close('Q1', other.token), 'NOT_FOUND');
    expectError(
      await app.gql(`{ projectedAlignment(cycleKey: "Q2") { totalEffort } }`, {}, other.token),
      'NOT_FOUND',
    );
    expectError(await lock('Q9'), 'NOT_FOUND');
    expectError(await lock('Q1'), 'BAD_USER_INPUT'); // not DRAFT
    expectError(await lock('Q2'), 'CONFLICT'); // Q1 is ACTIVE
    expectError(await close('Q1', viewer), 'FORBIDDEN');
    expectError(await close('Q2'), 'BAD_USER_INPUT'); // DRAFT
    expectError(await planVsActual('Q2'), 'BAD_USER_INPUT'); // not locked
    const closed = await close('Q1');
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCycle.cycle).toEqual({ key: 'Q1', state: 'CLOSED' });

    const res = await lock('Q2');
    expect(res.errors).toBeUndefined();
    expect(res.data!.lockCycle).toMatchObject({
      cycle: { key: 'Q2', state: 'ACTIVE' },
      objectiveCount: 3,
      keyResultCount: 3,
      initiativeCount: 5,
      plannedEffort: 25,
      projected: { totalEffort: 25 },
    });
    expectError(await lock('Q2'), 'BAD_USER_INPUT'); // now ACTIVE
  });

  it('the baseline is immutable, also to the app role in SQL', async () => {
    await expect(
      app.db.transaction({ organizationId: s.organizationId }, (em) =>
        em.query(`UPDATE cycle_baselines SET projected = '{}'`),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      app.db.transaction({ organizationId: s.organizationId }, (em) =>
        em.query(`DELETE FROM scope_changes`),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('records scope changes of the locked cycle with who and when, whatever the write path', async () => {
    const before = Date.now();
    const ids = await app.ok(
      `{ initiative(key: "I2") { id } p1: objective(key: "P1") { id } kr: keyResult(key: "P1-KR1") { id } q1: keyResult(key: "O2-KR1") { id } }`,
      {},
      s.token,
    );
    await app.ok(
      `mutation($id: ID!) { updateInitiative(input: { id: $id, estimate: 10 }) { estimate } }`,
      { id: ids.initiative.id },
      s.token,
    );
    // a check-in moves a measurement, not the scope; the CLOSED cycle's key results are not Q2's
    await app.ok(
      `mutation($id: ID!) { checkIn(input: { keyResultId: $id, value: 2, confidence: ON_TRACK }) { current } }`,
      { id: ids.kr.id },
      member,
    );
    await app.ok(
      `mutation($id: ID!) { updateKeyResult(input: { id: $id, title: "renamed" }) { title } }`,
      { id: ids.q1.id },
      s.token,
    );
    // a write that bypasses the services entirely is recorded too
    await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(`UPDATE objectives SET title = 'P1 (sql)' WHERE key = 'P1'`),
    );
    const { planVsActual: p } = (await planVsActual('Q2')).data!;
    expect(p.scopeChangeCount).toBe(2);
    expect(p.scopeChanges.map((c: any) => [c.entity, c.entityKey, c.operation])).toEqual([
      ['OBJECTIVE', 'P1', 'UPDATE'],
      ['INITIATIVE', 'I2', 'UPDATE'],
    ]);
    const change = p.scopeChanges[1];
    expect(change.changedBy).toBe(s.userId);
    expect(new Date(change.changedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.parse(change.before).estimate).toBe(6);
    expect(JSON.parse(change.after).estimate).toBe(10);
    expect(p.scopeChanges[0].changedBy).toBeNull();
    // the baseline still shows the plan as locked
    expect(p.baseline.plannedEffort).toBe(25);
    expect(p.baseline.projected.goals.map((g: any) => g.share)).toEqual([9 / 25, 9 / 25, 4 / 25]);
  });

  it('planVsActual compares the baseline with the actual alignment of the cycle', async () => {
    const tickets = await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created } }`,
      {
        t: [
          {
            externalKey: 'T1',
            title: 'T1',
            type: 'Story',
            rawStatus: 'In Progress',
            points: 5,
            sprintNames: ['A Sprint 5'],
            epicKey: 'E2',
          },
        ],
      },
      s.token,
    );
    expect(tickets.upsertTickets.created).toBe(1);
    const { planVsActual: p } = (await planVsActual('Q2', viewer)).data!;
    // actual: T1 (5 points) -> I2 -> O2-KR1 -> O2 -> G2: G2 1, the others 0
    expect(p.goals).toEqual([
      { goal: { key: 'G1' }, plannedShare: 9 / 25, actualShare: 0, drift: -9 / 25 },
      { goal: { key: 'G2' }, plannedShare: 9 / 25, actualShare: 1, drift: 1 - 9 / 25 },
      { goal: { key: 'G3' }, plannedShare: 4 / 25, actualShare: 0, drift: -4 / 25 },
    ]);
    expectError(
      await app.gql(
        `{ planVsActual(cycleKey: "Q2", first: 500) { scopeChangeCount } }`,
        {},
        viewer,
      ),
      'BAD_USER_INPUT',
    );
  });

  it('closeCycle scores the key results and returns the retro per goal', async () => {
    const res = await close('Q2');
    expect(res.errors).toBeUndefined();
    // scores at final progress: O1-KR1@Q2 5/10, O3-KR1@Q2 0, P1-KR1 2/4 (after the check-in)
    expect(res.data!.closeCycle).toEqual({
      cycle: { key: 'Q2', state: 'CLOSED' },
      scoredKeyResults: 3,
      goals: [
        { goal: { key: 'G1' }, plannedShare: 9 / 25, actualShare: 0, score: 0.5 },
        { goal: { key: 'G2' }, plannedShare: 9 / 25, actualShare: 1, score: 0.5 },
        { goal: { key: 'G3' }, plannedShare: 4 / 25, actualShare: 0, score: 0.5 },
      ],
    });
    expectError(await close('Q2'), 'BAD_USER_INPUT'); // already CLOSED
    // changes after the close are not scope changes any more
    await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(`UPDATE objectives SET title = 'P1 again' WHERE key = 'P1'`),
    );
    expect((await planVsActual('Q2')).data!.planVsActual.scopeChangeCount).toBe(2);
  });
  it('reads a baseline stored in the first shape: no dependency figures, rows without versions', async () => {
    // a baseline of a release before initiative dependencies and row versions, as such a row holds it
    const o = await app.signUp();
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path } } }`,
      {
        y: `version: 1
goals: [{ key: G1, title: G1, horizon: CORE }]
cycles: [{ key: OLD, name: OLD, start: 2027-01-01, end: 2027-03-31 }]
initiatives: [{ key: U1, title: U1, cycle: OLD, priority: MUST }]
`,
      },
      o.token,
    );
    const ids = await app.ok(
      `{ cycle(key: "OLD") { id } initiative(key: "U1") { id } strategicGoal(key: "G1") { id } }`,
      {},
      o.token,
    );
    const goalId = ids.strategicGoal.id;
    const estimate = (key: string, priority: string, value: number | null) => ({
      id: key,
      key,
      title: key,
      teamId: null,
      status: 'PLANNED',
      priority,
      estimate: value,
    });
    const row = {
      organizationId: o.organizationId,
      id: ids.initiative.id,
      key: 'U1',
      externalKey: null,
      externalId: null,
      title: 'U1',
      teamId: null,
      status: 'PLANNED',
      priority: 'MUST',
      estimate: null,
      cycleId: ids.cycle.id,
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-02T03:04:05.678Z',
      archivedAt: '2026-02-03T04:05:06.789Z',
    };
    const projected = {
      totalEffort: 4,
      alignedEffort: 4,
      alignedShare: 1,
      ticketCount: 2,
      unestimatedTickets: 1,
      goals: [
        { goalId, effort: 4, share: 1, percent: 100, reach: 1, targetShare: null, gap: null },
      ],
      unaligned: [],
      horizons: [],
      workTypes: [],
      unestimatedInitiatives: [row],
    };
    await app.db.transaction({ organizationId: o.organizationId }, (em) =>
      em.query(
        `INSERT INTO cycle_baselines (organization_id, cycle_id, tree, links, estimates, projected) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          o.organizationId,
          ids.cycle.id,
          JSON.stringify({ objectives: [{ id: 'o', key: 'O' }], keyResults: [] }),
          JSON.stringify({ objectiveLinks: [], initiativeLinks: [] }),
          JSON.stringify({
            initiatives: [
              estimate('U1', 'MUST', null),
              estimate('U2', 'SHOULD', 4),
              estimate('U3', 'WONT', 7),
            ],
          }),
          JSON.stringify(projected),
        ],
      ),
    );
    const res = await app.ok(
      `{ planVsActual(cycleKey: "OLD") {
          baseline { objectiveCount keyResultCount initiativeCount plannedEffort
            projected { totalEffort atRiskEffort atRiskShare atRiskDependencies { id }
              goals { goal { key } share atRiskEffort atRiskShare atRiskDependencies { id } }
              unestimatedInitiatives { key archivedAt version } } }
          goals { goal { key } plannedShare } } }`,
      {},
      o.token,
    );
    expect(res.planVsActual).toEqual({
      baseline: {
        objectiveCount: 1,
        keyResultCount: 0,
        initiativeCount: 2,
        plannedEffort: 4,
        projected: {
          totalEffort: 4,
          atRiskEffort: 0,
          atRiskShare: 0,
          atRiskDependencies: [],
          goals: [
            {
              goal: { key: 'G1' },
              share: 1,
              atRiskEffort: 0,
              atRiskShare: 0,
              atRiskDependencies: [],
            },
          ],
          // version 1: what the row-versions migration gave every row then standing
          unestimatedInitiatives: [{ key: 'U1', archivedAt: row.archivedAt, version: 1 }],
        },
      },
      goals: [{ goal: { key: 'G1' }, plannedShare: 1 }],
    });
  });
});
