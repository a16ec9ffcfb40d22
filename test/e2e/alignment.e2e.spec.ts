import { TestApp, type Session } from '../support/test-app.js';
import { alignmentOrganization } from './alignment-fixture.js';

/**
 * docs/design.md 2.1 on a small but complete organization (alignment-fixture.ts: the plan, and each
 * ticket's hand-computed flow), against a table computed by hand, for each scope and measure.
 */
const QUERY = `query($scope: AlignmentScopeInput) { alignment(scope: $scope) {
  totalEffort alignedEffort alignedShare ticketCount unestimatedTickets
  goals { goal { key } effort share percent reach targetShare gap }
  unaligned { reason effort share percent ticketCount }
  horizons { horizon effort share targetShare }
  workTypes { workType effort share } } }`;

describe('alignment: the hand-computed table', () => {
  let app: TestApp;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await alignmentOrganization(app);
  });
  afterAll(() => app.close());

  const report = async (scope: Record<string, unknown> | null) =>
    (await app.ok(QUERY, { scope }, s.token)).alignment;
  const goals = (r: { goals: { goal: { key: string }; effort: number }[] }) =>
    Object.fromEntries(r.goals.map((g) => [g.goal.key, g.effort]));
  const buckets = (r: { unaligned: { reason: string; effort: number }[] }) =>
    Object.fromEntries(r.unaligned.map((b) => [b.reason, b.effort]));

  it('default scope (ACTIVE sprints), POINTS', async () => {
    const r = await report(null);
    expect(r).toMatchObject({
      totalEffort: 35,
      alignedEffort: 15,
      ticketCount: 9,
      unestimatedTickets: 1,
    });
    expect(r.alignedShare).toBeCloseTo(15 / 35, 12);
    expect(r.goals).toEqual([
      {
        goal: { key: 'G1' },
        effort: 7.5,
        share: 7.5 / 35,
        percent: 21.4,
        reach: 13 / 35,
        targetShare: 0.5,
        gap: 7.5 / 35 - 0.5,
      },
      {
        goal: { key: 'G2' },
        effort: 7.5,
        share: 7.5 / 35,
        percent: 21.4,
        reach: 17 / 35,
        targetShare: 0.3,
        gap: 7.5 / 35 - 0.3,
      },
      {
        goal: { key: 'G3' },
        effort: 0,
        share: 0,
        percent: 0,
        reach: 0,
        targetShare: 0.2,
        gap: -0.2,
      },
    ]);
    expect(r.unaligned).toEqual([
      { reason: 'NO_INITIATIVE', effort: 2, share: 2 / 35, percent: 5.7, ticketCount: 1 },
      { reason: 'NO_KEY_RESULT', effort: 3, share: 3 / 35, percent: 8.6, ticketCount: 1 },
      { reason: 'NO_GOAL', effort: 5, share: 5 / 35, percent: 14.3, ticketCount: 1 },
      { reason: 'INACTIVE_TARGET', effort: 10, share: 10 / 35, percent: 28.6, ticketCount: 3 },
    ]);
    expect(r.horizons).toEqual([
      { horizon: 'CORE', effort: 7.5, share: 7.5 / 35, targetShare: 0.7 },
      { horizon: 'ADJACENT', effort: 7.5, share: 7.5 / 35, targetShare: 0.2 },
      { horizon: 'TRANSFORMATIONAL', effort: 0, share: 0, targetShare: 0.1 },
      { horizon: 'UNALIGNED', effort: 20, share: 20 / 35, targetShare: null },
    ]);
    expect(r.workTypes).toEqual([
      { workType: 'NEW_VALUE', effort: 21, share: 21 / 35 },
      { workType: 'MAINTENANCE', effort: 3, share: 3 / 35 },
      { workType: 'TECH_DEBT', effort: 2, share: 2 / 35 },
      { workType: 'BUG', effort: 9, share: 9 / 35 },
    ]);
  });

  it('default scope, COUNT', async () => {
    const r = await report({ measure: 'COUNT' });
    expect(r).toMatchObject({ totalEffort: 9, ticketCount: 9, unestimatedTickets: 1 });
    expect(goals(r)).toEqual({ G1: 1.6875, G2: 1.8125, G3: 0 });
    expect(buckets(r)).toEqual({
      NO_INITIATIVE: 1,
      NO_KEY_RESULT: 1,
      NO_GOAL: 1,
      INACTIVE_TARGET: 2.5,
    });
  });

  it('sprintKeys: tickets that were in the sprint, history included', async () => {
    const r = await report({ sprintKeys: ['A-S1'] });
    expect(r).toMatchObject({ totalEffort: 11, ticketCount: 2 });
    expect(goals(r)).toEqual({ G1: 8.25, G2: 2.75, G3: 0 });
    expect(r.unaligned).toEqual([]);
    const count = await report({ sprintKeys: ['A-S1'], measure: 'COUNT' });
    expect(count.totalEffort).toBe(2);
    expect(goals(count)).toEqual({ G1: 1.5, G2: 0.5, G3: 0 });
  });

  it("teamKeys narrows to tickets whose current sprint is the team's", async () => {
    const r = await report({ teamKeys: ['B'] });
    expect(r.totalEffort).toBe(12);
    expect(goals(r)).toEqual({ G1: 0.75, G2: 3.25, G3: 0 });
    expect(buckets(r)).toEqual({ INACTIVE_TARGET: 8 });
    const count = await report({ teamKeys: ['B'], measure: 'COUNT' });
    expect(count.totalEffort).toBe(3);
    expect(goals(count)).toEqual({ G1: 0.1875, G2: 0.8125, G3: 0 });
    expect(buckets(count)).toEqual({ INACTIVE_TARGET: 2 });
  });

  it('cycleKey: tickets of every sprint overlapping the cycle', async () => {
    const r = await report({ cycleKey: 'Q1' });
    expect(r.totalEffort).toBe(45);
    expect(goals(r)).toEqual({ G1: 15, G2: 10, G3: 0 });
    const count = await report({ cycleKey: 'Q1', measure: 'COUNT' });
    expect(count.totalEffort).toBe(10);
    // T1..T6, T9..T11 as in the default scope (COUNT), plus T12 (G1 .75, G2 .25).
    expect(goals(count)).toEqual({ G1: 2.4375, G2: 2.0625, G3: 0 });
  });

  it('refuses a scope with both sprints and a cycle, and unknown keys', async () => {
    const both = await app.gql(QUERY, { scope: { sprintKeys: ['A-S1'], cycleKey: 'Q1' } }, s.token);
    expect(both.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'scope.cycleKey' }],
    });
    const unknown = await app.gql(QUERY, { scope: { teamKeys: ['NOPE'] } }, s.token);
    expect(unknown.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a sub-task counts nothing, by its type, also before its parent is imported', async () => {
    const other = await alignmentOrganization(app);
    const before = (await app.ok(QUERY, {}, other.token)).alignment;
    // The parent P-1 is not imported (yet): the row is still a sub-task by its type (any case),
    // and a ticket of any type whose source names a parent is one too.
    const res = await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created warnings { message } } }`,
      {
        t: [
          {
            externalKey: 'ST-1',
            title: 'ST-1',
            type: 'sub-task',
            rawStatus: 'To Do',
            points: 8,
            sprintNames: ['A Sprint 2'],
            epicKey: 'E1',
          },
          {
            externalKey: 'ST-2',
            title: 'ST-2',
            type: 'Subtask',
            rawStatus: 'To Do',
            points: 3,
            sprintNames: ['A Sprint 2'],
            parentKey: 'P-1',
          },
          {
            externalKey: 'ST-3',
            title: 'ST-3',
            type: 'Task',
            rawStatus: 'To Do',
            points: 5,
            sprintNames: ['A Sprint 2'],
            parentKey: 'P-1',
          },
        ],
      },
      other.token,
    );
    expect(res.upsertTickets.created).toBe(3);
    const after = (await app.ok(QUERY, {}, other.token)).alignment;
    expect(after).toEqual(before);
    const { tickets } = await app.ok(
      `{ tickets(first: 50) { nodes { key subtask } } }`,
      {},
      other.token,
    );
    const subtasks = tickets.nodes.filter((t: { subtask: boolean }) => t.subtask);
    expect(subtasks.map((t: { key: string }) => t.key).sort()).toEqual([
      'ST-1',
      'ST-2',
      'ST-3',
      'T8',
    ]);
    const explained = await app.ok(`{ explainTicket(key: "ST-1") { counted } }`, {}, other.token);
    expect(explained.explainTicket.counted).toBe(false);
  });

  it("shows another organization nothing of this one's work", async () => {
    const other = await app.signUp('Other');
    const r = (await app.ok(QUERY, {}, other.token)).alignment;
    expect(r).toMatchObject({ totalEffort: 0, goals: [], unaligned: [] });
  });
});
