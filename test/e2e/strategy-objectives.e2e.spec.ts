import { queryCounter } from '@app/database';
import { expectError, TestApp, type Session } from '../support/test-app.js';
import { Builder, snapshot, tokenFor } from './strategy-fixtures.js';

const OBJECTIVE = 'id key title description status progress cycle { key } team { key }';
const KEY_RESULT =
  'id key title kind direction start target current unit weight confidence progress archivedAt objective { key }';

describe('objectives and key results over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    // the batching test below asks for the whole strategy tree in one request (priced at about
    // 830,000): far beyond the cost a client may ask for by default
    // statements are counted per request: every request checks its session, whatever came before
    app = await TestApp.start({ env: { MAX_QUERY_COST: '10000000', SESSION_CACHE_MS: '0' } });
  });
  afterAll(() => app.close());

  const createObjective = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { ${OBJECTIVE} } }`,
      { input },
      token,
    );
  const updateObjective = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { ${OBJECTIVE} } }`,
      { input },
      token,
    );
  const archiveObjective = (token: string, id: string) =>
    app.gql(`mutation($id: ID!) { archiveObjective(id: $id) { status } }`, { id }, token);
  const createKeyResult = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: CreateKeyResultInput!) { createKeyResult(input: $input) { ${KEY_RESULT} } }`,
      { input },
      token,
    );
  const updateKeyResult = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { ${KEY_RESULT} } }`,
      { input },
      token,
    );
  const archiveKeyResult = (token: string, id: string) =>
    app.gql(`mutation($id: ID!) { archiveKeyResult(id: $id) { archivedAt } }`, { id }, token);
  const checkIn = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: CheckInInput!) { checkIn(input: $input) { current confidence progress } }`,
      { input },
      token,
    );

  /** An organization with a cycle, a team and an objective O1 of that team. */
  async function setUp() {
    const owner = await app.signUp();
    const build = new Builder(app, owner.token);
    const cycleId = await build.cycle('Q1');
    const teamId = await build.team('PLAT');
    const objectiveId = await build.objective('O1', cycleId, { teamId });
    return { owner, build, cycleId, teamId, objectiveId };
  }

  describe('objectives', () => {
    it('creates, reads, lists, updates and archives an objective over the API', async () => {
      const { owner, cycleId, teamId } = await setUp();
      const company = (
        await createObjective(owner.token, {
          key: 'C1',
          cycleId,
          title: '  Win enterprise  ',
          description: 'why',
        })
      ).data!.createObjective;
      expect(company).toMatchObject({
        key: 'C1',
        title: 'Win enterprise',
        description: 'why',
        status: 'ACTIVE',
        progress: null,
        cycle: { key: 'Q1' },
        team: null,
      });

      const byId = await app.ok(
        `query($id: ID) { objective(id: $id) { key } }`,
        { id: company.id },
        owner.token,
      );
      expect(byId.objective.key).toBe('C1');
      const filtered = await app.ok(
        `{ q1: objectives(cycleKey: "Q1") { nodes { key } }
           plat: objectives(teamKey: "PLAT") { nodes { key } } }`,
        {},
        owner.token,
      );
      expect(filtered).toEqual({
        q1: { nodes: [{ key: 'C1' }, { key: 'O1' }] },
        plat: { nodes: [{ key: 'O1' }] },
      });

      const moved = (
        await updateObjective(owner.token, { id: company.id, teamId, status: 'CANCELLED' })
      ).data!.updateObjective;
      expect(moved).toMatchObject({
        status: 'CANCELLED',
        team: { key: 'PLAT' },
        cycle: { key: 'Q1' },
        title: 'Win enterprise',
      });

      expect((await archiveObjective(owner.token, company.id)).data!.archiveObjective.status).toBe(
        'ARCHIVED',
      );
      const after = await app.ok(
        `{ objectives { nodes { key } } archived: objectives(status: ARCHIVED) { nodes { key } } }`,
        {},
        owner.token,
      );
      expect(after).toEqual({
        objectives: { nodes: [{ key: 'O1' }] },
        archived: { nodes: [{ key: 'C1' }] },
      });
    });

    it('refuses input the schema rejects, and another organization’s ids, changing nothing', async () => {
      const { owner, build, cycleId, objectiveId } = await setUp();
      const other = await app.signUp('Other');
      const otherBuild = new Builder(app, other.token);
      const foreignCycle = await otherBuild.cycle('Q1');
      const foreignTeam = await otherBuild.team('PLAT');
      await build.goal('G1');
      const before = await snapshot(app, owner.organizationId);

      const base = { key: 'O2', cycleId, title: 'Two' };
      expectError(
        await createObjective(owner.token, { key: 'O2', title: 'Two' }),
        'BAD_USER_INPUT',
      );
      expectError(await createObjective(owner.token, { ...base, title: 42 }), 'BAD_USER_INPUT');
      expectError(
        await createObjective(owner.token, { ...base, status: 'DONE' }),
        'BAD_USER_INPUT',
      );
      const badIds = expectError(
        await createObjective(owner.token, { ...base, cycleId: 'Q1', teamId: 'PLAT', title: '' }),
        'BAD_USER_INPUT',
      );
      expect(badIds.extensions.fields!.map((f) => f.field).sort()).toEqual([
        'input.cycleId',
        'input.teamId',
        'input.title',
      ]);
      expectError(
        await createObjective(owner.token, { ...base, cycleId: foreignCycle }),
        'NOT_FOUND',
      );
      expect(
        expectError(
          await createObjective(owner.token, { ...base, teamId: foreignTeam }),
          'NOT_FOUND',
        ).message,
      ).toBe(`team ${foreignTeam} not found`);
      // a refusal of the service reaches the client named at its field, where the dashboard's
      // form shows it
      const taken = expectError(
        await createObjective(owner.token, { ...base, key: 'O1' }),
        'CONFLICT',
      );
      expect(taken.message).toBe('an objective with key "O1" already exists');
      expect(taken.extensions?.fields).toEqual([
        { field: 'input.key', message: 'an objective with key "O1" already exists' },
      ]);

      expectError(
        await updateObjective(owner.token, { id: objectiveId, title: null }),
        'BAD_USER_INPUT',
      );
      expectError(
        await updateObjective(owner.token, { id: objectiveId, cycleId: null }),
        'BAD_USER_INPUT',
      );
      expectError(
        await updateObjective(owner.token, { id: objectiveId, teamId: foreignTeam }),
        'NOT_FOUND',
      );
      expectError(await updateObjective(other.token, { id: objectiveId, title: 'x' }), 'NOT_FOUND');
      expectError(await archiveObjective(other.token, objectiveId), 'NOT_FOUND');
      expectError(await app.gql(`{ objective(key: "O1") { id } }`, {}, other.token), 'NOT_FOUND');
      // the argument of a goal's progress reaches its loader
      expectError(
        await app.gql(
          `{ strategicGoal(key: "G1") { progress(cycleKey: "NOPE") } }`,
          {},
          owner.token,
        ),
        'NOT_FOUND',
      );

      expect(await snapshot(app, owner.organizationId)).toEqual(before);
    });
  });

  describe('key results', () => {
    it('creates, reads, lists, updates and archives a key result over the API', async () => {
      const { owner, objectiveId } = await setUp();
      const activation = (
        await createKeyResult(owner.token, {
          key: 'O1-KR1',
          objectiveId,
          title: 'Activation rate',
          kind: 'PERCENT',
          start: 20,
          target: 45,
          current: 31,
          unit: '%',
        })
      ).data!.createKeyResult;
      expect(activation).toMatchObject({
        direction: 'INCREASE',
        current: 31,
        weight: 1,
        confidence: null,
        archivedAt: null,
        objective: { key: 'O1' },
      });
      expect(activation.progress).toBeCloseTo(11 / 25);

      const list = await app.ok(
        `query($id: ID) { keyResults(objectiveId: $id) { nodes { key } } keyResult(key: "O1-KR1") { id } objective(key: "O1") { keyResults { key } } }`,
        { id: objectiveId },
        owner.token,
      );
      expect(list.keyResults.nodes).toEqual([{ key: 'O1-KR1' }]);
      expect(list.keyResult.id).toBe(activation.id);
      expect(list.objective.keyResults).toEqual([{ key: 'O1-KR1' }]);

      const updated = (
        await updateKeyResult(owner.token, {
          id: activation.id,
          target: 12,
          title: 'Activation',
          weight: 0.5,
          key: 'O1-KR9',
        })
      ).data!.updateKeyResult;
      expect(updated).toMatchObject({
        direction: 'DECREASE',
        target: 12,
        title: 'Activation',
        weight: 0.5,
        key: 'O1-KR9',
        objective: { key: 'O1' },
      });

      expect(
        (await archiveKeyResult(owner.token, activation.id)).data!.archiveKeyResult.archivedAt,
      ).not.toBeNull();
      const after = await app.ok(
        `{ keyResults { nodes { key } } all: keyResults(includeArchived: true) { nodes { key } } objective(key: "O1") { keyResults { key } } }`,
        {},
        owner.token,
      );
      expect(after.keyResults.nodes).toEqual([]);
      expect(after.all.nodes).toEqual([{ key: 'O1-KR9' }]);
      expect(after.objective.keyResults).toEqual([]);
    });

    it('refuses input the schema rejects, and another organization’s ids, changing nothing', async () => {
      const { owner, build, objectiveId } = await setUp();
      const other = await app.signUp('Other');
      const foreignObjective = await new Builder(app, other.token).objective(
        'X1',
        await new Builder(app, other.token).cycle('Q1'),
      );
      const kr = await build.keyResult('O1-KR1', objectiveId);
      const before = await snapshot(app, owner.organizationId);

      const base = { key: 'KR', objectiveId, title: 'x', kind: 'NUMERIC', start: 0, target: 10 };
      const field = async (input: Record<string, unknown>, update = false) => {
        const res = update
          ? await updateKeyResult(owner.token, input)
          : await createKeyResult(owner.token, input);
        return expectError(res, 'BAD_USER_INPUT').extensions.fields;
      };
      expect(await field({ ...base, weight: 0 })).toEqual([
        { field: 'input.weight', message: 'must be greater than 0' },
      ]);
      expect(await field({ ...base, weight: -2 })).toEqual([
        { field: 'input.weight', message: 'must be greater than 0' },
      ]);
      expect(await field({ id: kr, weight: -1 }, true)).toEqual([
        { field: 'input.weight', message: 'must be greater than 0' },
      ]);
      expectError(await updateKeyResult(owner.token, { id: kr, title: null }), 'BAD_USER_INPUT');
      const owner2 = expectError(
        await updateKeyResult(owner.token, { id: kr, objectiveId: foreignObjective }),
        'BAD_USER_INPUT',
      );
      expect(owner2.message).toMatch(/objectiveId/);
      expectError(
        await createKeyResult(owner.token, { ...base, kind: undefined }),
        'BAD_USER_INPUT',
      );
      expectError(await createKeyResult(owner.token, { ...base, kind: 'RATIO' }), 'BAD_USER_INPUT');
      expectError(await createKeyResult(owner.token, { ...base, start: 'zero' }), 'BAD_USER_INPUT');
      expectError(
        await createKeyResult(owner.token, { ...base, target: undefined }),
        'BAD_USER_INPUT',
      );
      expectError(
        await createKeyResult(owner.token, { ...base, objectiveId: foreignObjective }),
        'NOT_FOUND',
      );
      expectError(await updateKeyResult(other.token, { id: kr, title: 'x' }), 'NOT_FOUND');
      expectError(await archiveKeyResult(other.token, kr), 'NOT_FOUND');

      expectError(
        await checkIn(owner.token, { keyResultId: kr, value: 1, confidence: 'MAYBE' }),
        'BAD_USER_INPUT',
      );
      expectError(
        await checkIn(owner.token, { keyResultId: kr, confidence: 'ON_TRACK' }),
        'BAD_USER_INPUT',
      );
      expectError(
        await checkIn(other.token, { keyResultId: kr, value: 1, confidence: 'ON_TRACK' }),
        'NOT_FOUND',
      );
      expectError(
        await app.gql(
          `query($id: ID) { keyResults(objectiveId: $id) { nodes { key } } }`,
          { id: foreignObjective },
          owner.token,
        ),
        'NOT_FOUND',
      );

      expect(await snapshot(app, owner.organizationId)).toEqual(before);
    });

    it('checks in: history newest first with the author, current and confidence updated', async () => {
      const { owner, build, objectiveId } = await setUp();
      const kr = await build.keyResult('O1-KR1', objectiveId, { start: 0, target: 100 });
      const member = await tokenFor(app, owner, 'MEMBER');
      expect(
        (await checkIn(member, { keyResultId: kr, value: 10, confidence: 'AT_RISK' })).data,
      ).toEqual({
        checkIn: { current: 10, confidence: 'AT_RISK', progress: 0.1 },
      });
      await checkIn(owner.token, {
        keyResultId: kr,
        value: 30,
        confidence: 'ON_TRACK',
        note: 'better',
      });
      await checkIn(member, {
        keyResultId: kr,
        value: 25,
        confidence: 'OFF_TRACK',
        note: 'slipped',
      });
      const query = `query($after: String) { keyResult(key: "O1-KR1") { current confidence progress
        checkIns(first: 2, after: $after) { nodes { value confidence note author { email name } }
        pageInfo { endCursor hasNextPage } } } }`;
      const first = (await app.ok(query, {}, owner.token)).keyResult;
      expect(first).toMatchObject({ current: 25, confidence: 'OFF_TRACK', progress: 0.25 });
      expect(first.checkIns.nodes).toEqual([
        {
          value: 25,
          confidence: 'OFF_TRACK',
          note: 'slipped',
          author: expect.objectContaining({ email: expect.stringMatching(/^member-/) }),
        },
        {
          value: 30,
          confidence: 'ON_TRACK',
          note: 'better',
          author: expect.objectContaining({ name: expect.stringMatching(/^Owner/) }),
        },
      ]);
      const next = (await app.ok(query, { after: first.checkIns.pageInfo.endCursor }, owner.token))
        .keyResult;
      expect(next.checkIns).toEqual({
        nodes: [
          {
            value: 10,
            confidence: 'AT_RISK',
            note: '',
            author: expect.objectContaining({ email: expect.stringMatching(/^member-/) }),
          },
        ],
        pageInfo: { endCursor: expect.any(String), hasNextPage: false },
      });
    });

    it('shows each mutation what it wrote, also two check-ins in one document', async () => {
      const { owner, build, objectiveId } = await setUp();
      const kr = await build.keyResult('O1-KR1', objectiveId, { start: 0, target: 10 });
      const fields = `current checkIns { nodes { value } } objective { progress }`;
      const res = await app.ok(
        `mutation($kr: ID!) {
          a: checkIn(input: { keyResultId: $kr, value: 2, confidence: ON_TRACK }) { ${fields} }
          b: checkIn(input: { keyResultId: $kr, value: 5, confidence: AT_RISK }) { ${fields} }
        }`,
        { kr },
        owner.token,
      );
      expect(res.a).toEqual({
        current: 2,
        checkIns: { nodes: [{ value: 2 }] },
        objective: { progress: 0.2 },
      });
      expect(res.b).toEqual({
        current: 5,
        checkIns: { nodes: [{ value: 5 }, { value: 2 }] },
        objective: { progress: 0.5 },
      });
    });

    it('lets a MEMBER check in but not edit the strategy, and a VIEWER do neither', async () => {
      const { owner, build, cycleId, objectiveId } = await setUp();
      const kr = await build.keyResult('O1-KR1', objectiveId);
      const before = await snapshot(app, owner.organizationId);
      const viewer = await tokenFor(app, owner, 'VIEWER');
      const member = await tokenFor(app, owner, 'MEMBER');
      const tries = (token: string) => [
        createObjective(token, { key: 'O9', cycleId, title: 'x' }),
        updateObjective(token, { id: objectiveId, title: 'x' }),
        archiveObjective(token, objectiveId),
        createKeyResult(token, {
          key: 'KR9',
          objectiveId,
          title: 'x',
          kind: 'NUMERIC',
          start: 0,
          target: 1,
        }),
        updateKeyResult(token, { id: kr, title: 'x' }),
        archiveKeyResult(token, kr),
      ];
      for (const token of [viewer, member]) {
        for (const attempt of tries(token)) expectError(await attempt, 'FORBIDDEN');
      }
      expectError(
        await checkIn(viewer, { keyResultId: kr, value: 3, confidence: 'ON_TRACK' }),
        'FORBIDDEN',
      );
      expect(await snapshot(app, owner.organizationId)).toEqual(before);
      const read = await app.ok(`{ objective(key: "O1") { keyResults { key } } }`, {}, viewer);
      expect(read.objective.keyResults).toEqual([{ key: 'O1-KR1' }]);
      expect(
        (await checkIn(member, { keyResultId: kr, value: 3, confidence: 'ON_TRACK' })).data!.checkIn
          .current,
      ).toBe(3);
    });
  });
  describe('batching', () => {
    /** A tree with `n` goals, each with a KPI, an objective of two key results, and check-ins. */
    async function tree(n: number) {
      const owner = await app.signUp();
      const build = new Builder(app, owner.token);
      const cycleId = await build.cycle('Q1', { state: 'ACTIVE' });
      const teamId = await build.team('PLAT');
      let previous: { objective: string; keyResult: string } | null = null;
      for (let i = 0; i < n; i++) {
        const goalId = await build.goal(`G${i}`);
        const kpi = await app.ok(
          `mutation($input: CreateKpiInput!) { createKpi(input: $input) { id } }`,
          { input: { key: `K${i}`, goalId, title: 'k', healthyMin: 0 } },
          owner.token,
        );
        await app.ok(
          `mutation($id: ID!) { checkInKpi(input: { kpiId: $id, value: 1 }) { id } }`,
          { id: kpi.createKpi.id },
          owner.token,
        );
        const objective = await build.objective(`O${i}`, cycleId, { teamId });
        await build.link({ objectiveId: objective, goalId });
        let keyResult = '';
        for (const j of [1, 2]) {
          keyResult = await build.keyResult(`O${i}-KR${j}`, objective);
          await checkIn(owner.token, { keyResultId: keyResult, value: j, confidence: 'ON_TRACK' });
        }
        if (previous) {
          await build.link({ objectiveId: objective, parentObjectiveId: previous.objective });
          await build.link({ objectiveId: objective, keyResultId: previous.keyResult });
        }
        previous = { objective, keyResult };
      }
      return owner;
    }

    const deep = `{
      vision { goals(first: 100) { nodes { key progress
        kpis { key healthy goal { key } checkIns { nodes { value author { name } } } }
        objectiveLinks { weight objective { key progress cycle { key } team { key }
          alignsTo { weight goal { key } parentObjective { key } keyResult { key objective { key } } }
          childLinks { objective { key } }
          keyResults { key progress objective { key }
            checkIns { nodes { value confidence author { name } } }
            cascadedLinks { objective { key } } } } } } } }
      cycles { nodes { key objectives { nodes { key keyResults { key } } } } }
      teams { nodes { key objectives { nodes { key progress } } } }
    }`;

    async function statementsFor(owner: Session) {
      const before = queryCounter.statements;
      const res = await app.ok(deep, {}, owner.token);
      return { statements: queryCounter.statements - before, res };
    }

    it('resolves the whole strategy tree with the same number of statements for 2 or 6 goals', async () => {
      const small = await statementsFor(await tree(2));
      const large = await statementsFor(await tree(6));
      expect(large.res.vision.goals.nodes).toHaveLength(6);
      expect(large.res.vision.goals.nodes[5].objectiveLinks[0].objective.alignsTo).toHaveLength(3);
      expect(large.statements).toBe(small.statements);
    });
  });
});
