import { expectError, TestApp, type Session } from '../support/test-app.js';

describe('strategic goals over HTTP', () => {
  let app: TestApp;
  let owner: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp();
  });
  afterAll(() => app.close());

  const create = (input: Record<string, unknown>, token = owner.token) =>
    app.gql(
      `mutation($input: CreateStrategicGoalInput!) { createStrategicGoal(input: $input) { id key title horizon targetShare status vision { statement } } }`,
      { input },
      token,
    );

  it('creates, reads by key and id, lists, updates and archives a goal', async () => {
    await app.ok(
      `mutation { updateVision(input: { statement: "Ship what matters", horizon: "2028" }) { id } }`,
      {},
      owner.token,
    );
    const created = (await create({ key: 'G1', title: 'Win enterprise', targetShare: 0.4 })).data!
      .createStrategicGoal;
    expect(created).toMatchObject({
      key: 'G1',
      horizon: 'CORE',
      targetShare: 0.4,
      status: 'ACTIVE',
      vision: { statement: 'Ship what matters' },
    });
    const byKey = await app.ok(`{ strategicGoal(key: "G1") { id title } }`, {}, owner.token);
    expect(byKey.strategicGoal.id).toBe(created.id);
    const byId = await app.ok(
      `query($id: ID) { strategicGoal(id: $id) { key } }`,
      { id: created.id },
      owner.token,
    );
    expect(byId.strategicGoal.key).toBe('G1');
    const updated = await app.ok(
      `mutation($id: ID!) { updateStrategicGoal(input: { id: $id, targetShare: null, horizon: ADJACENT }) { targetShare horizon } }`,
      { id: created.id },
      owner.token,
    );
    expect(updated.updateStrategicGoal).toEqual({ targetShare: null, horizon: 'ADJACENT' });
    await app.ok(
      `mutation($id: ID!) { archiveStrategicGoal(id: $id) { status } }`,
      { id: created.id },
      owner.token,
    );
    const list = await app.ok(
      `{ strategicGoals(first: 10) { nodes { key } pageInfo { hasNextPage } } }`,
      {},
      owner.token,
    );
    expect(list.strategicGoals.nodes).toEqual([]);
  });

  it('refuses a duplicate key, a bad share and a bad key, changing nothing', async () => {
    await create({ key: 'G2', title: 'Two' });
    expectError(await create({ key: 'G2', title: 'Again' }), 'CONFLICT');
    const bad = expectError(
      await create({ key: 'has space', title: 'X', targetShare: 1.5 }),
      'BAD_USER_INPUT',
    );
    expect(bad.extensions.fields!.map((f) => f.field).sort()).toEqual([
      'input.key',
      'input.targetShare',
    ]);
    const list = await app.ok(`{ strategicGoals { nodes { key title } } }`, {}, owner.token);
    expect(list.strategicGoals.nodes).toEqual([{ key: 'G2', title: 'Two' }]);
  });

  it('pages with a stable cursor', async () => {
    for (const key of ['P1', 'P2', 'P3']) await create({ key, title: key });
    const first = await app.ok(
      `{ strategicGoals(first: 2) { nodes { key } pageInfo { endCursor hasNextPage } } }`,
      {},
      owner.token,
    );
    expect(first.strategicGoals.nodes.map((n: { key: string }) => n.key)).toEqual(['G2', 'P1']);
    const next = await app.ok(
      `query($after: String) { strategicGoals(first: 2, after: $after) { nodes { key } pageInfo { hasNextPage } } }`,
      { after: first.strategicGoals.pageInfo.endCursor },
      owner.token,
    );
    expect(next.strategicGoals.nodes.map((n: { key: string }) => n.key)).toEqual(['P2', 'P3']);
    expect(next.strategicGoals.pageInfo.hasNextPage).toBe(false);
    expectError(
      await app.gql(`{ strategicGoals(first: 500) { nodes { key } } }`, {}, owner.token),
      'BAD_USER_INPUT',
    );
  });

  it("never shows another organization's goal, by id or by key", async () => {
    const other = await app.signUp('Other');
    const mine = await app.ok(`{ strategicGoal(key: "G2") { id } }`, {}, owner.token);
    expectError(
      await app.gql(
        `query($id: ID) { strategicGoal(id: $id) { key } }`,
        { id: mine.strategicGoal.id },
        other.token,
      ),
      'NOT_FOUND',
    );
    expectError(await app.gql(`{ strategicGoal(key: "G2") { id } }`, {}, other.token), 'NOT_FOUND');
    expectError(
      await app.gql(
        `mutation($id: ID!) { archiveStrategicGoal(id: $id) { status } }`,
        { id: mine.strategicGoal.id },
        other.token,
      ),
      'NOT_FOUND',
    );
    const still = await app.ok(`{ strategicGoal(key: "G2") { status } }`, {}, owner.token);
    expect(still.strategicGoal.status).toBe('ACTIVE');
  });
});
