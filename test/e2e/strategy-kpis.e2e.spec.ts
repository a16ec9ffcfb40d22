import { expectError, TestApp, type Session } from '../support/test-app.js';
import { Builder, snapshot, tokenFor } from './strategy-fixtures.js';

const KPI = 'id key title unit current healthyMin healthyMax healthy archivedAt goal { key }';

describe('KPIs over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const createKpi = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: CreateKpiInput!) { createKpi(input: $input) { ${KPI} } }`,
      { input },
      token,
    );
  const updateKpi = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: UpdateKpiInput!) { updateKpi(input: $input) { ${KPI} } }`,
      { input },
      token,
    );
  const checkInKpi = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: CheckInKpiInput!) { checkInKpi(input: $input) { current healthy } }`,
      { input },
      token,
    );
  const archiveKpi = (token: string, id: string) =>
    app.gql(`mutation($id: ID!) { archiveKpi(id: $id) { archivedAt } }`, { id }, token);

  async function setUp(): Promise<{ owner: Session; goalId: string }> {
    const owner = await app.signUp();
    const goalId = await new Builder(app, owner.token).goal('G1');
    return { owner, goalId };
  }

  it('creates, reads, updates, lists and archives a KPI under its goal', async () => {
    const { owner, goalId } = await setUp();
    const uptime = (
      await createKpi(owner.token, {
        key: 'K1',
        goalId,
        title: 'Uptime',
        unit: '%',
        current: 99.95,
        healthyMin: 99.9,
      })
    ).data!.createKpi;
    expect(uptime).toMatchObject({
      key: 'K1',
      unit: '%',
      current: 99.95,
      healthyMin: 99.9,
      healthyMax: null,
      healthy: true,
      archivedAt: null,
      goal: { key: 'G1' },
    });
    const churn = (await createKpi(owner.token, { key: 'K0', goalId, title: 'Churn' })).data!
      .createKpi;
    expect(churn).toMatchObject({ unit: '', current: null, healthy: null });

    const updated = (
      await updateKpi(owner.token, {
        id: uptime.id,
        healthyMin: null,
        healthyMax: 99.9,
        title: 'SLA',
      })
    ).data!.updateKpi;
    expect(updated).toMatchObject({
      title: 'SLA',
      healthyMin: null,
      healthyMax: 99.9,
      healthy: false,
    });

    const byKey = await app.ok(`{ kpi(key: "K1") { id } }`, {}, owner.token);
    expect(byKey.kpi.id).toBe(uptime.id);
    const byGoal = await app.ok(
      `query($goalId: ID) { kpis(goalId: $goalId) { nodes { key } } strategicGoal(key: "G1") { kpis { key } } }`,
      { goalId },
      owner.token,
    );
    expect(byGoal.kpis.nodes).toEqual([{ key: 'K0' }, { key: 'K1' }]);
    expect(byGoal.strategicGoal.kpis).toEqual([{ key: 'K0' }, { key: 'K1' }]);

    expect((await archiveKpi(owner.token, churn.id)).data!.archiveKpi.archivedAt).not.toBeNull();
    const after = await app.ok(
      `{ kpis { nodes { key } } all: kpis(includeArchived: true) { nodes { key } } strategicGoal(key: "G1") { kpis { key } } }`,
      {},
      owner.token,
    );
    expect(after.kpis.nodes).toEqual([{ key: 'K1' }]);
    expect(after.all.nodes).toEqual([{ key: 'K0' }, { key: 'K1' }]);
    expect(after.strategicGoal.kpis).toEqual([{ key: 'K1' }]);
  });

  it('judges health against the range: open bounds, no range, no value', async () => {
    const { owner, goalId } = await setUp();
    const cases: [Record<string, unknown>, boolean | null][] = [
      [{ current: 5, healthyMin: 1, healthyMax: 5 }, true],
      [{ current: 5.01, healthyMin: 1, healthyMax: 5 }, false],
      [{ current: 0.5, healthyMin: 1 }, false],
      [{ current: 2, healthyMax: 2 }, true],
      [{ current: 7 }, null],
      [{ healthyMin: 1, healthyMax: 2 }, null],
    ];
    for (const [i, [fields, healthy]] of cases.entries()) {
      const kpi = (await createKpi(owner.token, { key: `H${i}`, goalId, title: 'x', ...fields }))
        .data!.createKpi;
      expect({ i, healthy: kpi.healthy }).toEqual({ i, healthy });
    }
  });

  it('records check-ins newest first with their author; a MEMBER may check in', async () => {
    const { owner, goalId } = await setUp();
    const kpi = (await createKpi(owner.token, { key: 'K1', goalId, title: 'NPS', healthyMin: 30 }))
      .data!.createKpi;
    const member = await tokenFor(app, owner, 'MEMBER');
    expect((await checkInKpi(member, { kpiId: kpi.id, value: 20, note: 'bad week' })).data).toEqual(
      {
        checkInKpi: { current: 20, healthy: false },
      },
    );
    await checkInKpi(owner.token, { kpiId: kpi.id, value: 35 });
    await checkInKpi(member, { kpiId: kpi.id, value: 41, note: 'launch' });

    const query = `query($after: String) { kpi(key: "K1") { current healthy checkIns(first: 2, after: $after) {
      nodes { value note createdAt author { name email } } pageInfo { endCursor hasNextPage } } } }`;
    const first = (await app.ok(query, {}, owner.token)).kpi;
    expect(first).toMatchObject({ current: 41, healthy: true });
    expect(first.checkIns.nodes.map((c: { value: number }) => c.value)).toEqual([41, 35]);
    expect(first.checkIns.nodes[0]).toMatchObject({
      note: 'launch',
      author: { email: expect.stringMatching(/^member-/) },
    });
    expect(first.checkIns.nodes[1].author.name).toMatch(/^Owner/);
    expect(first.checkIns.pageInfo.hasNextPage).toBe(true);
    const next = (await app.ok(query, { after: first.checkIns.pageInfo.endCursor }, owner.token))
      .kpi;
    expect(next.checkIns.nodes.map((c: { value: number }) => c.value)).toEqual([20]);
    expect(next.checkIns.pageInfo.hasNextPage).toBe(false);

    // The author of a former member is no longer visible: author becomes null, the history stays.
    const members = await app.ok(`{ members { nodes { role user { id } } } }`, {}, owner.token);
    const memberId = members.members.nodes.find((m: { role: string }) => m.role === 'MEMBER').user
      .id;
    await app.ok(`mutation($id: ID!) { removeMember(userId: $id) }`, { id: memberId }, owner.token);
    const later = (await app.ok(query, {}, owner.token)).kpi;
    expect(later.checkIns.nodes.map((c: { author: unknown }) => c.author)).toEqual([
      null,
      expect.objectContaining({ name: expect.stringMatching(/^Owner/) }),
    ]);
  });

  it('refuses bad input, unknown and foreign ids, changing nothing', async () => {
    const { owner, goalId } = await setUp();
    const other = await app.signUp('Other');
    const otherGoal = await new Builder(app, other.token).goal('G9');
    const kpi = (
      await createKpi(owner.token, { key: 'K1', goalId, title: 'Uptime', healthyMin: 1 })
    ).data!.createKpi;
    const archived = (await createKpi(owner.token, { key: 'K2', goalId, title: 'Old' })).data!
      .createKpi;
    await archiveKpi(owner.token, archived.id);
    const before = await snapshot(app, owner.organizationId);

    const range = expectError(
      await createKpi(owner.token, { key: 'K3', goalId, title: 'x', healthyMin: 5, healthyMax: 4 }),
      'BAD_USER_INPUT',
    );
    expect(range.extensions.fields).toEqual([
      { field: 'input.healthyMax', message: 'must be at least healthyMin (5)' },
    ]);
    expectError(await updateKpi(owner.token, { id: kpi.id, healthyMax: 0.5 }), 'BAD_USER_INPUT');
    expectError(await createKpi(owner.token, { key: 'K3', goalId }), 'BAD_USER_INPUT');
    expectError(
      await createKpi(owner.token, { key: 'K3', goalId, title: 'x', current: 'high' }),
      'BAD_USER_INPUT',
    );
    expectError(
      await createKpi(owner.token, { key: 'K3', goalId: 'G1', title: 'x' }),
      'BAD_USER_INPUT',
    );
    expect(
      expectError(
        await createKpi(owner.token, { key: 'K3', goalId: otherGoal, title: 'x' }),
        'NOT_FOUND',
      ).message,
    ).toBe(`strategic goal ${otherGoal} not found`);
    expect(
      expectError(await createKpi(owner.token, { key: 'K1', goalId, title: 'x' }), 'CONFLICT')
        .message,
    ).toBe('a KPI with key "K1" already exists');
    expectError(await updateKpi(owner.token, { id: kpi.id, title: null }), 'BAD_USER_INPUT');
    expectError(await updateKpi(owner.token, { id: kpi.id, goalId: otherGoal }), 'NOT_FOUND');
    expectError(await updateKpi(other.token, { id: kpi.id, title: 'stolen' }), 'NOT_FOUND');
    expectError(await archiveKpi(other.token, kpi.id), 'NOT_FOUND');
    expectError(await checkInKpi(other.token, { kpiId: kpi.id, value: 1 }), 'NOT_FOUND');
    expectError(await checkInKpi(owner.token, { kpiId: kpi.id }), 'BAD_USER_INPUT');
    expectError(await checkInKpi(owner.token, { kpiId: kpi.id, value: 'up' }), 'BAD_USER_INPUT');
    expectError(
      await checkInKpi(owner.token, { kpiId: '00000000-0000-4000-8000-000000000000', value: 1 }),
      'NOT_FOUND',
    );
    expect(
      expectError(await checkInKpi(owner.token, { kpiId: archived.id, value: 1 }), 'BAD_USER_INPUT')
        .message,
    ).toBe('input.kpiId: KPI "K2" is archived');
    expectError(
      await app.gql(
        `query($id: ID) { kpis(goalId: $id) { nodes { key } } }`,
        { id: otherGoal },
        owner.token,
      ),
      'NOT_FOUND',
    );
    expectError(await app.gql(`{ kpi(key: "K1") { id } }`, {}, other.token), 'NOT_FOUND');

    expect(await snapshot(app, owner.organizationId)).toEqual(before);
  });

  it('refuses KPI writes to a VIEWER, and KPI editing to a MEMBER', async () => {
    const { owner, goalId } = await setUp();
    const kpi = (await createKpi(owner.token, { key: 'K1', goalId, title: 'Uptime' })).data!
      .createKpi;
    const before = await snapshot(app, owner.organizationId);
    const viewer = await tokenFor(app, owner, 'VIEWER');
    const member = await tokenFor(app, owner, 'MEMBER');
    expect((await app.ok(`{ kpi(key: "K1") { title } }`, {}, viewer)).kpi.title).toBe('Uptime');
    expectError(await checkInKpi(viewer, { kpiId: kpi.id, value: 1 }), 'FORBIDDEN');
    for (const token of [viewer, member]) {
      expectError(await createKpi(token, { key: 'K2', goalId, title: 'x' }), 'FORBIDDEN');
      expectError(await updateKpi(token, { id: kpi.id, title: 'x' }), 'FORBIDDEN');
      expectError(await archiveKpi(token, kpi.id), 'FORBIDDEN');
    }
    expect(await snapshot(app, owner.organizationId)).toEqual(before);
    await checkInKpi(member, { kpiId: kpi.id, value: 1 });
    expect((await app.ok(`{ kpi(key: "K1") { current } }`, {}, viewer)).kpi.current).toBe(1);
  });
  it('keeps goal and vision writes to EDITORs, and refuses a null title on update', async () => {
    const { owner, goalId } = await setUp();
    const before = await snapshot(app, owner.organizationId);
    for (const role of ['VIEWER', 'MEMBER']) {
      const token = await tokenFor(app, owner, role);
      expectError(
        await app.gql(
          `mutation { createStrategicGoal(input: { key: "G9", title: "x" }) { id } }`,
          {},
          token,
        ),
        'FORBIDDEN',
      );
      expectError(
        await app.gql(
          `mutation($id: ID!) { updateStrategicGoal(input: { id: $id, title: "x" }) { id } }`,
          { id: goalId },
          token,
        ),
        'FORBIDDEN',
      );
      expectError(
        await app.gql(
          `mutation($id: ID!) { archiveStrategicGoal(id: $id) { id } }`,
          { id: goalId },
          token,
        ),
        'FORBIDDEN',
      );
      expectError(
        await app.gql(`mutation { updateVision(input: { statement: "x" }) { id } }`, {}, token),
        'FORBIDDEN',
      );
    }
    const nullTitle = expectError(
      await app.gql(
        `mutation($id: ID!) { updateStrategicGoal(input: { id: $id, title: null }) { id } }`,
        { id: goalId },
        owner.token,
      ),
      'BAD_USER_INPUT',
    );
    expect(nullTitle.extensions.fields![0].field).toBe('input.title');
    expectError(
      await app.gql(`mutation { archiveStrategicGoal(id: "G1") { id } }`, {}, owner.token),
      'BAD_USER_INPUT',
    );
    expect(await snapshot(app, owner.organizationId)).toEqual(before);
  });
});
