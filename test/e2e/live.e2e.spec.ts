import type { Client } from 'graphql-ws';
import { LiveSubscriber } from '../support/live-client.js';
import { TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

/**
 * GraphQL subscriptions over graphql-ws (in-process bus): plan changes, projected alignment and
 * check-ins reach the members of the organization concerned, and only them.
 */
const PLAN = `version: 1
goals: [{ key: G1, title: G1, horizon: CORE }]
teams: [{ key: A, name: Team A, capacity: 10 }]
cycles: [{ key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }]
objectives:
  - { key: O1, cycle: Q2, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, title: I1, team: A, cycle: Q2, priority: MUST, estimate: 4, supports: [{ keyResult: KR1 }] }
  - { key: I2, title: I2, team: A, cycle: Q2, priority: SHOULD, estimate: 6 }
`;

describe('live subscriptions', () => {
  let app: TestApp;
  let a: Session;
  let b: Session;
  const clients: Client[] = [];
  const client = (token: string | null) => {
    const c = LiveSubscriber.connect(app.url, token);
    clients.push(c);
    return c;
  };
  const importPlan = (s: Session) =>
    app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { message } } }`,
      { y: PLAN },
      s.token,
    );

  beforeAll(async () => {
    app = await TestApp.start();
    a = await app.signUp('Alpha');
    b = await app.signUp('Beta');
    await importPlan(a);
    await importPlan(b); // the same keys in another organization
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.close();
  });

  it('delivers plan and projection changes to the organization, and nothing to another', async () => {
    const viewer = await tokenFor(app, a, 'VIEWER');
    const projected = await LiveSubscriber.start(
      client(viewer),
      `subscription { projectedAlignmentChanged(cycleKey: "Q2") { totalEffort goals { goal { key } effort } } }`,
    );
    const plan = await LiveSubscriber.start(
      client(viewer),
      `subscription { planChanged(cycleKey: "Q2") { cycleKey changedBy at } }`,
    );
    const other = await LiveSubscriber.start(
      client(b.token),
      `subscription { planChanged(cycleKey: "Q2") { cycleKey changedBy } }`,
    );
    const { initiative } = await app.ok(`{ initiative(key: "I2") { id } }`, {}, a.token);
    const { objective } = await app.ok(`{ objective(key: "O1") { id } }`, {}, a.token);
    await app.ok(
      `mutation($input: LinkInitiativeInput!) { linkInitiative(input: $input) { weight } }`,
      { input: { initiativeId: initiative.id, objectiveId: objective.id } },
      a.token,
    );
    const [change] = await plan.waitFor(1);
    expect(change.planChanged).toMatchObject({ cycleKey: 'Q2', changedBy: a.userId });
    expect(typeof change.planChanged.at).toBe('string');
    const [report] = await projected.waitFor(1);
    expect(report.projectedAlignmentChanged).toEqual({
      totalEffort: 10,
      goals: [{ goal: { key: 'G1' }, effort: 10 }],
    });
    // A sentinel instead of a pause: the other organization's own change reaches its subscriber
    // on the same connection, after anything of Alpha's that could have leaked to it.
    const theirs = await app.ok(
      `{ initiative(key: "I2") { id } objective(key: "O1") { id } }`,
      {},
      b.token,
    );
    await app.ok(
      `mutation($input: LinkInitiativeInput!) { linkInitiative(input: $input) { weight } }`,
      { input: { initiativeId: theirs.initiative.id, objectiveId: theirs.objective.id } },
      b.token,
    );
    await other.waitFor(1);
    expect(other.received.map((e) => e.planChanged.changedBy)).toEqual([b.userId]);
    expect([...plan.errors, ...projected.errors, ...other.errors]).toEqual([]);
  });

  it('pushes the projection with its dependency risk when a dependency is added', async () => {
    const projected = await LiveSubscriber.start(
      client(a.token),
      `subscription { projectedAlignmentChanged(cycleKey: "Q2") { atRiskEffort atRiskDependencies { reason } } }`,
    );
    const { i1 } = await app.ok(`{ i1: initiative(key: "I1") { id } }`, {}, a.token);
    const { cancelled } = await app.ok(
      `mutation { cancelled: createInitiative(input: { key: "IX", title: "IX", status: CANCELLED }) { id } }`,
      {},
      a.token,
    );
    const before = projected.received.length;
    await app.ok(
      `mutation($input: AddInitiativeDependencyInput!) { addInitiativeDependency(input: $input) { id } }`,
      { input: { initiativeId: i1.id, blockedById: cancelled.id } },
      a.token,
    );
    const events = await projected.waitFor(before + 1);
    // Only the dependency's trigger moves Q2's plan revision here (IX is in no cycle): I1's 4
    // points now wait on a cancelled initiative.
    expect(events[events.length - 1].projectedAlignmentChanged).toEqual({
      atRiskEffort: 4,
      atRiskDependencies: [{ reason: 'CANCELLED' }],
    });
    expect(projected.errors).toEqual([]);
  });

  it('publishes a plan change for every write the planning view authors with', async () => {
    // the dashboard's authoring forms (objectives, key results, initiatives, their links, archive,
    // carry forward) count on these events to show one person's edit to the others
    const plan = await LiveSubscriber.start(
      client(a.token),
      `subscription { planChanged(cycleKey: "Q2") { cycleKey changedBy } }`,
    );
    const next = await LiveSubscriber.start(
      client(a.token),
      `subscription { planChanged(cycleKey: "Q3") { cycleKey } }`,
    );
    const ids = await app.ok(
      `{ cycle(key: "Q2") { id } goal: strategicGoal(key: "G1") { id } team(key: "A") { id } }`,
      {},
      a.token,
    );
    const outcomes: string[] = [];
    const write = async (name: string, query: string, variables: Record<string, unknown>) => {
      const sub = name === 'carryForward' ? next : plan;
      const before = sub.received.length;
      const data = await app.ok(query, variables, a.token);
      await sub.waitFor(before + 1, 3000);
      outcomes.push(`${name}: ${sub.received.length > before ? 'published' : 'silent'}`);
      return data;
    };
    const { createObjective: o } = await write(
      'createObjective',
      `mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id version } }`,
      { input: { cycleId: ids.cycle.id, key: 'LIVE-O', title: 'Live objective' } },
    );
    const { linkObjective: ol } = await write(
      'linkObjective',
      `mutation($input: LinkObjectiveInput!) { linkObjective(input: $input) { id version } }`,
      { input: { objectiveId: o.id, goalId: ids.goal.id, weight: 2 } },
    );
    const { createKeyResult: kr } = await write(
      'createKeyResult',
      `mutation($input: CreateKeyResultInput!) { createKeyResult(input: $input) { id version } }`,
      {
        input: {
          objectiveId: o.id,
          key: 'LIVE-KR',
          title: 'k',
          kind: 'NUMERIC',
          start: 0,
          target: 5,
        },
      },
    );
    const { updateKeyResult: kr2 } = await write(
      'updateKeyResult',
      `mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { id version } }`,
      { input: { id: kr.id, expectedVersion: kr.version, target: 6 } },
    );
    const { createInitiative: i } = await write(
      'createInitiative',
      `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id version } }`,
      {
        input: {
          key: 'LIVE-I',
          title: 'Live initiative',
          cycleId: ids.cycle.id,
          teamId: ids.team.id,
          estimate: 3,
          priority: 'MUST',
        },
      },
    );
    const { linkInitiative: il } = await write(
      'linkInitiative',
      `mutation($input: LinkInitiativeInput!) { linkInitiative(input: $input) { id } }`,
      { input: { initiativeId: i.id, keyResultId: kr.id, weight: 3 } },
    );
    const { updateInitiative: i2 } = await write(
      'updateInitiative',
      `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { id version } }`,
      { input: { id: i.id, expectedVersion: i.version, estimate: 5 } },
    );
    await write('unlinkInitiative', `mutation($id: ID!) { unlinkInitiative(id: $id) }`, {
      id: il.id,
    });
    await write(
      'archiveInitiative',
      `mutation($id: ID!, $v: Int) { archiveInitiative(id: $id, expectedVersion: $v) { id } }`,
      { id: i.id, v: i2.version },
    );
    const { updateObjective: o2 } = await write(
      'updateObjective',
      `mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { id version } }`,
      { input: { id: o.id, expectedVersion: o.version, title: 'Live objective, renamed' } },
    );
    expect(ol.version).toBe(1);
    await write('unlinkObjective', `mutation($id: ID!) { unlinkObjective(id: $id) }`, {
      id: ol.id,
    });
    await write(
      'archiveKeyResult',
      `mutation($id: ID!, $v: Int) { archiveKeyResult(id: $id, expectedVersion: $v) { id } }`,
      { id: kr.id, v: kr2.version },
    );
    const { archiveObjective: o3 } = await write(
      'archiveObjective',
      `mutation($id: ID!, $v: Int) { archiveObjective(id: $id, expectedVersion: $v) { id version } }`,
      { id: o.id, v: o2.version },
    );
    // undo of an archive: the status set back
    await write(
      'updateObjective (unarchive)',
      `mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { status } }`,
      { input: { id: o.id, expectedVersion: o3.version, status: 'ACTIVE' } },
    );
    await app.ok(
      `mutation { createCycle(input: { key: "Q3", name: "Q3", startDate: "2027-07-01", endDate: "2027-09-30" }) { id } }`,
      {},
      a.token,
    );
    await write(
      'carryForward',
      `mutation($input: CarryForwardInput!) { carryForward(input: $input) { key } }`,
      { input: { fromCycleKey: 'Q2', toCycleKey: 'Q3', objectiveKeys: ['LIVE-O'] } },
    );
    expect(outcomes).toEqual(
      [
        'createObjective',
        'linkObjective',
        'createKeyResult',
        'updateKeyResult',
        'createInitiative',
        'linkInitiative',
        'updateInitiative',
        'unlinkInitiative',
        'archiveInitiative',
        'updateObjective',
        'unlinkObjective',
        'archiveKeyResult',
        'archiveObjective',
        'updateObjective (unarchive)',
        'carryForward',
      ].map((name) => `${name}: published`),
    );
    expect(plan.received.every((e) => e.planChanged.changedBy === a.userId)).toBe(true);
    expect([...plan.errors, ...next.errors]).toEqual([]);
  });

  it('delivers check-ins to the members of the organization only', async () => {
    const mine = await LiveSubscriber.start(
      client(a.token),
      `subscription { checkInAdded { keyResultKey checkIn { value note createdAt author { id } } } }`,
    );
    const theirs = await LiveSubscriber.start(
      client(b.token),
      `subscription { checkInAdded { keyResultKey checkIn { author { id } } } }`,
    );
    const { keyResult } = await app.ok(`{ keyResult(key: "KR1") { id } }`, {}, a.token);
    await app.ok(
      `mutation($id: ID!) { checkIn(input: { keyResultId: $id, value: 3, confidence: ON_TRACK, note: "up" }) { current } }`,
      { id: keyResult.id },
      a.token,
    );
    const [event] = await mine.waitFor(1);
    expect(event.checkInAdded).toMatchObject({
      keyResultKey: 'KR1',
      checkIn: { value: 3, note: 'up', author: { id: a.userId } },
    });
    // the sentinel: Beta's own check-in reaches Beta after anything of Alpha's could have
    const { keyResult: their } = await app.ok(`{ keyResult(key: "KR1") { id } }`, {}, b.token);
    await app.ok(
      `mutation($id: ID!) { checkIn(input: { keyResultId: $id, value: 1, confidence: ON_TRACK }) { current } }`,
      { id: their.id },
      b.token,
    );
    await theirs.waitFor(1);
    expect(theirs.received).toEqual([
      { checkInAdded: { keyResultKey: 'KR1', checkIn: { author: { id: b.userId } } } },
    ]);
  });

  it('refuses a connection without a valid token', async () => {
    const refused = await LiveSubscriber.start(
      client('not-a-token'),
      `subscription { checkInAdded { keyResultKey } }`,
    );
    await refused.waitFor(1, 1000);
    expect(refused.received).toEqual([]);
    expect(refused.errors.length).toBeGreaterThan(0);
  });
});
