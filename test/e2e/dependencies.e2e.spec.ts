import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

/**
 * docs/design.md 3, dependencies between initiatives over HTTP: written and removed by EDITORs,
 * self and cyclic dependencies and other organizations' ids refused, read through
 * Initiative.blockedBy / blocks, carried by plan files both ways, and the projection's dependency
 * risk per goal against a hand-computed table.
 *
 * The plan of Q2 (91 days, no sprints: 6.5 sprints by the 14-day cadence; both teams 2 points per
 * sprint, so 13 points of capacity each):
 *
 * | initiative | team | priority | estimate | feeds          | cut line     | blocked by              |
 * |------------|------|----------|----------|----------------|--------------|-------------------------|
 * | A1         | A    | MUST     | 8        | G1             | 8, above     | A3 (below the cut line) |
 * | A2         | A    | SHOULD   | 4        | G2             | 12, above    | X (CANCELLED)           |
 * | A3         | A    | COULD    | 5        | G3             | 17 > 13, cut | -                       |
 * | B1         | B    | MUST     | 6        | G1 3, G2 3     | 6, above     | A2 (safe; A2 is not)    |
 * | B3         | B    | MUST     | 2        | G1             | 8, above     | D1 (DONE in Q1)         |
 * | B2         | B    | SHOULD   | 4        | G2             | 12, above    | L1 (planned for Q3)     |
 *
 * Behind an at-risk dependency: A1 (A1<-A3 BELOW_CUT_LINE), A2 (A2<-X CANCELLED), B1 (waits on A2,
 * which waits on X), B2 (B2<-L1 LATER_CYCLE). Safe: A3, B3.
 *
 * | goal | projected effort       | at risk           | atRiskShare | at-risk dependencies |
 * |------|------------------------|-------------------|-------------|----------------------|
 * | G1   | A1 8 + B1 3 + B3 2 = 13 | A1 8 + B1 3 = 11 | 11/13       | A1<-A3, A2<-X        |
 * | G2   | A2 4 + B1 3 + B2 4 = 11 | 11               | 1           | A2<-X, B2<-L1        |
 * | G3   | A3 5                   | 0                 | 0           | -                    |
 * | all  | 29                     | 8 + 4 + 6 + 4 = 22 | 22/29      | the three            |
 */
const PLAN = `version: 1
vision: { statement: Every plan shows its risks, horizon: 3 years }
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Self-serve, horizon: ADJACENT }
  - { key: G3, title: AI, horizon: TRANSFORMATIONAL }
teams: [{ key: A, name: Team A, capacity: 2 }, { key: B, name: Team B, capacity: 2 }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: CLOSED }
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
  - { key: Q3, name: Q3, start: 2027-07-01, end: 2027-09-30 }
objectives:
  - { key: O1, cycle: Q2, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: K1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q2, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: K2, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O3, cycle: Q2, title: O3, alignsTo: [{ goal: G3 }], keyResults: [{ key: K3, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: A1, title: A1, team: A, cycle: Q2, priority: MUST, estimate: 8, supports: [{ keyResult: K1 }] }
  - { key: A2, title: A2, team: A, cycle: Q2, priority: SHOULD, estimate: 4, supports: [{ keyResult: K2 }] }
  - { key: A3, title: A3, team: A, cycle: Q2, priority: COULD, estimate: 5, supports: [{ keyResult: K3 }] }
  - { key: B1, title: B1, team: B, cycle: Q2, priority: MUST, estimate: 6, supports: [{ keyResult: K1 }, { keyResult: K2 }] }
  - { key: B2, title: B2, team: B, cycle: Q2, priority: SHOULD, estimate: 4, supports: [{ keyResult: K2 }] }
  - { key: B3, title: B3, team: B, cycle: Q2, priority: MUST, estimate: 2, supports: [{ keyResult: K1 }] }
  - { key: X, title: X, team: B, cycle: Q2, status: CANCELLED, priority: MUST, estimate: 3, supports: [{ keyResult: K2 }] }
  - { key: L1, title: L1, team: B, cycle: Q3, priority: MUST, estimate: 5 }
  - { key: D1, title: D1, team: A, cycle: Q1, status: DONE, priority: MUST, estimate: 3 }
`;

