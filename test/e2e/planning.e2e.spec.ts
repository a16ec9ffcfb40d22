import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';
import { PLANNING_SESSION_PLAN } from '../support/plans.js';

/**
 * docs/design.md 3, the planning session over HTTP: one round trip per query and mutation, the
 * schema's refusals, roles and another organization. The session's figures and rules (lineage,
 * the hand-computed projection and capacity, the lock's baseline, scope changes, plan vs actual,
 * the retro) are held by the services in test/integration/planning-services.spec.ts.
 */

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
      { y: PLANNING_SESSION_PLAN },
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

  it('carryForward: roles, the schema and another organization are refused, changing nothing', async () => {
    expectError(await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2' }, viewer), 'FORBIDDEN');
    expectError(await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2' }, member), 'FORBIDDEN');
    expectError(await carry({ fromCycleKey: 'bad key!', toCycleKey: 'Q2' }), 'BAD_USER_INPUT');
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

  it('carryForward answers with the copies, each naming its origin', async () => {
    const res = await carry({ fromCycleKey: 'Q1', toCycleKey: 'Q2' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.carryForward).toEqual([
      { key: 'O1@Q2', origin: { key: 'O1' } },
      { key: 'O3@Q2', origin: { key: 'O3' } },
    ]);
    const tree = await app.ok(
      `{ o1: objective(key: "O1@Q2") { cycle { key } keyResults { key origin { key } } } }`,
      {},
      s.token,
    );
    expect(tree.o1.cycle.key).toBe('Q2');
    expect(tree.o1.keyResults).toEqual([{ key: 'O1-KR1@Q2', origin: { key: 'O1-KR1' } }]);
  });

  it('reads the projection, the capacity and the planning session as a VIEWER', async () => {
    const { projectedAlignment: r } = await app.ok(
      `{ projectedAlignment(cycleKey: "Q2") { ${REPORT} } }`,
      {},
      viewer,
    );
    expect(r.totalEffort).toBe(25);
    expect(r.goals.map((g: any) => g.goal.key)).toEqual(['G1', 'G2', 'G3']);
    expect(r.unestimatedInitiatives).toEqual([{ key: 'I4' }]);
    const { planningSession } = await app.ok(
      `{ planningSession(cycleKey: "Q2") { cycle { key state } projected { totalEffort }
          capacity { team { key } lines { initiative { key } priority } } } }`,
      {},
      viewer,
    );
    expect(planningSession.cycle).toEqual({ key: 'Q2', state: 'DRAFT' });
    expect(planningSession.projected.totalEffort).toBe(25);
    expect(planningSession.capacity[0]).toEqual({
      team: { key: 'A' },
      lines: [
        { initiative: { key: 'I1' }, priority: 'MUST' },
        { initiative: { key: 'I2' }, priority: 'SHOULD' },
        { initiative: { key: 'I3' }, priority: 'COULD' },
      ],
    });
    const { capacity } = await app.ok(`{ capacity(cycleKey: "Q2") { team { key } } }`, {}, viewer);
    expect(capacity.map((c: any) => c.team.key)).toEqual(['A', 'B']);
  });

  it('refuses a cadence outside 1..365 days', async () => {
    for (const bad of [0, 366]) {
      const error = expectError(
        await app.gql(
          `mutation($c: Int!) { updateOrganizationSettings(input: { cadenceDays: $c }) { id } }`,
          { c: bad },
          s.token,
        ),
        'BAD_USER_INPUT',
      );
      expect(error.message).toMatch(/cadenceDays/);
    }
  });

  it('lockCycle and closeCycle: roles, the schema and another organization are refused; one round trip each', async () => {
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
    expectError(await close('Q1', viewer), 'FORBIDDEN');
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
  });

  it('planVsActual: read as a VIEWER, its page bounded by the schema', async () => {
    const { planVsActual: p } = (await planVsActual('Q2', viewer)).data!;
    expect(p.baseline.plannedEffort).toBe(25);
    expect(p.goals.map((g: any) => [g.goal.key, g.plannedShare])).toEqual([
      ['G1', 9 / 25],
      ['G2', 9 / 25],
      ['G3', 4 / 25],
    ]);
    expect(p.scopeChangeCount).toBe(0);
    expectError(
      await app.gql(
        `{ planVsActual(cycleKey: "Q2", first: 500) { scopeChangeCount } }`,
        {},
        viewer,
      ),
      'BAD_USER_INPUT',
    );
  });
});
