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
      `subscription { planChanged(cycleKey: "Q2") { cycleKey } }`,
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
    await new Promise((r) => setTimeout(r, 300));
    expect(other.received).toEqual([]);
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

  it('delivers check-ins to the members of the organization only', async () => {
    const mine = await LiveSubscriber.start(
      client(a.token),
      `subscription { checkInAdded { keyResultKey checkIn { value note createdAt author { id } } } }`,
    );
    const theirs = await LiveSubscriber.start(
      client(b.token),
      `subscription { checkInAdded { keyResultKey } }`,
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
    await new Promise((r) => setTimeout(r, 300));
    expect(theirs.received).toEqual([]);
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
