import { expectError, TestApp, type Session } from '../support/test-app.js';
import { Builder, snapshot, tokenFor } from './strategy-fixtures.js';

const NIL = '00000000-0000-4000-8000-000000000000';
const LINK = 'id weight objective { key } goal { key } parentObjective { key } keyResult { key }';

describe('objective links over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const link = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: LinkObjectiveInput!) { linkObjective(input: $input) { ${LINK} } }`,
      { input },
      token,
    );
  const unlink = (token: string, id: string) =>
    app.gql(`mutation($id: ID!) { unlinkObjective(id: $id) }`, { id }, token);
  const linkCount = async (owner: Session) =>
    app.db.transaction({ organizationId: owner.organizationId }, async (em) => {
      const [row] = await em.query(`SELECT count(*)::int AS n FROM objective_links`);
      return row.n as number;
    });

  /** Objectives O1..On in one cycle, each with one key result On-KR1. */
  async function tree(count: number) {
    const owner = await app.signUp();
    const build = new Builder(app, owner.token);
    const cycleId = await build.cycle('Q1');
    const o: Record<string, string> = {};
    const kr: Record<string, string> = {};
    for (let i = 1; i <= count; i++) {
      o[`O${i}`] = await build.objective(`O${i}`, cycleId);
      kr[`O${i}-KR1`] = await build.keyResult(`O${i}-KR1`, o[`O${i}`]);
    }
    return { owner, build, cycleId, o, kr };
  }

  it('links to a goal, a parent objective and a key result, shows them both ways, upserts and unlinks', async () => {
    const { owner, build, o, kr } = await tree(3);
    const goalId = await build.goal('G1');
    const toGoal = (await link(owner.token, { objectiveId: o.O1, goalId, weight: 2 })).data!
      .linkObjective;
    expect(toGoal).toMatchObject({
      weight: 2,
      objective: { key: 'O1' },
      goal: { key: 'G1' },
      parentObjective: null,
      keyResult: null,
    });
    const toParent = (await link(owner.token, { objectiveId: o.O2, parentObjectiveId: o.O1 })).data!
      .linkObjective;
    expect(toParent).toMatchObject({ weight: 1, parentObjective: { key: 'O1' }, goal: null });
    const cascade = (await link(owner.token, { objectiveId: o.O3, keyResultId: kr['O1-KR1'] }))
      .data!.linkObjective;
    expect(cascade).toMatchObject({ keyResult: { key: 'O1-KR1' }, objective: { key: 'O3' } });
    await link(owner.token, { objectiveId: o.O3, goalId });

    const view = await app.ok(
      `{ strategicGoal(key: "G1") { objectiveLinks { weight objective { key } } }
         o1: objective(key: "O1") { alignsTo { goal { key } } childLinks { objective { key } } }
         o3: objective(key: "O3") { alignsTo { weight goal { key } keyResult { key objective { key } } } }
         keyResult(key: "O1-KR1") { cascadedLinks { objective { key } } } }`,
      {},
      owner.token,
    );
    expect(view).toEqual({
      strategicGoal: {
        objectiveLinks: [
          { weight: 2, objective: { key: 'O1' } },
          { weight: 1, objective: { key: 'O3' } },
        ],
      },
      o1: { alignsTo: [{ goal: { key: 'G1' } }], childLinks: [{ objective: { key: 'O2' } }] },
      o3: {
        alignsTo: [
          { weight: 1, goal: null, keyResult: { key: 'O1-KR1', objective: { key: 'O1' } } },
          { weight: 1, goal: { key: 'G1' }, keyResult: null },
        ],
      },
      keyResult: { cascadedLinks: [{ objective: { key: 'O3' } }] },
    });

    // Linking again to the same target updates the weight of the one link.
    const again = (await link(owner.token, { objectiveId: o.O1, goalId, weight: 5 })).data!
      .linkObjective;
    expect(again).toMatchObject({ id: toGoal.id, weight: 5 });
    expect(await linkCount(owner)).toBe(4);

    expect((await unlink(owner.token, toParent.id)).data).toEqual({ unlinkObjective: true });
    const after = await app.ok(`{ objective(key: "O1") { childLinks { id } } }`, {}, owner.token);
    expect(after.objective.childLinks).toEqual([]);
    expect(await linkCount(owner)).toBe(3);
    expectError(await unlink(owner.token, toParent.id), 'NOT_FOUND');
  });

  it('refuses the cycle O1 -> O2-KR1 -> O2 -> O1 (through a key result of another objective)', async () => {
    const { owner, o, kr } = await tree(2);
    await link(owner.token, { objectiveId: o.O2, parentObjectiveId: o.O1 });
    const before = await snapshot(app, owner.organizationId);
    const error = expectError(
      await link(owner.token, { objectiveId: o.O1, keyResultId: kr['O2-KR1'] }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toBe('input.keyResultId: would close the cycle O1 -> O2-KR1 -> O2 -> O1');
    expect(error.extensions.fields).toEqual([
      { field: 'input.keyResultId', message: 'would close the cycle O1 -> O2-KR1 -> O2 -> O1' },
    ]);
    expect(await snapshot(app, owner.organizationId)).toEqual(before);
  });

  it('refuses a cycle made only of cascades between key results', async () => {
    const { owner, o, kr } = await tree(2);
    await link(owner.token, { objectiveId: o.O1, keyResultId: kr['O2-KR1'] });
    const error = expectError(
      await link(owner.token, { objectiveId: o.O2, keyResultId: kr['O1-KR1'] }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toBe(
      'input.keyResultId: would close the cycle O2 -> O1-KR1 -> O1 -> O2-KR1 -> O2',
    );
    expect(await linkCount(owner)).toBe(1);
  });

  it('refuses a cycle through parent objectives', async () => {
    const { owner, o } = await tree(3);
    await link(owner.token, { objectiveId: o.O1, parentObjectiveId: o.O2 });
    await link(owner.token, { objectiveId: o.O2, parentObjectiveId: o.O3 });
    const before = await snapshot(app, owner.organizationId);
    expect(
      expectError(
        await link(owner.token, { objectiveId: o.O3, parentObjectiveId: o.O1 }),
        'BAD_USER_INPUT',
      ).message,
    ).toBe('input.parentObjectiveId: would close the cycle O3 -> O1 -> O2 -> O3');
    expect(await snapshot(app, owner.organizationId)).toEqual(before);
    // A diamond is not a cycle: O1 -> O3 directly as well is fine.
    await link(owner.token, { objectiveId: o.O1, parentObjectiveId: o.O3 });
    expect(await linkCount(owner)).toBe(3);
  });

  it('refuses an objective aligned to itself or to its own key result', async () => {
    const { owner, o, kr } = await tree(1);
    const before = await snapshot(app, owner.organizationId);
    expect(
      expectError(
        await link(owner.token, { objectiveId: o.O1, parentObjectiveId: o.O1 }),
        'BAD_USER_INPUT',
      ).message,
    ).toBe('input.parentObjectiveId: an objective cannot align to itself');
    expect(
      expectError(
        await link(owner.token, { objectiveId: o.O1, keyResultId: kr['O1-KR1'] }),
        'BAD_USER_INPUT',
      ).message,
    ).toBe(
      'input.keyResultId: O1-KR1 is a key result of O1 itself: an objective cannot align to its own key result',
    );
    expect(await snapshot(app, owner.organizationId)).toEqual(before);
  });

  it('refuses bad input, unknown and foreign ids, changing nothing', async () => {
    const { owner, build, o, kr } = await tree(2);
    const goalId = await build.goal('G1');
    const existing = (await link(owner.token, { objectiveId: o.O1, goalId })).data!.linkObjective;
    const other = await app.signUp('Other');
    const foreign = new Builder(app, other.token);
    const foreignCycle = await foreign.cycle('Q1');
    const foreignObjective = await foreign.objective('X1', foreignCycle);
    const foreignKr = await foreign.keyResult('X1-KR1', foreignObjective);
    const foreignGoal = await foreign.goal('G1');
    const foreignLink = await foreign.link({ objectiveId: foreignObjective, goalId: foreignGoal });
    const before = await snapshot(app, owner.organizationId);

    const bad = async (input: Record<string, unknown>, code = 'BAD_USER_INPUT') =>
      expectError(await link(owner.token, input), code);
    expect((await bad({ objectiveId: o.O2 })).message).toBe(
      'input: give exactly one target: goalId, parentObjectiveId or keyResultId (0 given)',
    );
    expect((await bad({ objectiveId: o.O2, goalId, parentObjectiveId: o.O1 })).message).toMatch(
      /exactly one target.*\(2 given\)/,
    );
    expect((await bad({ objectiveId: o.O2, goalId, weight: 0 })).extensions.fields).toEqual([
      { field: 'input.weight', message: 'must be greater than 0' },
    ]);
    await bad({ objectiveId: o.O2, goalId, weight: -1 });
    await bad({ objectiveId: o.O2, goalId, weight: 'heavy' });
    await bad({ goalId });
    await bad({ objectiveId: 'O2', goalId });
    await bad({ objectiveId: o.O2, goalId: 'G1' });
    // An existing link's weight cannot be set to a bad value either.
    await bad({ objectiveId: o.O1, goalId, weight: -3 });

    expect((await bad({ objectiveId: NIL, goalId }, 'NOT_FOUND')).message).toBe(
      `objective ${NIL} not found`,
    );
    expect((await bad({ objectiveId: o.O2, goalId: NIL }, 'NOT_FOUND')).message).toBe(
      `strategic goal ${NIL} not found`,
    );
    await bad({ objectiveId: o.O2, parentObjectiveId: NIL }, 'NOT_FOUND');
    expect((await bad({ objectiveId: o.O2, keyResultId: NIL }, 'NOT_FOUND')).message).toBe(
      `key result ${NIL} not found`,
    );
    await bad({ objectiveId: foreignObjective, goalId }, 'NOT_FOUND');
    await bad({ objectiveId: o.O2, goalId: foreignGoal }, 'NOT_FOUND');
    await bad({ objectiveId: o.O2, parentObjectiveId: foreignObjective }, 'NOT_FOUND');
    await bad({ objectiveId: o.O2, keyResultId: foreignKr }, 'NOT_FOUND');
    expectError(await unlink(owner.token, foreignLink), 'NOT_FOUND');
    expectError(await unlink(owner.token, NIL), 'NOT_FOUND');
    expectError(await unlink(owner.token, 'link-1'), 'BAD_USER_INPUT');
    expectError(await unlink(other.token, existing.id), 'NOT_FOUND');
    expect(kr['O1-KR1']).toBeTruthy();

    expect(await snapshot(app, owner.organizationId)).toEqual(before);
    expect(await linkCount(other)).toBe(1);
  });

  it('lets only an EDITOR or above link and unlink', async () => {
    const { owner, build, o } = await tree(2);
    const goalId = await build.goal('G1');
    const existing = await build.link({ objectiveId: o.O1, goalId });
    const before = await snapshot(app, owner.organizationId);
    for (const role of ['VIEWER', 'MEMBER']) {
      const token = await tokenFor(app, owner, role);
      expectError(await link(token, { objectiveId: o.O2, goalId }), 'FORBIDDEN');
      expectError(await unlink(token, existing), 'FORBIDDEN');
      const read = await app.ok(`{ objective(key: "O1") { alignsTo { id } } }`, {}, token);
      expect(read.objective.alignsTo).toEqual([{ id: existing }]);
    }
    expect(await snapshot(app, owner.organizationId)).toEqual(before);
    const editor = await tokenFor(app, owner, 'EDITOR');
    expect((await link(editor, { objectiveId: o.O2, goalId })).data!.linkObjective.weight).toBe(1);
  });

  it('lets exactly one of two racing links that close a cycle together win', async () => {
    const { owner, o, kr } = await tree(6);
    const race = async (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const results = await Promise.all([link(owner.token, a), link(owner.token, b)]);
      const won = results.filter((r) => !r.errors);
      const lost = results.filter((r) => r.errors);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = expectError(lost[0], 'BAD_USER_INPUT');
      expect(error.message).toMatch(/would close the cycle/);
      return error.message;
    };

    const message = await race(
      { objectiveId: o.O1, parentObjectiveId: o.O2 },
      { objectiveId: o.O2, parentObjectiveId: o.O1 },
    );
    expect([
      'input.parentObjectiveId: would close the cycle O1 -> O2 -> O1',
      'input.parentObjectiveId: would close the cycle O2 -> O1 -> O2',
    ]).toContain(message);
    expect(await linkCount(owner)).toBe(1);

    // The same through key results of each other.
    await race(
      { objectiveId: o.O3, keyResultId: kr['O4-KR1'] },
      { objectiveId: o.O4, keyResultId: kr['O3-KR1'] },
    );
    expect(await linkCount(owner)).toBe(2);

    // And a three-way ring whose last two edges race.
    await link(owner.token, { objectiveId: o.O5, parentObjectiveId: o.O6 });
    await race(
      { objectiveId: o.O6, keyResultId: kr['O1-KR1'] },
      { objectiveId: o.O1, parentObjectiveId: o.O5 },
    );
    expect(await linkCount(owner)).toBe(4);
  });
});
