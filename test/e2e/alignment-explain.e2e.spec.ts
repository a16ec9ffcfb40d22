import { expectError, TestApp, type Session } from '../support/test-app.js';
import { alignmentOrganization } from './alignment-fixture.js';

describe('explaining every number', () => {
  let app: TestApp;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await alignmentOrganization(app);
  });
  afterAll(() => app.close());

  const PATHS = `query($key: String!) { explainTicket(key: $key) {
    ticket { key } counted paths { nodes { kind key } fraction goal { key } reason } } }`;
  const path = (p: {
    nodes: { key: string }[];
    fraction: number;
    goal: { key: string } | null;
    reason: string | null;
  }) => [p.nodes.map((n) => n.key).join(' > '), p.fraction, p.goal?.key ?? p.reason];

  it('explains a ticket path by path, with the fraction along each', async () => {
    const t11 = (await app.ok(PATHS, { key: 'T11' }, s.token)).explainTicket;
    expect(t11.counted).toBe(true);
    expect(t11.paths.map(path)).toEqual([
      ['I8 > O2 > G2', 0.75, 'G2'],
      ['I1 > O1-KR1 > O1 > G1', 0.1875, 'G1'],
      ['I1 > O1-KR1 > O1 > G2', 0.0625, 'G2'],
    ]);
    const t2 = (await app.ok(PATHS, { key: 'T2' }, s.token)).explainTicket;
    expect(t2.paths.map(path)).toEqual([
      ['I2 > O2-KR1 > O2 > G2', 0.5, 'G2'],
      ['I2 > O5-KR1 > O5', 0.5, 'INACTIVE_TARGET'],
    ]);
    const t4 = (await app.ok(PATHS, { key: 'T4' }, s.token)).explainTicket;
    expect(t4.paths.map(path)).toEqual([['', 1, 'NO_INITIATIVE']]);
    const t8 = (await app.ok(PATHS, { key: 'T8' }, s.token)).explainTicket;
    expect(t8.counted).toBe(false);
    expectError(await app.gql(PATHS, { key: 'NOPE-1' }, s.token), 'NOT_FOUND');
  });

  it("explains a goal's effort: objectives, key results, initiatives and tickets, largest first", async () => {
    const goal = (
      await app.ok(
        `{ explainGoal(key: "G1") { goal { key } effort share
            objectives { node { key } effort share } keyResults { node { key } effort } initiatives { node { key } effort }
            tickets { ticket { key } effort } ticketCount } }`,
        {},
        s.token,
      )
    ).explainGoal;
    expect(goal).toMatchObject({ goal: { key: 'G1' }, effort: 7.5, ticketCount: 3 });
    const rows = (list: { node: { key: string }; effort: number }[]) =>
      list.map((c) => [c.node.key, c.effort]);
    expect(rows(goal.initiatives)).toEqual([
      ['I1', 6.75],
      ['I3', 0.75],
    ]);
    expect(rows(goal.keyResults)).toEqual([
      ['O1-KR1', 7.5],
      ['O3-KR1', 0.75],
    ]);
    expect(rows(goal.objectives)).toEqual([
      ['O1', 7.5],
      ['O3', 0.75],
    ]);
    expect(goal.objectives[0].share).toBe(1);
    expect(goal.tickets).toEqual([
      { ticket: { key: 'T1' }, effort: 6 },
      { ticket: { key: 'T11' }, effort: 0.75 },
      { ticket: { key: 'T3' }, effort: 0.75 },
    ]);
    const other = await app.signUp('Other');
    expectError(
      await app.gql(`{ explainGoal(key: "G1") { effort } }`, {}, other.token),
      'NOT_FOUND',
    );
  });
});

describe('the alignment tree', () => {
  let app: TestApp;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await alignmentOrganization(app);
  });
  afterAll(() => app.close());

  it('sizes every route from goal to initiative, children summing to their parent', async () => {
    const tree = (
      await app.ok(
        `{ alignmentTree { totalEffort nodes { id parentId kind key effort reason } } }`,
        {},
        s.token,
      )
    ).alignmentTree;
    type Row = {
      id: string;
      parentId: string | null;
      kind: string;
      key: string;
      effort: number;
      reason: string | null;
    };
    const nodes: Row[] = tree.nodes;
    const top = nodes.filter((n) => n.parentId === null);
    expect(top.reduce((sum, n) => sum + n.effort, 0)).toBeCloseTo(tree.totalEffort, 9);
    expect(tree.totalEffort).toBe(35);
    for (const node of nodes) {
      const children = nodes.filter((n) => n.parentId === node.id);
      if (children.length)
        expect(children.reduce((sum, c) => sum + c.effort, 0)).toBeCloseTo(node.effort, 9);
    }
    const byPath = (keys: string[]) => {
      let parent: string | null = null;
      let found: Row | undefined;
      for (const key of keys) {
        found = nodes.find((n) => n.parentId === parent && n.key === key);
        if (!found) return undefined;
        parent = found.id;
      }
      return found?.effort;
    };
    expect(byPath(['G1'])).toBe(7.5);
    expect(byPath(['G1', 'O1', 'O1-KR1', 'I1'])).toBeCloseTo(6.75, 9);
    expect(byPath(['G1', 'O1', 'O1-KR1', 'O3', 'O3-KR1', 'I3'])).toBeCloseTo(0.75, 9);
    // I8 supports O2 directly; I1 and I3 reach G2 too, through O1: one branch per route.
    expect(byPath(['G2', 'O2', 'I8'])).toBe(3);
    expect(byPath(['G2', 'O1', 'O1-KR1', 'I1'])).toBeCloseTo(2.25, 9);
    expect(nodes.filter((n) => n.kind === 'UNALIGNED').map((n) => [n.reason, n.effort])).toEqual([
      ['NO_INITIATIVE', 2],
      ['NO_KEY_RESULT', 3],
      ['NO_GOAL', 5],
      ['INACTIVE_TARGET', 10],
    ]);
  });
});
