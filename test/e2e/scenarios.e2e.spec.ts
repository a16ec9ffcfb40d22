import { queryCounter } from '@app/database';
import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

/**
 * docs/design.md 3, scenarios (what-if) of a DRAFT cycle's plan over HTTP, against a hand-computed
 * table. Q2 has 91 days and no sprints: 6.5 sprints by the 14-day cadence, so a team of 2 points
 * per sprint has 13 points of capacity.
 *
 * | initiative | team | plan          | links            | scenario "Lean"                 |
 * |------------|------|---------------|------------------|---------------------------------|
 * | I1         | A    | MUST 8        | K1 (G1)          | estimate 12                     |
 * | I2         | A    | SHOULD 4      | K1 1, K2 1       | COULD; link to K2 weight 3      |
 * | I3         | B    | COULD 6       | K2 (G2)          | excluded                        |
 * | team A     |      | 2 per sprint  |                  | 1 per sprint (6.5)              |
 *
 * Plan: 18 points; G1 = 8 + 2 = 10 (10/18), G2 = 2 + 6 = 8 (8/18); A: I1 8, I2 12 of 13 (no
 * cut); B: I3 6 of 13. Targets 0.5 each: gaps +1/18 and -1/18. Horizons CORE 10/18, ADJACENT 8/18.
 * Lean: 16 points; G1 = 12 + 1 = 13 (13/16), G2 = 3 (3/16); A: I1 12 > 6.5 (cut from the first),
 * I2 16; B is left out (no sprints, nothing planned).
 */
const PLAN = `version: 1
vision: { statement: Every plan has its what-ifs, horizon: 3 years }
goals:
  - { key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }
  - { key: G2, title: Self-serve, horizon: ADJACENT, targetShare: 0.5 }
teams: [{ key: A, name: Team A, capacity: 2 }, { key: B, name: Team B, capacity: 2 }]
cycles:
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
  - { key: Q3, name: Q3, start: 2027-07-01, end: 2027-09-30 }
objectives:
  - { key: O1, cycle: Q2, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: K1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q2, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: K2, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, title: I1, team: A, cycle: Q2, priority: MUST, estimate: 8, supports: [{ keyResult: K1 }] }
  - { key: I2, title: I2, team: A, cycle: Q2, priority: SHOULD, estimate: 4, supports: [{ keyResult: K1 }, { keyResult: K2 }] }
  - { key: I3, title: I3, team: B, cycle: Q2, priority: COULD, estimate: 6, supports: [{ keyResult: K2 }] }
  - { key: I4, title: I4, team: B, priority: MUST, estimate: 3, supports: [{ keyResult: K2 }] }
  - { key: I5, title: I5, team: B, cycle: Q3, priority: MUST, estimate: 3 }
`;

const SCENARIO = `id name version promotedAt
  initiatives { initiative { key } included estimate priority }
  teams { team { key } capacityPerSprint }
  links { initiative { key } keyResult { key } weight }`;
const FORK = `mutation($input: ForkScenarioInput!) { forkScenario(input: $input) { ${SCENARIO} } }`;
const UPDATE = `mutation($input: UpdateScenarioInput!) { updateScenario(input: $input) { ${SCENARIO} } }`;
const PROMOTE = `mutation($id: ID!, $v: Int!) { promoteScenario(id: $id, expectedVersion: $v) {
  projected { totalEffort goals { goal { key } share } } capacity { team { key } capacity demand } } }`;
const FIGURES = `totalEffort horizons { horizon share }
  goals { goal { key } effort share targetShare gap atRiskEffort }
  unestimatedInitiatives { key }`;
const CAPACITY = `team { key } capacityPerSprint capacity demand overCommitted
  lines { initiative { key } priority demand cumulative aboveCut }`;
const PROJECTED = `query { projectedAlignment(cycleKey: "Q2") { ${FIGURES} } capacity(cycleKey: "Q2") { ${CAPACITY} } }`;
const COMPARE = `query($ids: [ID!]!) { compareScenarios(cycleKey: "Q2", scenarioIds: $ids) {
  cycle { key } columns { label scenario { name } plannedEffort shareDeltas horizonDeltas
    unestimatedInitiatives { key } projected { ${FIGURES} } capacity { ${CAPACITY} } } } }`;

