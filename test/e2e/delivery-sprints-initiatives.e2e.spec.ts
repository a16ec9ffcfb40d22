import { queryCounter } from '@app/database';
import { expectError, TestApp } from '../support/test-app.js';
import { DeliveryFixtures } from './delivery-fixtures.js';

const SPRINT_FIELDS = 'id key name startDate endDate state externalId archivedAt team { key }';
const INITIATIVE_FIELDS =
  'id key externalKey title status priority estimate archivedAt team { key } cycle { key }';

describe('sprints and initiatives over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    // statements are counted per request: every request checks its session, whatever came before
    app = await TestApp.start({ env: { SESSION_CACHE_MS: '0' } });
  });
  afterAll(() => app.close());

  const createSprint = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: CreateSprintInput!) { createSprint(input: $input) { ${SPRINT_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const updateSprint = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: UpdateSprintInput!) { updateSprint(input: $input) { ${SPRINT_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const createInitiative = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { ${INITIATIVE_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const updateInitiative = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { ${INITIATIVE_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const sprint = (name: string, start: string, end: string) => ({
    name,
    startDate: start,
    endDate: end,
  });
  const fieldsOf = (error: { extensions: { fields?: { field: string }[] } }) =>
    [...new Set(error.extensions.fields!.map((f) => f.field))].sort();

  describe('sprints', () => {
    it('creates, reads by key and id, lists, updates and archives a sprint', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const pay = await fx.team('PAY');
      const created = await createSprint(fx, {
        key: 'PAY-S1',
        teamId: pay,
        ...sprint('Payments 1', '2027-01-04', '2027-01-17'),
        externalId: '101',
      });
      expect(created.errors).toBeUndefined();
      const s1 = created.data!.createSprint;
      expect(s1).toMatchObject({
        key: 'PAY-S1',
        name: 'Payments 1',
        startDate: '2027-01-04',
        endDate: '2027-01-17',
        state: 'FUTURE',
        externalId: '101',
        archivedAt: null,
        team: { key: 'PAY' },
      });

      const byKey = await app.ok(`{ sprint(key: "PAY-S1") { id } }`, {}, fx.owner.token);
      expect(byKey.sprint.id).toBe(s1.id);
      const byId = await app.ok(
        `query($id: ID) { sprint(id: $id) { key } }`,
        { id: s1.id },
        fx.owner.token,
      );
      expect(byId.sprint.key).toBe('PAY-S1');

      const updated = await updateSprint(fx, {
        id: s1.id,
        endDate: '2027-01-18',
        externalId: null,
      });
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updateSprint).toMatchObject({
        state: 'FUTURE',
        startDate: '2027-01-04',
        endDate: '2027-01-18',
        externalId: null,
      });
      // the state moves only through startSprint and closeSprint
      expectError(await updateSprint(fx, { id: s1.id, state: 'ACTIVE' }), 'BAD_USER_INPUT');
      const started = await app.ok(
        `mutation { startSprint(key: "PAY-S1") { key state } }`,
        {},
        fx.owner.token,
      );
      expect(started.startSprint).toEqual({ key: 'PAY-S1', state: 'ACTIVE' });

      // the filters reach the service (their rules: test/integration/sprints-initiatives.spec.ts)
      const active = await app.ok(
        `{ sprints(teamKey: "PAY", state: ACTIVE) { nodes { key } } }`,
        {},
        fx.owner.token,
      );
      expect(active.sprints.nodes).toEqual([{ key: 'PAY-S1' }]);

      const archived = await app.ok(
        `mutation($id: ID!) { archiveSprint(id: $id) { archivedAt } }`,
        { id: s1.id },
        fx.owner.token,
      );
      expect(archived.archiveSprint.archivedAt).not.toBeNull();
    });

    it('refuses bad sprint input with a coded error and writes nothing', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const other = await DeliveryFixtures.signUp(app, 'Other');
      const pay = await fx.team('PAY');
      const foreignTeam = await other.team('OTH');
      await fx.sprint('S1', pay, sprint('Sprint one', '2027-01-04', '2027-01-17'));
      const before = await fx.snapshot();
      const ok = { key: 'S2', teamId: pay, ...sprint('Sprint two', '2027-01-18', '2027-01-31') };

      // missing and mistyped fields are refused by GraphQL itself
      const { name: _name, ...noName } = ok;
      expectError(await createSprint(fx, noName), 'BAD_USER_INPUT');
      expectError(await createSprint(fx, { ...ok, startDate: 20270118 }), 'BAD_USER_INPUT');
      expectError(await createSprint(fx, { ...ok, state: 'ACTIVE' }), 'BAD_USER_INPUT');
      // field rules
      const bad = expectError(
        await createSprint(fx, {
          ...ok,
          key: 'has space',
          teamId: 'not-an-id',
          startDate: '2027-02-30',
          endDate: '18/01/2027',
          name: '',
        }),
        'BAD_USER_INPUT',
      );
      expect(fieldsOf(bad)).toEqual([
        'input.endDate',
        'input.key',
        'input.name',
        'input.startDate',
        'input.teamId',
      ]);
      // another organization's team
      expectError(await createSprint(fx, { ...ok, teamId: foreignTeam }), 'NOT_FOUND');
      expect(await fx.snapshot()).toEqual(before);

      // updates
      const s1 = (await app.ok(`{ sprint(key: "S1") { id } }`, {}, fx.owner.token)).sprint.id;
      expect(
        fieldsOf(expectError(await updateSprint(fx, { id: s1, name: null }), 'BAD_USER_INPUT')),
      ).toEqual(['input.name']);
      expectError(await updateSprint(fx, { id: s1, teamId: foreignTeam }), 'NOT_FOUND');
      const otherSprint = await other.sprint('OS1', foreignTeam);
      expectError(await updateSprint(fx, { id: otherSprint.id, name: 'Mine now' }), 'NOT_FOUND');
      expectError(
        await app.gql(
          `mutation($id: ID!) { archiveSprint(id: $id) { id } }`,
          { id: otherSprint.id },
          fx.owner.token,
        ),
        'NOT_FOUND',
      );
      expectError(
        await app.gql(
          `query($id: ID) { sprint(id: $id) { id } }`,
          { id: otherSprint.id },
          fx.owner.token,
        ),
        'NOT_FOUND',
      );
      expect(await fx.snapshot()).toEqual(before);
      const theirs = await app.ok(
        `{ sprint(key: "OS1") { name archivedAt } }`,
        {},
        other.owner.token,
      );
      expect(theirs.sprint).toEqual({ name: 'Sprint OS1', archivedAt: null });
    });

    it('lets EDITOR write sprints, and refuses MEMBER and VIEWER', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const pay = await fx.team('PAY');
      const s1 = await fx.sprint('S1', pay);
      const [viewer, member, editor] = await Promise.all([
        fx.memberToken('VIEWER'),
        fx.memberToken('MEMBER'),
        fx.memberToken('EDITOR'),
      ]);
      const before = await fx.snapshot();
      const input = { key: 'S2', teamId: pay, ...sprint('Two', '2027-02-01', '2027-02-14') };
      for (const token of [viewer, member]) {
        expectError(await createSprint(fx, input, token), 'FORBIDDEN');
        expectError(await updateSprint(fx, { id: s1.id, name: 'Renamed' }, token), 'FORBIDDEN');
        expectError(
          await app.gql(
            `mutation($id: ID!) { archiveSprint(id: $id) { id } }`,
            { id: s1.id },
            token,
          ),
          'FORBIDDEN',
        );
      }
      expect(await fx.snapshot()).toEqual(before);
      // everyone reads
      const seen = await app.ok(`{ sprint(key: "S1") { key team { key } } }`, {}, viewer);
      expect(seen.sprint).toEqual({ key: 'S1', team: { key: 'PAY' } });
      expect((await createSprint(fx, input, editor)).errors).toBeUndefined();
      expect(
        (await updateSprint(fx, { id: s1.id, name: 'Renamed' }, editor)).errors,
      ).toBeUndefined();
    });

    it('pages Team.sprints by start date with one statement per level', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const pay = await fx.team('PAY');
      const web = await fx.team('WEB');
      for (const [i, day] of ['01', '15', '29'].entries()) {
        await fx.sprint(
          `PAY-${i + 1}`,
          pay,
          sprint(`Pay ${i + 1}`, `2027-03-${day}`, `2027-03-${day}`),
        );
      }
      await fx.sprint('WEB-1', web, sprint('Web 1', '2027-03-02', '2027-03-10'));
      const query = `query($after: String) { sprints(first: 10) { nodes { key team { key sprints(first: 2, after: $after) { nodes { key } pageInfo { hasNextPage endCursor } } } } } }`;
      const first = await app.ok(query, {}, fx.owner.token);
      const teamOf = (key: string) =>
        first.sprints.nodes.find((n: { key: string }) => n.key === key).team;
      expect(teamOf('PAY-1').sprints.nodes).toEqual([{ key: 'PAY-1' }, { key: 'PAY-2' }]);
      expect(teamOf('PAY-1').sprints.pageInfo.hasNextPage).toBe(true);
      expect(teamOf('WEB-1').sprints.nodes).toEqual([{ key: 'WEB-1' }]);
      expect(teamOf('WEB-1').sprints.pageInfo.hasNextPage).toBe(false);
      const rest = await app.ok(
        `query($after: String) { sprint(key: "PAY-1") { team { sprints(first: 2, after: $after) { nodes { key } pageInfo { hasNextPage } } } } }`,
        { after: teamOf('PAY-1').sprints.pageInfo.endCursor },
        fx.owner.token,
      );
      expect(rest.sprint.team.sprints).toEqual({
        nodes: [{ key: 'PAY-3' }],
        pageInfo: { hasNextPage: false },
      });
      expectError(
        await app.gql(
          `{ sprint(key: "PAY-1") { team { sprints(first: 500) { nodes { key } } } } }`,
          {},
          fx.owner.token,
        ),
        'BAD_USER_INPUT',
      );

      // the same query over twice as many teams and sprints costs the same number of statements
      const count = async () => {
        const start = queryCounter.statements;
        await app.ok(query, {}, fx.owner.token);
        return queryCounter.statements - start;
      };
      const small = await count();
      expect(small).toBeGreaterThan(0);
      for (const key of ['A', 'B', 'C']) {
        const team = await fx.team(`T${key}`);
        await fx.sprint(`T${key}-1`, team, sprint(`T${key} 1`, '2027-04-01', '2027-04-10'));
        await fx.sprint(`T${key}-2`, team, sprint(`T${key} 2`, '2027-04-11', '2027-04-20'));
      }
      expect(await count()).toBe(small);
    });
  });

  describe('initiatives', () => {
    it('creates with defaults, reads, lists with filters, updates and archives', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const pay = await fx.team('PAY');
      const q1 = await fx.cycle('Q1-27');
      const created = await createInitiative(fx, {
        key: 'I1',
        externalKey: 'PAY-100',
        title: '  One-click checkout ',
        teamId: pay,
        cycleId: q1,
        estimate: 0,
      });
      expect(created.errors).toBeUndefined();
      const i1 = created.data!.createInitiative;
      expect(i1).toMatchObject({
        key: 'I1',
        externalKey: 'PAY-100',
        title: 'One-click checkout',
        status: 'PROPOSED',
        priority: 'SHOULD',
        estimate: 0,
        archivedAt: null,
        team: { key: 'PAY' },
        cycle: { key: 'Q1-27' },
      });
      expect(
        (await app.ok(`{ initiative(key: "I1") { id } }`, {}, fx.owner.token)).initiative.id,
      ).toBe(i1.id);
      expect(
        (
          await app.ok(
            `query($id: ID) { initiative(id: $id) { key } }`,
            { id: i1.id },
            fx.owner.token,
          )
        ).initiative.key,
      ).toBe('I1');
      // the filters reach the service (their rules: test/integration/sprints-initiatives.spec.ts)
      const listed = await app.ok(
        `{ initiatives(teamKey: "PAY", cycleKey: "Q1-27", status: PROPOSED) { nodes { key } } }`,
        {},
        fx.owner.token,
      );
      const keys = (page: { nodes: { key: string }[] }) => page.nodes.map((n) => n.key);
      expect(keys(listed.initiatives)).toEqual(['I1']);

      const updated = await updateInitiative(fx, {
        id: i1.id,
        teamId: null,
        estimate: 13,
        status: 'PLANNED',
        externalKey: null,
      });
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updateInitiative).toMatchObject({
        team: null,
        cycle: { key: 'Q1-27' },
        estimate: 13,
        status: 'PLANNED',
        externalKey: null,
      });
      await app.ok(
        `mutation($id: ID!) { archiveInitiative(id: $id) { archivedAt } }`,
        { id: i1.id },
        fx.owner.token,
      );
      const after = await app.ok(
        `{ initiatives { nodes { key } } withArchived: initiatives(includeArchived: true) { nodes { key } } }`,
        {},
        fx.owner.token,
      );
      expect(keys(after.initiatives)).toEqual([]);
      expect(keys(after.withArchived)).toEqual(['I1']);
    });

    it('refuses bad initiative input with a coded error and writes nothing', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const other = await DeliveryFixtures.signUp(app, 'Other');
      const foreignTeam = await other.team('OTH');
      const foreignCycle = await other.cycle('OQ1');
      const foreignInitiative = await other.initiative('OI1');
      const i1 = await fx.initiative('I1', { externalKey: 'EPIC-1' });
      const before = await fx.snapshot();

      expectError(await createInitiative(fx, { key: 'I2' }), 'BAD_USER_INPUT');
      expectError(
        await createInitiative(fx, { key: 'I2', title: 'X', estimate: 'lots' }),
        'BAD_USER_INPUT',
      );
      expectError(
        await createInitiative(fx, { key: 'I2', title: 'X', priority: 'HIGH' }),
        'BAD_USER_INPUT',
      );
      const bad = expectError(
        await createInitiative(fx, {
          key: '-bad',
          title: '',
          estimate: -1,
          teamId: 'x',
          externalKey: 'has space',
        }),
        'BAD_USER_INPUT',
      );
      expect(fieldsOf(bad)).toEqual([
        'input.estimate',
        'input.externalKey',
        'input.key',
        'input.teamId',
        'input.title',
      ]);
      expectError(
        await createInitiative(fx, { key: 'I2', title: 'X', teamId: foreignTeam }),
        'NOT_FOUND',
      );
      expectError(
        await createInitiative(fx, { key: 'I2', title: 'X', cycleId: foreignCycle }),
        'NOT_FOUND',
      );

      expect(
        fieldsOf(
          expectError(await updateInitiative(fx, { id: i1, estimate: -5 }), 'BAD_USER_INPUT'),
        ),
      ).toEqual(['input.estimate']);
      expect(
        fieldsOf(
          expectError(await updateInitiative(fx, { id: i1, status: null }), 'BAD_USER_INPUT'),
        ),
      ).toEqual(['input.status']);
      expectError(await updateInitiative(fx, { id: i1, teamId: foreignTeam }), 'NOT_FOUND');
      expectError(
        await updateInitiative(fx, { id: foreignInitiative, title: 'Mine' }),
        'NOT_FOUND',
      );
      expectError(
        await app.gql(
          `mutation($id: ID!) { archiveInitiative(id: $id) { id } }`,
          { id: foreignInitiative },
          fx.owner.token,
        ),
        'NOT_FOUND',
      );
      expectError(
        await app.gql(`{ initiative(key: "OI1") { id } }`, {}, fx.owner.token),
        'NOT_FOUND',
      );
      expect(await fx.snapshot()).toEqual(before);
    });

    it('lets EDITOR write initiatives, and refuses MEMBER and VIEWER', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const i1 = await fx.initiative('I1');
      const [viewer, member, editor] = await Promise.all([
        fx.memberToken('VIEWER'),
        fx.memberToken('MEMBER'),
        fx.memberToken('EDITOR'),
      ]);
      const before = await fx.snapshot();
      for (const token of [viewer, member]) {
        expectError(await createInitiative(fx, { key: 'I2', title: 'Two' }, token), 'FORBIDDEN');
        expectError(await updateInitiative(fx, { id: i1, title: 'Renamed' }, token), 'FORBIDDEN');
        expectError(
          await app.gql(
            `mutation($id: ID!) { archiveInitiative(id: $id) { id } }`,
            { id: i1 },
            token,
          ),
          'FORBIDDEN',
        );
      }
      expect(await fx.snapshot()).toEqual(before);
      expect((await app.ok(`{ initiative(key: "I1") { key } }`, {}, viewer)).initiative.key).toBe(
        'I1',
      );
      expect(
        (await createInitiative(fx, { key: 'I2', title: 'Two' }, editor)).errors,
      ).toBeUndefined();
    });

    it('pages Team.initiatives and Cycle.initiatives', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const pay = await fx.team('PAY');
      const q1 = await fx.cycle('Q1');
      for (const key of ['A1', 'A2', 'A3']) await fx.initiative(key, { teamId: pay, cycleId: q1 });
      const archived = await fx.initiative('A0', { teamId: pay, cycleId: q1 });
      await app.ok(
        `mutation($id: ID!) { archiveInitiative(id: $id) { id } }`,
        { id: archived },
        fx.owner.token,
      );
      const first = await app.ok(
        `{ initiative(key: "A1") {
             team { initiatives(first: 2) { nodes { key } pageInfo { hasNextPage endCursor } } }
             cycle { initiatives(first: 5) { nodes { key } pageInfo { hasNextPage } } } } }`,
        {},
        fx.owner.token,
      );
      expect(first.initiative.team.initiatives.nodes).toEqual([{ key: 'A1' }, { key: 'A2' }]);
      expect(first.initiative.team.initiatives.pageInfo.hasNextPage).toBe(true);
      expect(first.initiative.cycle.initiatives).toEqual({
        nodes: [{ key: 'A1' }, { key: 'A2' }, { key: 'A3' }],
        pageInfo: { hasNextPage: false },
      });
      const next = await app.ok(
        `query($after: String) { initiative(key: "A1") { team { initiatives(first: 2, after: $after) { nodes { key } pageInfo { hasNextPage } } } } }`,
        { after: first.initiative.team.initiatives.pageInfo.endCursor },
        fx.owner.token,
      );
      expect(next.initiative.team.initiatives).toEqual({
        nodes: [{ key: 'A3' }],
        pageInfo: { hasNextPage: false },
      });
    });
  });
});
