import { expectError, TestApp, type Session } from '../support/test-app.js';
import { Builder, snapshot, tokenFor } from './strategy-fixtures.js';

const CYCLE = 'id key name startDate endDate state archivedAt';
const TEAM = 'id key name capacity archivedAt';

describe('cycles and teams over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const createCycle = (owner: Session, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: CreateCycleInput!) { createCycle(input: $input) { ${CYCLE} } }`,
      { input },
      owner.token,
    );
  const updateCycle = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: UpdateCycleInput!) { updateCycle(input: $input) { ${CYCLE} } }`,
      { input },
      token,
    );
  const createTeam = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { ${TEAM} } }`,
      { input },
      token,
    );
  const updateTeam = (token: string, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { ${TEAM} } }`,
      { input },
      token,
    );
  const q1 = { key: 'Q1-27', name: 'Q1 2027', startDate: '2027-01-01', endDate: '2027-03-31' };

  describe('cycles', () => {
    it('creates, reads by key and id, updates, lists by start date and archives', async () => {
      const owner = await app.signUp();
      const created = (await createCycle(owner, q1)).data!.createCycle;
      expect(created).toMatchObject({ ...q1, state: 'DRAFT', archivedAt: null });
      const byKey = await app.ok(`{ cycle(key: "Q1-27") { id } }`, {}, owner.token);
      expect(byKey.cycle.id).toBe(created.id);
      const byId = await app.ok(
        `query($id: ID) { cycle(id: $id) { key } }`,
        { id: created.id },
        owner.token,
      );
      expect(byId.cycle.key).toBe('Q1-27');

      const updated = (
        await updateCycle(owner.token, {
          id: created.id,
          name: 'First quarter',
          endDate: '2027-04-02',
        })
      ).data!.updateCycle;
      expect(updated).toMatchObject({
        name: 'First quarter',
        startDate: '2027-01-01',
        endDate: '2027-04-02',
      });

      // Listed by start date, not by key; pages follow the cursor.
      await createCycle(owner, {
        ...q1,
        key: 'A-LATER',
        startDate: '2027-07-01',
        endDate: '2027-09-30',
      });
      await createCycle(owner, {
        ...q1,
        key: 'Z-EARLY',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      });
      const page1 = await app.ok(
        `{ cycles(first: 2) { nodes { key } pageInfo { endCursor hasNextPage } } }`,
        {},
        owner.token,
      );
      expect(page1.cycles.nodes.map((c: { key: string }) => c.key)).toEqual(['Z-EARLY', 'Q1-27']);
      expect(page1.cycles.pageInfo.hasNextPage).toBe(true);
      const page2 = await app.ok(
        `query($after: String) { cycles(first: 2, after: $after) { nodes { key } pageInfo { hasNextPage } } }`,
        { after: page1.cycles.pageInfo.endCursor },
        owner.token,
      );
      expect(page2.cycles).toEqual({
        nodes: [{ key: 'A-LATER' }],
        pageInfo: { hasNextPage: false },
      });

      const archived = await app.ok(
        `mutation($id: ID!) { archiveCycle(id: $id) { archivedAt } }`,
        { id: created.id },
        owner.token,
      );
      expect(archived.archiveCycle.archivedAt).not.toBeNull();
      const visible = await app.ok(`{ cycles { nodes { key } } }`, {}, owner.token);
      expect(visible.cycles.nodes.map((c: { key: string }) => c.key)).toEqual([
        'Z-EARLY',
        'A-LATER',
      ]);
      const all = await app.ok(
        `{ cycles(includeArchived: true) { nodes { key } } }`,
        {},
        owner.token,
      );
      expect(all.cycles.nodes).toHaveLength(3);
      const drafts = await app.ok(`{ cycles(state: ACTIVE) { nodes { key } } }`, {}, owner.token);
      expect(drafts.cycles.nodes).toEqual([]);
    });

    it('refuses bad input, changing nothing', async () => {
      const owner = await app.signUp();
      await createCycle(owner, q1);
      const before = await snapshot(app, owner.organizationId);

      const missing = expectError(
        await createCycle(owner, { key: 'Q2', startDate: '2027-04-01', endDate: '2027-06-30' }),
        'BAD_USER_INPUT',
      );
      expect(missing.message).toMatch(/name/);
      expectError(
        await createCycle(owner, { ...q1, key: 'Q2', startDate: 20270401 }),
        'BAD_USER_INPUT',
      );
      // States change only through lockCycle and closeCycle: the inputs have no state at all.
      expectError(
        await createCycle(owner, { ...q1, key: 'Q2', state: 'ACTIVE' }),
        'BAD_USER_INPUT',
      );

      const notADate = expectError(
        await createCycle(owner, {
          ...q1,
          key: 'Q2',
          startDate: '2027-02-30',
          endDate: '03/31/2027',
        }),
        'BAD_USER_INPUT',
      );
      expect(notADate.extensions.fields!.map((f) => f.field).sort()).toEqual([
        'input.endDate',
        'input.startDate',
      ]);
      const backwards = expectError(
        await createCycle(owner, {
          ...q1,
          key: 'Q2',
          startDate: '2027-06-30',
          endDate: '2027-04-01',
        }),
        'BAD_USER_INPUT',
      );
      expect(backwards.extensions.fields).toEqual([
        { field: 'input.endDate', message: 'must be on or after startDate (2027-06-30)' },
      ]);
      expectError(await createCycle(owner, { ...q1, key: 'has space' }), 'BAD_USER_INPUT');
      expect(expectError(await createCycle(owner, q1), 'CONFLICT').message).toBe(
        'a cycle with key "Q1-27" already exists',
      );

      const { cycle } = await app.ok(`{ cycle(key: "Q1-27") { id } }`, {}, owner.token);
      const tooEarlyEnd = expectError(
        await updateCycle(owner.token, { id: cycle.id, endDate: '2026-12-31' }),
        'BAD_USER_INPUT',
      );
      expect(tooEarlyEnd.extensions.fields![0].field).toBe('input.endDate');
      const tooLateStart = expectError(
        await updateCycle(owner.token, { id: cycle.id, startDate: '2027-05-01' }),
        'BAD_USER_INPUT',
      );
      expect(tooLateStart.extensions.fields![0].field).toBe('input.startDate');
      expectError(await updateCycle(owner.token, { id: cycle.id, name: null }), 'BAD_USER_INPUT');
      expectError(await updateCycle(owner.token, { id: 'nope', name: 'x' }), 'BAD_USER_INPUT');
      expectError(
        await updateCycle(owner.token, { id: '00000000-0000-4000-8000-000000000000', name: 'x' }),
        'NOT_FOUND',
      );
      expectError(
        await app.gql(`mutation { archiveCycle(id: "not-an-id") { id } }`, {}, owner.token),
        'BAD_USER_INPUT',
      );
      expectError(await app.gql(`{ cycle(key: "NOPE") { id } }`, {}, owner.token), 'NOT_FOUND');

      expect(await snapshot(app, owner.organizationId)).toEqual(before);
    });

    it('keeps at most one cycle ACTIVE and names the active one', async () => {
      const owner = await app.signUp();
      const lock = (key: string) =>
        app.gql(
          `mutation($k: String!) { lockCycle(cycleKey: $k) { cycle { key state } } }`,
          { k: key },
          owner.token,
        );
      const active = (await createCycle(owner, q1)).data!.createCycle;
      expect((await lock('Q1-27')).data!.lockCycle.cycle).toEqual({
        key: 'Q1-27',
        state: 'ACTIVE',
      });
      const q2 = (await createCycle(owner, { ...q1, key: 'Q2-27' })).data!.createCycle;
      expect(q2.state).toBe('DRAFT');
      const before = await snapshot(app, owner.organizationId);
      expect(expectError(await lock('Q2-27'), 'CONFLICT').message).toMatch(
        /cycle "Q1-27" is already ACTIVE/,
      );
      expect(await snapshot(app, owner.organizationId)).toEqual(before);
      expectError(
        await app.gql(
          `mutation($id: ID!) { archiveCycle(id: $id) { id } }`,
          { id: active.id },
          owner.token,
        ),
        'BAD_USER_INPUT',
      );
      // Editing the active cycle keeps it ACTIVE; the update input cannot name a state.
      const renamed = await updateCycle(owner.token, { id: active.id, name: 'Q1' });
      expect(renamed.data!.updateCycle).toMatchObject({ name: 'Q1', state: 'ACTIVE' });
      expectError(
        await updateCycle(owner.token, { id: active.id, state: 'CLOSED' }),
        'BAD_USER_INPUT',
      );
      await app.ok(`mutation { closeCycle(cycleKey: "Q1-27") { cycle { key } } }`, {}, owner.token);
      expect((await lock('Q2-27')).data!.lockCycle.cycle.state).toBe('ACTIVE');
      const list = await app.ok(`{ cycles(state: ACTIVE) { nodes { key } } }`, {}, owner.token);
      expect(list.cycles.nodes).toEqual([{ key: 'Q2-27' }]);
    });

    it("answers NOT_FOUND for another organization's cycle and changes nothing", async () => {
      const owner = await app.signUp();
      const other = await app.signUp('Other');
      const mine = (await createCycle(owner, q1)).data!.createCycle;
      const before = await snapshot(app, owner.organizationId);
      expectError(
        await app.gql(`query($id: ID) { cycle(id: $id) { key } }`, { id: mine.id }, other.token),
        'NOT_FOUND',
      );
      expectError(await updateCycle(other.token, { id: mine.id, name: 'stolen' }), 'NOT_FOUND');
      expectError(
        await app.gql(
          `mutation($id: ID!) { archiveCycle(id: $id) { id } }`,
          { id: mine.id },
          other.token,
        ),
        'NOT_FOUND',
      );
      expect(await snapshot(app, owner.organizationId)).toEqual(before);
    });

    it('lets a VIEWER and a MEMBER read but not write cycles', async () => {
      const owner = await app.signUp();
      const cycle = (await createCycle(owner, q1)).data!.createCycle;
      const before = await snapshot(app, owner.organizationId);
      for (const role of ['VIEWER', 'MEMBER']) {
        const token = await tokenFor(app, owner, role);
        const read = await app.ok(`{ cycles { nodes { key } } }`, {}, token);
        expect(read.cycles.nodes).toEqual([{ key: 'Q1-27' }]);
        expectError(
          await app.gql(
            `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`,
            { input: { ...q1, key: 'Q9' } },
            token,
          ),
          'FORBIDDEN',
        );
        expectError(await updateCycle(token, { id: cycle.id, name: 'x' }), 'FORBIDDEN');
        expectError(
          await app.gql(
            `mutation($id: ID!) { archiveCycle(id: $id) { id } }`,
            { id: cycle.id },
            token,
          ),
          'FORBIDDEN',
        );
      }
      const editor = await tokenFor(app, owner, 'EDITOR');
      expect(
        (await updateCycle(editor, { id: cycle.id, name: 'Edited' })).data!.updateCycle.name,
      ).toBe('Edited');
      expect(before.cycles).not.toEqual((await snapshot(app, owner.organizationId)).cycles);
    });

    it("pages a cycle's objectives, without archived ones", async () => {
      const owner = await app.signUp();
      const build = new Builder(app, owner.token);
      const cycleId = await build.cycle('Q1');
      for (const key of ['O3', 'O1', 'O2']) await build.objective(key, cycleId);
      await build.objective('O0', cycleId, { status: 'ARCHIVED' });
      const query = `query($after: String) { cycle(key: "Q1") { objectives(first: 2, after: $after) { nodes { key } pageInfo { endCursor hasNextPage } } } }`;
      const first = await app.ok(query, {}, owner.token);
      expect(first.cycle.objectives.nodes).toEqual([{ key: 'O1' }, { key: 'O2' }]);
      const next = await app.ok(
        query,
        { after: first.cycle.objectives.pageInfo.endCursor },
        owner.token,
      );
      expect(next.cycle.objectives).toEqual({
        nodes: [{ key: 'O3' }],
        pageInfo: { endCursor: expect.any(String), hasNextPage: false },
      });
    });
  });

  describe('teams', () => {
    it('creates, reads, updates, lists and archives a team', async () => {
      const owner = await app.signUp();
      const plat = (await createTeam(owner.token, { key: 'PLAT', name: 'Platform' })).data!
        .createTeam;
      expect(plat).toMatchObject({ key: 'PLAT', name: 'Platform', capacity: 0, archivedAt: null });
      await createTeam(owner.token, { key: 'APP', name: 'Apps', capacity: 25.5 });
      const updated = (
        await updateTeam(owner.token, { id: plat.id, capacity: 30, name: 'Platform team' })
      ).data!.updateTeam;
      expect(updated).toMatchObject({ capacity: 30, name: 'Platform team', key: 'PLAT' });
      const byKey = await app.ok(`{ team(key: "APP") { capacity } }`, {}, owner.token);
      expect(byKey.team.capacity).toBe(25.5);
      const list = await app.ok(`{ teams { nodes { key } } }`, {}, owner.token);
      expect(list.teams.nodes).toEqual([{ key: 'APP' }, { key: 'PLAT' }]);
      await app.ok(
        `mutation($id: ID!) { archiveTeam(id: $id) { id } }`,
        { id: plat.id },
        owner.token,
      );
      const after = await app.ok(`{ teams { nodes { key } } }`, {}, owner.token);
      expect(after.teams.nodes).toEqual([{ key: 'APP' }]);
      const all = await app.ok(
        `{ teams(includeArchived: true) { nodes { key archivedAt } } }`,
        {},
        owner.token,
      );
      expect(all.teams.nodes[1]).toMatchObject({ key: 'PLAT', archivedAt: expect.any(String) });
    });

    it('refuses bad input, unknown and foreign ids, changing nothing', async () => {
      const owner = await app.signUp();
      const other = await app.signUp('Other');
      const team = (await createTeam(owner.token, { key: 'PLAT', name: 'Platform' })).data!
        .createTeam;
      const before = await snapshot(app, owner.organizationId);

      const negative = expectError(
        await createTeam(owner.token, { key: 'NEG', name: 'Neg', capacity: -1 }),
        'BAD_USER_INPUT',
      );
      expect(negative.extensions.fields).toEqual([
        { field: 'input.capacity', message: 'must not be less than 0' },
      ]);
      expectError(await createTeam(owner.token, { key: 'X' }), 'BAD_USER_INPUT');
      expectError(
        await createTeam(owner.token, { key: 'X', name: 'X', capacity: 'lots' }),
        'BAD_USER_INPUT',
      );
      expectError(await createTeam(owner.token, { key: 'X', name: '' }), 'BAD_USER_INPUT');
      expect(
        expectError(await createTeam(owner.token, { key: 'PLAT', name: 'Again' }), 'CONFLICT')
          .message,
      ).toBe('a team with key "PLAT" already exists');
      expectError(await updateTeam(owner.token, { id: team.id, capacity: -5 }), 'BAD_USER_INPUT');
      expectError(await updateTeam(owner.token, { id: team.id, name: null }), 'BAD_USER_INPUT');
      expectError(
        await updateTeam(owner.token, { id: '00000000-0000-4000-8000-000000000000', name: 'x' }),
        'NOT_FOUND',
      );
      expectError(await updateTeam(other.token, { id: team.id, name: 'stolen' }), 'NOT_FOUND');
      expectError(
        await app.gql(
          `mutation($id: ID!) { archiveTeam(id: $id) { id } }`,
          { id: team.id },
          other.token,
        ),
        'NOT_FOUND',
      );
      expectError(await app.gql(`{ team(key: "PLAT") { id } }`, {}, other.token), 'NOT_FOUND');
      expect(await snapshot(app, owner.organizationId)).toEqual(before);
    });

    it('refuses a duplicate key on update', async () => {
      const owner = await app.signUp();
      await createTeam(owner.token, { key: 'A', name: 'A' });
      const b = (await createTeam(owner.token, { key: 'B', name: 'B' })).data!.createTeam;
      expectError(await updateTeam(owner.token, { id: b.id, key: 'A' }), 'CONFLICT');
      const renamed = (await updateTeam(owner.token, { id: b.id, key: 'C' })).data!.updateTeam;
      expect(renamed.key).toBe('C');
    });

    it('lets a VIEWER and a MEMBER read but not write teams', async () => {
      const owner = await app.signUp();
      const team = (await createTeam(owner.token, { key: 'PLAT', name: 'Platform' })).data!
        .createTeam;
      const before = await snapshot(app, owner.organizationId);
      for (const role of ['VIEWER', 'MEMBER']) {
        const token = await tokenFor(app, owner, role);
        expect((await app.ok(`{ team(key: "PLAT") { name } }`, {}, token)).team.name).toBe(
          'Platform',
        );
        expectError(await createTeam(token, { key: 'NEW', name: 'New' }), 'FORBIDDEN');
        expectError(await updateTeam(token, { id: team.id, capacity: 9 }), 'FORBIDDEN');
        expectError(
          await app.gql(
            `mutation($id: ID!) { archiveTeam(id: $id) { id } }`,
            { id: team.id },
            token,
          ),
          'FORBIDDEN',
        );
      }
      expect(await snapshot(app, owner.organizationId)).toEqual(before);
    });

    it("lists a team's objectives", async () => {
      const owner = await app.signUp();
      const build = new Builder(app, owner.token);
      const cycleId = await build.cycle('Q1');
      const teamId = await build.team('PLAT');
      await build.objective('O2', cycleId, { teamId });
      await build.objective('O1', cycleId, { teamId });
      await build.objective('C1', cycleId);
      const res = await app.ok(
        `{ teams { nodes { key objectives { nodes { key team { key } } } } } }`,
        {},
        owner.token,
      );
      expect(res.teams.nodes).toEqual([
        {
          key: 'PLAT',
          objectives: {
            nodes: [
              { key: 'O1', team: { key: 'PLAT' } },
              { key: 'O2', team: { key: 'PLAT' } },
            ],
          },
        },
      ]);
    });
  });
});
