import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

/**
 * docs/design.md 2.3 over HTTP: gaps(scope) on an organization whose every gap is computed by hand
 * below, ticket by ticket.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }
  - { key: G2, title: Self-serve, horizon: ADJACENT, targetShare: 0.3 }
  - { key: G3, title: AI, horizon: TRANSFORMATIONAL, targetShare: 0.2 }
  - { key: G4, title: Retired, status: ARCHIVED }
  - { key: G5, title: Untargeted }
teams: [{ key: A, name: Team A }, { key: B, name: Team B }]
cycles:
  - { key: Q0, name: Q0, start: 2026-10-01, end: 2026-12-31, state: CLOSED }
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }
sprints:
  - { key: A-S1, team: A, name: A Sprint 1, start: 2027-01-04, end: 2027-01-17, state: CLOSED }
  - { key: A-S2, team: A, name: A Sprint 2, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
  - { key: B-S1, team: B, name: B Sprint 1, start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1, weight: 3 }, { goal: G2 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10, current: 1 }] }
  - key: O2
    cycle: Q1
    title: O2
    alignsTo: [{ goal: G2 }]
    keyResults:
      - { key: O2-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }
      - { key: O2-KR2, title: k, kind: NUMERIC, start: 0, target: 10 }
      - { key: O2-KR3, title: k, kind: NUMERIC, start: 0, target: 10 }
  - { key: O3, cycle: Q1, team: B, title: O3, alignsTo: [{ keyResult: O1-KR1 }], keyResults: [{ key: O3-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O4, cycle: Q1, title: O4, keyResults: [{ key: O4-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O5, cycle: Q1, title: O5, status: CANCELLED, alignsTo: [{ goal: G1 }], keyResults: [{ key: O5-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O6, cycle: Q1, title: O6, alignsTo: [{ goal: G4 }], keyResults: [{ key: O6-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O7, cycle: Q0, title: O7, alignsTo: [{ goal: G1 }], keyResults: [{ key: O7-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O8, cycle: Q1, title: O8, alignsTo: [{ goal: G3 }], keyResults: [{ key: O8-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O9, cycle: Q1, title: O9, alignsTo: [{ keyResult: O8-KR1 }], keyResults: [{ key: O9-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: E1, title: I1, status: IN_PROGRESS, supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: E2, title: I2, status: PLANNED, supports: [{ keyResult: O2-KR1 }, { keyResult: O5-KR1 }] }
  - { key: I3, externalKey: E3, title: I3, supports: [{ keyResult: O3-KR1 }] }
  - { key: I4, externalKey: E4, title: I4, status: IN_PROGRESS }
  - { key: I5, externalKey: E5, title: I5, supports: [{ keyResult: O4-KR1 }] }
  - { key: I6, externalKey: E6, title: I6, supports: [{ keyResult: O6-KR1 }] }
  - { key: I7, externalKey: E7, title: I7, status: CANCELLED, supports: [{ keyResult: O1-KR1 }, { keyResult: O2-KR2 }] }
  - { key: I8, externalKey: E8, title: I8, status: PLANNED, supports: [{ objective: O2 }] }
  - { key: I9, externalKey: E9, title: I9, status: PLANNED, supports: [{ keyResult: O1-KR1 }] }
  - { key: I11, externalKey: E11, title: I11, status: IN_PROGRESS, supports: [{ keyResult: O1-KR1 }] }
  - { key: I12, externalKey: E12, title: I12 }
  - { key: I13, externalKey: E13, title: I13, status: PLANNED }
`;

const t = (
  externalKey: string,
  type: string,
  points: number | null,
  rawStatus: string,
  sprintNames: string[],
  epicKey?: string,
) => ({
  externalKey,
  title: externalKey,
  type,
  rawStatus,
  points,
  sprintNames,
  ...(epicKey ? { epicKey } : {}),
});

// Default scope (the ACTIVE sprints A-S2 and B-S1), POINTS, by hand:
//   T1  8  I1 -> O1-KR1 -> O1: G1 6, G2 2
//   T2  4  I2 -> O2-KR1 (G2) 2 and O5-KR1 (O5 cancelled) INACTIVE 2
//   T3  1  (unestimated) I3 -> O3-KR1 -> O3 -> O1-KR1 -> O1: G1 .75, G2 .25
//   T4  2  NO_INITIATIVE        T7  1  NO_INITIATIVE
//   T5  3  I4 NO_KEY_RESULT     T6  5  I5 -> O4 NO_GOAL
//   T9  6  I6 -> O6 -> G4 (archived) INACTIVE 6
//   T10 2  I7 (cancelled) INACTIVE 2
//   T11 4  I2 (weight 1) and I8 (weight 3, by hand): I2's quarter splits G2 .5 / INACTIVE .5; I8 -> O2 -> G2 3
//   T12 10, T13 5: only in the closed sprint A-S1
// total 36; G1 6.75, G2 7.75, G3 0, G5 0; NO_INITIATIVE 3 (2 tickets), NO_KEY_RESULT 3, NO_GOAL 5,
// INACTIVE_TARGET 10.5 (T9 6, T2 2, T10 2, T11 .5)
const TICKETS = [
  t('T1', 'Story', 8, 'Done', ['A Sprint 2'], 'E1'),
  t('T2', 'Bug', 4, 'Done', ['A Sprint 2'], 'E2'),
  t('T3', 'Task', null, 'In Progress', ['A Sprint 1', 'A Sprint 2'], 'E3'),
  t('T4', 'Story', 2, 'To Do', ['A Sprint 2']),
  t('T5', 'Story', 3, 'To Do', ['A Sprint 2'], 'E4'),
  t('T6', 'Bug', 5, 'To Do', ['A Sprint 2'], 'E5'),
  t('T7', 'Story', 1, 'To Do', ['A Sprint 2']),
  t('T9', 'Story', 6, 'In Progress', ['B Sprint 1'], 'E6'),
  t('T10', 'Task', 2, 'To Do', ['B Sprint 1'], 'E7'),
  t('T11', 'Story', 4, 'To Do', ['B Sprint 1'], 'E2'),
  t('T12', 'Story', 10, 'Done', ['A Sprint 1'], 'E11'),
  t('T13', 'Story', 5, 'Done', ['A Sprint 1'], 'E1'),
];

async function buildOrganization(app: TestApp, name = 'Acme'): Promise<Session> {
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
    `{ t11: ticket(key: "T11") { id } i8: initiative(key: "I8") { id } i13: initiative(key: "I13") { id }
       kr: keyResult(key: "O2-KR3") { id } }`,
    {},
    s.token,
  );
  await app.ok(
    `mutation($t: ID!, $i: ID!) { linkTicket(input: { ticketId: $t, initiativeId: $i, weight: 3 }) { weight } }`,
    { t: ids.t11.id, i: ids.i8.id },
    s.token,
  );
  await app.ok(
    `mutation($id: ID!) { archiveInitiative(id: $id) { id } }`,
    { id: ids.i13.id },
    s.token,
  );
  await app.ok(
    `mutation($id: ID!) { archiveKeyResult(id: $id) { id } }`,
    { id: ids.kr.id },
    s.token,
  );
  return s;
}

const GAPS = `query($scope: AlignmentScopeInput) { gaps(scope: $scope) {
  unaligned { reason effort ticketCount tickets { key } }
  unsupportedKeyResults { key }
  idleInitiatives { key }
  neglectedGoals { key }
  drift { goal { key } share targetShare gap }
  busyNotMoving { key outcomeVsOutput { progress delivery flagged } }
  staleSources { source lastSyncedAt stale } } }`;

const keys = (list: { key: string }[]) => list.map((x) => x.key);

describe('gaps(scope)', () => {
  let app: TestApp;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await buildOrganization(app);
  });
  afterAll(() => app.close());

  const gaps = async (scope: Record<string, unknown> | null, token = s.token) =>
    (await app.ok(GAPS, { scope }, token)).gaps;

  it('default scope: every gap of the hand-computed table', async () => {
    const g = await gaps(null);
    expect(g.unaligned).toEqual([
      {
        reason: 'NO_INITIATIVE',
        effort: 3,
        ticketCount: 2,
        tickets: [{ key: 'T4' }, { key: 'T7' }],
      },
      { reason: 'NO_KEY_RESULT', effort: 3, ticketCount: 1, tickets: [{ key: 'T5' }] },
      { reason: 'NO_GOAL', effort: 5, ticketCount: 1, tickets: [{ key: 'T6' }] },
      {
        reason: 'INACTIVE_TARGET',
        effort: 10.5,
        ticketCount: 4,
        // largest effort in the bucket first (T10 before T2 on a tie: by key), T11's .5 last
        tickets: [{ key: 'T9' }, { key: 'T10' }, { key: 'T2' }, { key: 'T11' }],
      },
    ]);
    // O2-KR2: only a cancelled initiative; O9-KR1: nothing. O8-KR1 is served through the cascade
    // from O9; O5 is cancelled, O7 is in a closed cycle, O2-KR3 is archived.
    expect(keys(g.unsupportedKeyResults)).toEqual(['O2-KR2', 'O9-KR1']);
    // I9 has no tickets, I11 only in a closed sprint; I12 is PROPOSED, I13 archived
    expect(keys(g.idleInitiatives)).toEqual(['I11', 'I9']);
    expect(keys(g.neglectedGoals)).toEqual(['G3', 'G5']);
    expect(g.drift).toEqual([
      { goal: { key: 'G1' }, share: 6.75 / 36, targetShare: 0.5, gap: 6.75 / 36 - 0.5 },
      { goal: { key: 'G3' }, share: 0, targetShare: 0.2, gap: -0.2 },
    ]);
    // O1-KR1 at 0.1: I1 delivered 13 of 13 points, I11 10 of 10 (I9 has nothing to deliver,
    // cancelled I7 does not count)
    expect(g.busyNotMoving).toEqual([
      { key: 'O1-KR1', outcomeVsOutput: { progress: 0.1, delivery: 1, flagged: true } },
    ]);
    expect(g.staleSources).toEqual([
      { source: 'API', lastSyncedAt: expect.any(String), stale: false },
    ]);
  });

  it('COUNT orders the tickets by their counted effort', async () => {
    const g = await gaps({ measure: 'COUNT' });
    const inactive = g.unaligned.find((u: { reason: string }) => u.reason === 'INACTIVE_TARGET');
    // T9 1, T10 1, T2 .5, T11 .125
    expect(inactive).toEqual({
      reason: 'INACTIVE_TARGET',
      effort: 2.625,
      ticketCount: 4,
      tickets: [{ key: 'T10' }, { key: 'T9' }, { key: 'T2' }, { key: 'T11' }],
    });
  });

  it('sprintKeys: the closed sprint, history included', async () => {
    // T3 (history), T12 and T13, all through O1: total 16, G1 12, G2 4
    const g = await gaps({ sprintKeys: ['A-S1'] });
    expect(g.unaligned).toEqual([]);
    expect(keys(g.idleInitiatives)).toEqual(['I2', 'I4', 'I8', 'I9']);
    expect(keys(g.neglectedGoals)).toEqual(['G3', 'G5']);
    expect(g.drift).toEqual([
      { goal: { key: 'G1' }, share: 0.75, targetShare: 0.5, gap: 0.25 },
      { goal: { key: 'G3' }, share: 0, targetShare: 0.2, gap: -0.2 },
    ]);
    // not scoped: these two belong to the cycle, not to the sprints
    expect(keys(g.unsupportedKeyResults)).toEqual(['O2-KR2', 'O9-KR1']);
    expect(keys(g.busyNotMoving)).toEqual(['O1-KR1']);
  });

  it("teamKeys narrows to the team's tickets", async () => {
    // B: T9 INACTIVE 6, T10 INACTIVE 2, T11 G2 3.5 + INACTIVE .5
    const g = await gaps({ teamKeys: ['B'] });
    expect(g.unaligned).toEqual([
      {
        reason: 'INACTIVE_TARGET',
        effort: 8.5,
        ticketCount: 3,
        tickets: [{ key: 'T9' }, { key: 'T10' }, { key: 'T11' }],
      },
    ]);
    expect(keys(g.idleInitiatives)).toEqual(['I1', 'I11', 'I4', 'I9']);
    expect(keys(g.neglectedGoals)).toEqual(['G1', 'G3', 'G5']);
  });

  it("follows the organization's drift threshold", async () => {
    const other = await buildOrganization(app, 'Drift');
    await app.ok(
      `mutation($input: OrganizationSettingsInput!) { updateOrganizationSettings(input: $input) { id } }`,
      {
        input: {
          thresholds: { drift: 0.25, outputHigh: 0.7, outcomeLow: 0.3, staleAfterHours: 24 },
        },
      },
      other.token,
    );
    const g = await gaps({ sprintKeys: ['A-S1'] }, other.token);
    // G1's gap is exactly 0.25: at the threshold counts
    expect(g.drift.map((d: { goal: { key: string } }) => d.goal.key)).toEqual(['G1']);
  });

  it("busyNotMoving's outcomeVsOutput is the one gaps computed to flag it: no statement of its own", async () => {
    const statements = (query: string) =>
      app.statementsDuring(() => app.ok(query, {}, s.token)).then((all) => all.length);
    const without = await statements('{ gaps { busyNotMoving { key } } }');
    const withFigure = await statements(
      '{ gaps { busyNotMoving { key outcomeVsOutput { progress delivery flagged } } } }',
    );
    expect(withFigure).toBe(without);
    // the same field on a key result read another way still computes it (three statements)
    const elsewhere = await app.ok(
      `{ keyResult(key: "O1-KR1") { outcomeVsOutput { progress delivery flagged } } }`,
      {},
      s.token,
    );
    expect(elsewhere.keyResult.outcomeVsOutput).toEqual({
      progress: 0.1,
      delivery: 1,
      flagged: true,
    });
  });

  it('lists each source but MANUAL with its last sync, stale past the threshold', async () => {
    const other = await buildOrganization(app, 'Stale');
    await app.db.transaction({ organizationId: other.organizationId }, async (em) => {
      await em.query(
        `UPDATE tickets SET source = 'JIRA_CSV', last_synced_at = now() - interval '30 hours' WHERE external_key IN ('T1', 'T2')`,
      );
      await em.query(
        `UPDATE tickets SET last_synced_at = now() - interval '40 hours' WHERE external_key = 'T1'`,
      );
      await em.query(
        `UPDATE tickets SET source = 'MANUAL', last_synced_at = now() - interval '900 hours' WHERE external_key = 'T3'`,
      );
    });
    const g = await gaps(null, other.token);
    expect(
      g.staleSources.map((x: { source: string; stale: boolean }) => [x.source, x.stale]),
    ).toEqual([
      ['API', false],
      ['JIRA_CSV', true],
    ]);
    const jira = new Date(g.staleSources[1].lastSyncedAt).getTime();
    expect(Date.now() - jira).toBeGreaterThan(29.9 * 3_600_000);
    expect(Date.now() - jira).toBeLessThan(30.1 * 3_600_000);
    await app.ok(
      `mutation($input: OrganizationSettingsInput!) { updateOrganizationSettings(input: $input) { id } }`,
      {
        input: {
          thresholds: { drift: 0.1, outputHigh: 0.7, outcomeLow: 0.3, staleAfterHours: 36 },
        },
      },
      other.token,
    );
    const later = await gaps(null, other.token);
    expect(later.staleSources.map((x: { stale: boolean }) => x.stale)).toEqual([false, false]);
  });

  it('caps the tickets of a reason at the 20 largest', async () => {
    const other = await app.signUp('Many');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      {
        y: `version: 1
teams: [{ key: A, name: A }]
sprints: [{ key: S, team: A, name: S, start: 2027-01-04, end: 2027-01-17, state: ACTIVE }]
`,
      },
      other.token,
    );
    const tickets = Array.from({ length: 25 }, (_, i) =>
      t(`M${String(i + 1).padStart(2, '0')}`, 'Story', i + 1, 'To Do', ['S']),
    );
    await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created } }`,
      { t: tickets },
      other.token,
    );
    const g = await gaps(null, other.token);
    expect(g.unaligned).toHaveLength(1);
    expect(g.unaligned[0]).toMatchObject({ reason: 'NO_INITIATIVE', effort: 325, ticketCount: 25 });
    expect(keys(g.unaligned[0].tickets)).toEqual(
      Array.from({ length: 20 }, (_, i) => `M${String(25 - i).padStart(2, '0')}`),
    );
  });

  it('refuses a bad scope; shows another organization nothing; VIEWER reads', async () => {
    const both = await app.gql(GAPS, { scope: { sprintKeys: ['A-S1'], cycleKey: 'Q1' } }, s.token);
    expect(expectError(both, 'BAD_USER_INPUT').extensions.fields).toEqual([
      { field: 'scope.cycleKey', message: 'give sprintKeys or cycleKey, not both' },
    ]);
    expectError(await app.gql(GAPS, { scope: { teamKeys: ['NOPE'] } }, s.token), 'NOT_FOUND');
    expectError(await app.gql(GAPS, { scope: { measure: 'HOURS' } }, s.token), 'BAD_USER_INPUT');
    expectError(await app.gql(GAPS, {}), 'UNAUTHENTICATED');

    const other = await app.signUp('Other');
    // this organization's sprint keys are unknown there
    expectError(await app.gql(GAPS, { scope: { sprintKeys: ['A-S1'] } }, other.token), 'NOT_FOUND');
    expect(await gaps(null, other.token)).toEqual({
      unaligned: [],
      unsupportedKeyResults: [],
      idleInitiatives: [],
      neglectedGoals: [],
      drift: [],
      busyNotMoving: [],
      staleSources: [],
    });

    const viewer = await tokenFor(app, s, 'VIEWER');
    expect(keys((await gaps(null, viewer)).neglectedGoals)).toEqual(['G3', 'G5']);
  });
});