type Goal = { goal: { key: string }; effort: number; share: number; gap: number | null };
const shares = (goals: Goal[]) => goals.map((g) => [g.goal.key, g.effort, g.share]);
type Team = {
  team: { key: string };
  capacity: number;
  demand: number;
  overCommitted: boolean;
  lines: { initiative: { key: string }; priority: string; cumulative: number; aboveCut: boolean }[];
};
const teams = (rows: Team[]) =>
  rows.map((t) => ({
    team: t.team.key,
    capacity: t.capacity,
    demand: t.demand,
    overCommitted: t.overCommitted,
    lines: t.lines.map((l) => `${l.initiative.key} ${l.priority} ${l.cumulative} ${l.aboveCut}`),
  }));

describe('scenarios of a DRAFT cycle', () => {
  let app: TestApp;
  let s: Session;
  let ids: Map<string, string>;
  let live: Record<string, any>;
  let lean: { id: string; version: number };
  let stale: { id: string; version: number };
  beforeAll(async () => {
    // statements are counted per request: every request checks its session, whatever came before
    app = await TestApp.start({ env: { SESSION_CACHE_MS: '0' } });
    s = await app.signUp();
    const res = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: PLAN },
      s.token,
    );
    expect(res.importPlan.problems).toEqual([]);
    const all = await app.ok(
      `{ initiatives(first: 100) { nodes { id key } } teams(first: 10) { nodes { id key } }
         keyResults(first: 10) { nodes { id key } } }`,
      {},
      s.token,
    );
    ids = new Map(
      [...all.initiatives.nodes, ...all.teams.nodes, ...all.keyResults.nodes].map(
        (n: { id: string; key: string }) => [n.key, n.id],
      ),
    );
    live = await app.ok(PROJECTED, {}, s.token);
  });
  afterAll(() => app.close());

  const id = (key: string) => ids.get(key)!;

  it('forks the live plan as a full copy; VIEWERs read but cannot write', async () => {
    const viewer = await tokenFor(app, s, 'VIEWER');
    expectError(
      await app.gql(FORK, { input: { cycleKey: 'Q2', name: 'Lean' } }, viewer),
      'FORBIDDEN',
    );
    const forked = (await app.ok(FORK, { input: { cycleKey: 'Q2', name: 'Lean' } }, s.token))
      .forkScenario;
    expect(forked).toMatchObject({ name: 'Lean', version: 1, promotedAt: null });
    expect(forked.initiatives).toEqual([
      { initiative: { key: 'I1' }, included: true, estimate: 8, priority: 'MUST' },
      { initiative: { key: 'I2' }, included: true, estimate: 4, priority: 'SHOULD' },
      { initiative: { key: 'I3' }, included: true, estimate: 6, priority: 'COULD' },
    ]);
    expect(forked.teams).toEqual([
      { team: { key: 'A' }, capacityPerSprint: 2 },
      { team: { key: 'B' }, capacityPerSprint: 2 },
    ]);
    expect(forked.links).toHaveLength(4);
    lean = forked;
    const listed = await app.ok(`{ scenarios(cycleKey: "Q2") { name } }`, {}, viewer);
    expect(listed.scenarios).toEqual([{ name: 'Lean' }]);
    const update = { id: lean.id, expectedVersion: 1, name: 'Mine' };
    expectError(await app.gql(UPDATE, { input: update }, viewer), 'FORBIDDEN');
    expectError(await app.gql(PROMOTE, { id: lean.id, v: 1 }, viewer), 'FORBIDDEN');
  });

  it('refuses bad names and values naming the field, and writes nothing', async () => {
    for (const [name, message] of [
      ['', 'must not be empty'],
      ['   ', 'must not be only spaces'],
      ['x'.repeat(121), 'at most 120'],
      ['Lean', 'already has a scenario named "Lean"'],
    ]) {
      const error = expectError(
        await app.gql(FORK, { input: { cycleKey: 'Q2', name } }, s.token),
        'BAD_USER_INPUT',
      );
      expect(error.message).toContain('input.name');
      expect(error.message).toContain(message);
    }
    const invalid = [
      [
        {
          initiatives: [
            { initiativeId: id('I1'), estimate: 12 },
            { initiativeId: id('I2'), estimate: 10_001 },
          ],
        },
        'input.initiatives.1.estimate',
      ],
      [{ teams: [{ teamId: id('A'), capacityPerSprint: -1 }] }, 'input.teams.0.capacityPerSprint'],
      [
        { links: [{ initiativeId: id('I2'), keyResultId: id('K2'), weight: 0 }] },
        'input.links.0.weight',
      ],
      [
        { initiatives: [{ initiativeId: id('I1'), estimate: 12 }, { initiativeId: id('K1') }] },
        'input.initiatives.1.initiativeId',
      ],
      [{ initiatives: [{ initiativeId: id('I5') }] }, 'input.initiatives.0.initiativeId'],
      [
        { links: [{ initiativeId: id('I1'), keyResultId: id('K2'), weight: 2 }] },
        'input.links.0.keyResultId',
      ],
      [
        { initiatives: [{ initiativeId: id('I1') }, { initiativeId: id('I1') }] },
        'input.initiatives.1.initiativeId',
      ],
    ] as const;
    for (const [change, field] of invalid) {
      const res = await app.gql(
        UPDATE,
        { input: { id: lean.id, expectedVersion: 1, ...change } },
        s.token,
      );
      const error = expectError(res, 'BAD_USER_INPUT');
      expect(error.message).toContain(field);
    }
    const stored = await app.ok(
      `query($id: ID!) { scenario(id: $id) { ${SCENARIO} } }`,
      { id: lean.id },
      s.token,
    );
    expect(stored.scenario.version).toBe(1);
    expect(stored.scenario.initiatives[0].estimate).toBe(8);
    expectError(
      await app.gql(UPDATE, { input: { id: lean.id, expectedVersion: 7, name: 'Late' } }, s.token),
      'CONFLICT',
    );
  });

  it('edits estimates, priorities, inclusion, capacities and weights without touching the live plan', async () => {
    stale = (await app.ok(FORK, { input: { cycleKey: 'Q2', name: 'Stale' } }, s.token))
      .forkScenario;
    const edited = (
      await app.ok(
        UPDATE,
        {
          input: {
            id: lean.id,
            expectedVersion: 1,
            initiatives: [
              { initiativeId: id('I1'), estimate: 12 },
              { initiativeId: id('I2'), priority: 'COULD' },
              { initiativeId: id('I3'), included: false },
            ],
            teams: [{ teamId: id('A'), capacityPerSprint: 1 }],
            links: [{ initiativeId: id('I2'), keyResultId: id('K2'), weight: 3 }],
          },
        },
        s.token,
      )
    ).updateScenario;
    expect(edited.version).toBe(2);
    expect(edited.initiatives).toEqual([
      { initiative: { key: 'I1' }, included: true, estimate: 12, priority: 'MUST' },
      { initiative: { key: 'I2' }, included: true, estimate: 4, priority: 'COULD' },
      { initiative: { key: 'I3' }, included: false, estimate: 6, priority: 'COULD' },
    ]);
    lean = edited;
    // the live plan is as it was
    expect(await app.ok(PROJECTED, {}, s.token)).toEqual(live);
  });

  it('compares the plan and the scenario with the hand-computed figures', async () => {
    const { compareScenarios: c } = await app.ok(COMPARE, { ids: [lean.id] }, s.token);
    expect(c.columns.map((col: { label: string }) => col.label)).toEqual(['plan', 'Lean']);
    const [plan, scenario] = c.columns;
    // the plan's column is projectedAlignment and capacity themselves
    expect(plan.projected).toEqual(live.projectedAlignment);
    expect(plan.capacity).toEqual(live.capacity);
    expect(plan.scenario).toBeNull();
    expect(shares(plan.projected.goals)).toEqual([
      ['G1', 10, 10 / 18],
      ['G2', 8, 8 / 18],
    ]);
    expect(plan.projected.goals.map((g: Goal) => g.gap)).toEqual([10 / 18 - 0.5, 8 / 18 - 0.5]);
    expect(teams(plan.capacity)).toEqual([
      {
        team: 'A',
        capacity: 13,
        demand: 12,
        overCommitted: false,
        lines: ['I1 MUST 8 true', 'I2 SHOULD 12 true'],
      },
      { team: 'B', capacity: 13, demand: 6, overCommitted: false, lines: ['I3 COULD 6 true'] },
    ]);
    expect(plan.plannedEffort).toBe(18);
    expect(plan.shareDeltas).toEqual([0, 0]);

    expect(scenario.scenario).toEqual({ name: 'Lean' });
    expect(scenario.plannedEffort).toBe(16);
    expect(shares(scenario.projected.goals)).toEqual([
      ['G1', 13, 13 / 16],
      ['G2', 3, 3 / 16],
    ]);
    expect(scenario.projected.goals.map((g: Goal) => g.gap)).toEqual([13 / 16 - 0.5, 3 / 16 - 0.5]);
    expect(scenario.shareDeltas).toEqual([13 / 16 - 10 / 18, 3 / 16 - 8 / 18]);
    const horizon = (col: { projected: { horizons: { horizon: string; share: number }[] } }) =>
      Object.fromEntries(col.projected.horizons.map((h) => [h.horizon, h.share]));
    expect(horizon(plan)).toMatchObject({ CORE: 10 / 18, ADJACENT: 8 / 18 });
    expect(horizon(scenario)).toMatchObject({ CORE: 13 / 16, ADJACENT: 3 / 16 });
    expect(teams(scenario.capacity)).toEqual([
      {
        team: 'A',
        capacity: 6.5,
        demand: 16,
        overCommitted: true,
        lines: ['I1 MUST 12 false', 'I2 COULD 16 false'],
      },
    ]);

    // up to three scenarios, each once, each of this cycle; one read of the plan inputs for all
    queryCounter.statements = 0;
    await app.ok(COMPARE, { ids: [lean.id] }, s.token);
    const one = queryCounter.statements;
    queryCounter.statements = 0;
    const more = await app.ok(COMPARE, { ids: [lean.id, stale.id] }, s.token);
    expect(queryCounter.statements).toBe(one);
    expect(more.compareScenarios.columns.map((col: { label: string }) => col.label)).toEqual([
      'plan',
      'Lean',
      'Stale',
    ]);
    expect(more.compareScenarios.columns[2].projected).toEqual(live.projectedAlignment);
    expectError(await app.gql(COMPARE, { ids: [] }, s.token), 'BAD_USER_INPUT');
    expectError(await app.gql(COMPARE, { ids: [lean.id, lean.id] }, s.token), 'BAD_USER_INPUT');
  });

  it('another organization neither sees nor touches a scenario', async () => {
    const other = await app.signUp('Other');
    const seen = await app.ok(
      `query($id: ID!) { scenario(id: $id) { id } }`,
      { id: lean.id },
      other.token,
    );
    expect(seen.scenario).toBeNull();
    expectError(
      await app.gql(
        UPDATE,
        { input: { id: lean.id, expectedVersion: 2, name: 'Theirs' } },
        other.token,
      ),
      'NOT_FOUND',
    );
    expectError(await app.gql(PROMOTE, { id: lean.id, v: 2 }, other.token), 'NOT_FOUND');
    expectError(
      await app.gql(
        `mutation($id: ID!) { deleteScenario(id: $id, expectedVersion: 2) }`,
        { id: lean.id },
        other.token,
      ),
      'NOT_FOUND',
    );
  });

  it('promotes the scenario into the plan, which then reads as its column; lockCycle locks it', async () => {
    const { compareScenarios: c } = await app.ok(COMPARE, { ids: [lean.id] }, s.token);
    expectError(await app.gql(PROMOTE, { id: lean.id, v: 1 }, s.token), 'CONFLICT');
    const promoted = await app.ok(PROMOTE, { id: lean.id, v: lean.version }, s.token);
    expect(promoted.promoteScenario.projected.totalEffort).toBe(16);
    const after = await app.ok(PROJECTED, {}, s.token);
    expect(after.projectedAlignment).toEqual(c.columns[1].projected);
    expect(after.capacity).toEqual(c.columns[1].capacity);
    const rows = await app.ok(
      `{ i3: initiative(key: "I3") { cycle { key } version } i1: initiative(key: "I1") { estimate version }
         i2: initiative(key: "I2") { priority } a: team(key: "A") { capacity } }`,
      {},
      s.token,
    );
    expect(rows).toMatchObject({
      i3: { cycle: null },
      i1: { estimate: 12 },
      i2: { priority: 'COULD' },
      a: { capacity: 1 },
    });
    expect(rows.i1.version).toBeGreaterThan(1);

    // a scenario forked before: the plan moved under it, so it is refused and writes nothing
    const refused = expectError(
      await app.gql(PROMOTE, { id: stale.id, v: stale.version }, s.token),
      'CONFLICT',
    );
    expect(refused.message).toContain('initiative I1 changed since the scenario was forked');
    expect(refused.message).toContain('team A changed since the scenario was forked');
    expect((await app.ok(PROJECTED, {}, s.token)).projectedAlignment).toEqual(
      c.columns[1].projected,
    );

    // a fork of the plan as it is now, with a live edit after it
    const later = (await app.ok(FORK, { input: { cycleKey: 'Q2', name: 'Later' } }, s.token))
      .forkScenario;
    const withI4 = (
      await app.ok(
        UPDATE,
        {
          input: {
            id: later.id,
            expectedVersion: 1,
            initiatives: [{ initiativeId: id('I4') }, { initiativeId: id('I1'), estimate: 5 }],
          },
        },
        s.token,
      )
    ).updateScenario;
    expect(
      withI4.initiatives.map(
        (i: { initiative: { key: string }; included: boolean }) =>
          `${i.initiative.key} ${i.included}`,
      ),
    ).toEqual(['I1 true', 'I2 true', 'I4 true']);
    await app.ok(
      `mutation($input: LinkInitiativeInput!) { linkInitiative(input: $input) { weight } }`,
      { input: { initiativeId: id('I1'), keyResultId: id('K1'), weight: 2 } },
      s.token,
    );
    const linkConflict = expectError(
      await app.gql(PROMOTE, { id: later.id, v: withI4.version }, s.token),
      'CONFLICT',
    );
    expect(linkConflict.message).toContain(
      'the link of initiative I1 changed since the scenario was forked',
    );
    const i1 = await app.ok(
      `{ initiative(key: "I1") { estimate } i4: initiative(key: "I4") { cycle { key } } }`,
      {},
      s.token,
    );
    expect(i1).toEqual({ initiative: { estimate: 12 }, i4: { cycle: null } });

    const locked = await app.ok(
      `mutation { lockCycle(cycleKey: "Q2") { plannedEffort projected { totalEffort } } }`,
      {},
      s.token,
    );
    expect(locked.lockCycle).toEqual({ plannedEffort: 16, projected: { totalEffort: 16 } });
    const notDraft = expectError(
      await app.gql(FORK, { input: { cycleKey: 'Q2', name: 'After' } }, s.token),
      'BAD_USER_INPUT',
    );
    expect(notDraft.message).toContain('cycle "Q2" is ACTIVE, not DRAFT');
    expectError(
      await app.gql(
        UPDATE,
        { input: { id: later.id, expectedVersion: withI4.version, name: 'x' } },
        s.token,
      ),
      'BAD_USER_INPUT',
    );
    expectError(
      await app.gql(PROMOTE, { id: later.id, v: withI4.version }, s.token),
      'BAD_USER_INPUT',
    );
  });

  it('holds at most 20 scenarios per cycle; a deleted one frees its name and its place', async () => {
    const forked: { id: string; version: number }[] = [];
    for (let n = 1; n <= 20; n++)
      forked.push(
        (await app.ok(FORK, { input: { cycleKey: 'Q3', name: `S${n}` } }, s.token)).forkScenario,
      );
    const full = expectError(
      await app.gql(FORK, { input: { cycleKey: 'Q3', name: 'S21' } }, s.token),
      'BAD_USER_INPUT',
    );
    expect(full.message).toContain('at most 20');
    const del = `mutation($id: ID!, $v: Int!) { deleteScenario(id: $id, expectedVersion: $v) }`;
    expectError(await app.gql(del, { id: forked[0].id, v: 9 }, s.token), 'CONFLICT');
    expect((await app.ok(del, { id: forked[0].id, v: 1 }, s.token)).deleteScenario).toBe(true);
    const again = await app.ok(
      FORK,
      { input: { cycleKey: 'Q3', name: 'S1', fromScenarioId: forked[1].id } },
      s.token,
    );
    expect(again.forkScenario.initiatives).toEqual([
      { initiative: { key: 'I5' }, included: true, estimate: 3, priority: 'MUST' },
    ]);
  });
});