const ADD = `mutation($input: AddInitiativeDependencyInput!) {
  addInitiativeDependency(input: $input) { id note initiative { key } blockedBy { key team { key } } } }`;

const PROJECTED = `query { projectedAlignment(cycleKey: "Q2") {
  totalEffort atRiskEffort atRiskShare
  atRiskDependencies { id reason initiative { key } blockedBy { key team { key } } }
  goals { goal { key } effort share atRiskEffort atRiskShare
          atRiskDependencies { reason initiative { key } blockedBy { key } } } } }`;

type Dep = { reason: string; initiative: { key: string }; blockedBy: { key: string } };
const edge = (d: Dep) => `${d.initiative.key}<-${d.blockedBy.key} ${d.reason}`;

describe('dependencies between initiatives', () => {
  let app: TestApp;
  let s: Session;
  let ids: Map<string, string>;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await app.signUp();
    const res = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: PLAN },
      s.token,
    );
    expect(res.importPlan.problems).toEqual([]);
    const all = await app.ok(`{ initiatives(first: 100) { nodes { id key } } }`, {}, s.token);
    ids = new Map(all.initiatives.nodes.map((n: { id: string; key: string }) => [n.key, n.id]));
  });
  afterAll(() => app.close());

  const add = (initiative: string, blocker: string, note?: string, token = s.token) =>
    app.gql(
      ADD,
      {
        input: {
          initiativeId: ids.get(initiative) ?? initiative,
          blockedById: ids.get(blocker) ?? blocker,
          ...(note === undefined ? {} : { note }),
        },
      },
      token,
    );

  it('EDITORs add dependencies; each exposes its blocker with its team, batched on Initiative', async () => {
    const viewer = await tokenFor(app, s, 'VIEWER');
    const member = await tokenFor(app, s, 'MEMBER');
    expectError(await add('A1', 'A3', undefined, viewer), 'FORBIDDEN');
    expectError(await add('A1', 'A3', undefined, member), 'FORBIDDEN');
    const editor = await tokenFor(app, s, 'EDITOR');
    const first = await add('A1', 'A3', 'the billing API first', editor);
    expect(first.errors).toBeUndefined();
    expect(first.data!.addInitiativeDependency).toMatchObject({
      note: 'the billing API first',
      initiative: { key: 'A1' },
      blockedBy: { key: 'A3', team: { key: 'A' } },
    });
    for (const [x, b] of [
      ['A2', 'X'],
      ['B1', 'A2'],
      ['B2', 'L1'],
      ['B3', 'D1'],
    ])
      expect((await add(x, b)).errors).toBeUndefined();
    // Adding it again replaces the note, and stays one dependency.
    const again = await add('A1', 'A3', 'the billing API v2 first');
    expect(again.data!.addInitiativeDependency.id).toBe(first.data!.addInitiativeDependency.id);

    const read = await app.ok(
      `{ a2: initiative(key: "A2") { blockedBy { note blockedBy { key team { key } } } blocks { initiative { key } } }
         a1: initiative(key: "A1") { blockedBy { note blockedBy { key } } } }`,
      {},
      viewer,
    );
    expect(read.a2).toEqual({
      blockedBy: [{ note: null, blockedBy: { key: 'X', team: { key: 'B' } } }],
      blocks: [{ initiative: { key: 'B1' } }],
    });
    expect(read.a1.blockedBy).toEqual([
      { note: 'the billing API v2 first', blockedBy: { key: 'A3' } },
    ]);
  });

  it('refuses a dependency on itself, one that closes a cycle (naming it) and bad ids', async () => {
    const self = expectError(await add('A1', 'A1'), 'BAD_USER_INPUT');
    expect(self.message).toMatch(/blockedById.*blocked by itself/);
    const short = expectError(await add('A3', 'A1'), 'BAD_USER_INPUT');
    expect(short.message).toContain('A3 -> A1 -> A3');
    const long = expectError(await add('X', 'B1'), 'BAD_USER_INPUT');
    expect(long.message).toContain('X -> B1 -> A2 -> X');
    expectError(await add('A1', 'not-an-id'), 'BAD_USER_INPUT');
    expectError(await add('A1', 'A3', 'x'.repeat(10_001)), 'BAD_USER_INPUT');
    const count = await app.ok(`{ initiative(key: "X") { blockedBy { id } } }`, {}, s.token);
    expect(count.initiative.blockedBy).toEqual([]);
  });

  it("another organization's ids are not found, and its members see none of them", async () => {
    const other = await app.signUp('Other');
    await app.ok(
      `mutation { createInitiative(input: { key: "Z1", title: "Z1" }) { id } }`,
      {},
      other.token,
    );
    expectError(await add('A1', 'A3', undefined, other.token), 'NOT_FOUND');
    const theirs = await app.ok(`{ initiative(key: "Z1") { id } }`, {}, other.token);
    expectError(await add('A1', theirs.initiative.id), 'NOT_FOUND');
    const dep = await app.ok(`{ initiative(key: "A1") { blockedBy { id } } }`, {}, s.token);
    expectError(
      await app.gql(
        `mutation($id: ID!) { removeInitiativeDependency(id: $id) }`,
        { id: dep.initiative.blockedBy[0].id },
        other.token,
      ),
      'NOT_FOUND',
    );
  });

  it("projectedAlignment reports each goal's effort behind at-risk dependencies (hand-computed table)", async () => {
    const capacity = await app.ok(
      `{ capacity(cycleKey: "Q2") { team { key } capacity lines { initiative { key } aboveCut } } }`,
      {},
      s.token,
    );
    expect(
      capacity.capacity.map((t: any) => [
        t.team.key,
        t.capacity,
        t.lines.map((l: any) => `${l.initiative.key}${l.aboveCut ? '' : ' (cut)'}`),
      ]),
    ).toEqual([
      ['A', 13, ['A1', 'A2', 'A3 (cut)']],
      ['B', 13, ['B1', 'B3', 'B2']],
    ]);

    const { projectedAlignment: p } = await app.ok(PROJECTED, {}, s.token);
    expect(p.totalEffort).toBe(29);
    expect(p.atRiskEffort).toBe(22);
    expect(p.atRiskShare).toBeCloseTo(22 / 29, 12);
    expect(p.atRiskDependencies.map(edge).sort()).toEqual([
      'A1<-A3 BELOW_CUT_LINE',
      'A2<-X CANCELLED',
      'B2<-L1 LATER_CYCLE',
    ]);
    const blockerTeams = p.atRiskDependencies.map((d: any) => [
      d.blockedBy.key,
      d.blockedBy.team.key,
    ]);
    expect(blockerTeams.sort()).toEqual([
      ['A3', 'A'],
      ['L1', 'B'],
      ['X', 'B'],
    ]);
    const table = p.goals.map((g: any) => [
      g.goal.key,
      g.effort,
      g.atRiskEffort,
      g.atRiskShare,
      g.atRiskDependencies.map(edge).sort(),
    ]);
    expect(table).toEqual([
      ['G1', 13, 11, 11 / 13, ['A1<-A3 BELOW_CUT_LINE', 'A2<-X CANCELLED']],
      ['G2', 11, 11, 1, ['A2<-X CANCELLED', 'B2<-L1 LATER_CYCLE']],
      ['G3', 5, 0, 0, []],
    ]);
    // The session view carries the same projection.
    const session = await app.ok(
      `{ planningSession(cycleKey: "Q2") { projected { atRiskEffort goals { goal { key } atRiskEffort } } } }`,
      {},
      s.token,
    );
    expect(session.planningSession.projected.atRiskEffort).toBe(22);
  });

  it('a blocker moved above the cut line, and a removed dependency, take their risk with them', async () => {
    // A3 becomes a MUST: A1 8, A3 13 (exactly full), A2 17 is cut. A1 is then safe. B1 waits on
    // A2, now below the cut line: B1 is behind B1<-A2 (BELOW_CUT_LINE) as well as behind X
    // through A2.
    const a3 = await app.ok(`{ initiative(key: "A3") { id version } }`, {}, s.token);
    await app.ok(
      `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { key } }`,
      { input: { id: a3.initiative.id, expectedVersion: a3.initiative.version, priority: 'MUST' } },
      s.token,
    );
    let { projectedAlignment: p } = await app.ok(PROJECTED, {}, s.token);
    expect(p.atRiskDependencies.map(edge).sort()).toEqual([
      'A2<-X CANCELLED',
      'B1<-A2 BELOW_CUT_LINE',
      'B2<-L1 LATER_CYCLE',
    ]);
    // G1: B1 3 at risk of 13; G2: A2 4 + B1 3 + B2 4 = 11 of 11; all: 4 + 6 + 4 = 14.
    expect(p.atRiskEffort).toBe(14);
    expect(p.goals.map((g: any) => [g.goal.key, g.atRiskEffort])).toEqual([
      ['G1', 3],
      ['G2', 11],
      ['G3', 0],
    ]);

    const b2 = await app.ok(`{ initiative(key: "B2") { blockedBy { id } } }`, {}, s.token);
    const removed = await app.ok(
      `mutation($id: ID!) { removeInitiativeDependency(id: $id) }`,
      { id: b2.initiative.blockedBy[0].id },
      s.token,
    );
    expect(removed.removeInitiativeDependency).toBe(true);
    ({ projectedAlignment: p } = await app.ok(PROJECTED, {}, s.token));
    expect(p.atRiskEffort).toBe(10);
    expect(p.goals[1].atRiskEffort).toBe(7);
  });

  it('plan files carry blockedBy: exported, re-imported unchanged (notes kept), authoritative, checked', async () => {
    const { exportPlan } = await app.ok(`{ exportPlan }`, {}, s.token);
    expect(exportPlan).toMatch(/key: A1\n[\s\S]*?blockedBy:\n\s+- A3\n/);
    expect(exportPlan).toMatch(/key: B1\n[\s\S]*?blockedBy:\n\s+- A2\n/);
    const importPlan = (yaml: string, dryRun = false) =>
      app.ok(
        `mutation($y: String!, $d: Boolean!) { importPlan(yaml: $y, dryRun: $d) { applied created updated unchanged problems { path message } } }`,
        { y: yaml, d: dryRun },
        s.token,
      );
    const again = await importPlan(exportPlan);
    expect(again.importPlan).toMatchObject({ applied: true, created: 0, updated: 0, problems: [] });
    const note = await app.ok(`{ initiative(key: "A1") { blockedBy { note } } }`, {}, s.token);
    expect(note.initiative.blockedBy).toEqual([{ note: 'the billing API v2 first' }]);

    // The file's list replaces the listed initiative's dependencies, and only its own.
    const changed = await importPlan(`version: 1
initiatives:
  - { key: B2, title: B2, team: B, cycle: Q2, priority: SHOULD, estimate: 4, supports: [{ keyResult: K2 }], blockedBy: [L1, D1] }
  - { key: A1, title: A1, team: A, cycle: Q2, priority: MUST, estimate: 8, supports: [{ keyResult: K1 }] }
`);
    expect(changed.importPlan).toMatchObject({ applied: true, updated: 2, problems: [] });
    const read = await app.ok(
      `{ b2: initiative(key: "B2") { blockedBy { blockedBy { key } } }
         a1: initiative(key: "A1") { blockedBy { id } }
         b1: initiative(key: "B1") { blockedBy { blockedBy { key } } } }`,
      {},
      s.token,
    );
    expect(read.b2.blockedBy.map((d: any) => d.blockedBy.key).sort()).toEqual(['D1', 'L1']);
    expect(read.a1.blockedBy).toEqual([]);
    expect(read.b1.blockedBy).toEqual([{ blockedBy: { key: 'A2' } }]);

    const bad = await importPlan(
      `version: 1
initiatives:
  - { key: N1, title: N1, blockedBy: [NOPE, N1, "bad key!"] }
  - { key: X, title: X, status: CANCELLED, blockedBy: [B1] }
`,
      true,
    );
    expect(bad.importPlan.applied).toBe(false);
    expect(bad.importPlan.problems).toEqual(
      expect.arrayContaining([
        { path: 'initiatives[0].blockedBy[0]', message: 'no initiative with key "NOPE"' },
        {
          path: 'initiatives[0].blockedBy[1]',
          message: 'an initiative cannot be blocked by itself ("N1")',
        },
        expect.objectContaining({ path: 'initiatives[0].blockedBy[2]' }),
        {
          path: 'initiatives[1].blockedBy[0]',
          message: 'closes the dependency cycle X -> B1 -> A2 -> X',
        },
      ]),
    );
  });
});
