import { readFileSync } from 'node:fs';
import { expectError, TestApp, type Session } from '../support/test-app.js';
import { Builder, tokenFor } from './strategy-fixtures.js';

const AUDIT = `query($first: Int, $after: String, $entityType: String, $entityId: ID, $userId: ID) {
  auditLog(first: $first, after: $after, entityType: $entityType, entityId: $entityId, userId: $userId) {
    nodes {
      id at operation action userId apiTokenId entityType entityId entityKey before after
      changedRows tables
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
const AWKWARD = readFileSync('test/fixtures/awkward-jira.csv', 'utf8');
const PLAN = `version: 1
teams: [{ key: PLAT, name: Platform, capacity: 30 }]
sprints:
  - { key: S1, team: PLAT, name: "PLAT Sprint 1", start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
initiatives:
  - { key: I1, externalKey: PLAT-100, title: "Guided setup" }
`;

interface Entry {
  id: string;
  at: string;
  operation: string;
  action: string;
  userId: string | null;
  apiTokenId: string | null;
  entityType: string;
  entityId: string | null;
  entityKey: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedRows: number;
  tables: string[];
}

/**
 * The audit log: one entry per mutation that changed data, written by the database whatever path
 * wrote, readable by ADMIN and above, never editable, never showing secrets or other tenants.
 */
describe('the audit log', () => {
  let app: TestApp;
  let owner: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp('Audited');
  });
  afterAll(() => app.close());

  const log = async (s: Session | string, args: Record<string, unknown> = {}) =>
    (await app.ok(AUDIT, { first: 200, ...args }, typeof s === 'string' ? s : s.token)).auditLog
      .nodes as Entry[];
  const newest = async (s: Session) => (await log(s, { first: 1 }))[0];

  it('records sign-up as the creation of the organization', async () => {
    const s = await app.signUp('Fresh Start');
    const entries = await log(s);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      operation: 'signUp',
      action: 'CREATE',
      userId: s.userId,
      apiTokenId: null,
      entityType: 'ORGANIZATION',
      entityId: s.organizationId,
      entityKey: s.slug,
      before: null,
      after: { id: s.organizationId, name: 'Fresh Start', slug: s.slug },
    });
    expect(entries[0].tables.sort()).toEqual(['memberships', 'organizations', 'users', 'visions']);
    expect(entries[0].changedRows).toBe(4);
  });

  it('an update gives one entry with the operation, who, and the entity before and after', async () => {
    const build = new Builder(app, owner.token);
    const goalId = await build.goal('AUD-G1', { title: 'Grow' });
    const created = await newest(owner);
    expect(created).toMatchObject({
      operation: 'createStrategicGoal',
      action: 'CREATE',
      entityType: 'STRATEGIC_GOAL',
      entityId: goalId,
      entityKey: 'AUD-G1',
      before: null,
      after: expect.objectContaining({ title: 'Grow', key: 'AUD-G1' }),
      changedRows: 1,
    });
    const count = (await log(owner)).length;
    await app.ok(
      `mutation($input: UpdateStrategicGoalInput!) { updateStrategicGoal(input: $input) { id } }`,
      { input: { id: goalId, title: 'Grow faster' } },
      owner.token,
    );
    const entries = await log(owner);
    expect(entries).toHaveLength(count + 1);
    expect(entries[0]).toMatchObject({
      operation: 'updateStrategicGoal',
      action: 'UPDATE',
      userId: owner.userId,
      entityType: 'STRATEGIC_GOAL',
      entityId: goalId,
      entityKey: 'AUD-G1',
      before: expect.objectContaining({ id: goalId, title: 'Grow', horizon: 'CORE' }),
      after: expect.objectContaining({ id: goalId, title: 'Grow faster', horizon: 'CORE' }),
      changedRows: 1,
      tables: ['strategic_goals'],
    });
    expect(Date.parse(entries[0].at)).not.toBeNaN();
    // filters: by entity, by user, by type
    const byEntity = await log(owner, { entityId: goalId });
    expect(byEntity.map((e) => e.operation)).toEqual([
      'updateStrategicGoal',
      'createStrategicGoal',
    ]);
    expect(await log(owner, { entityType: 'STRATEGIC_GOAL', entityId: goalId })).toEqual(byEntity);
    expect((await log(owner, { userId: owner.userId })).length).toBe(entries.length);
  });

  it('a delete keeps the entity as it was', async () => {
    const build = new Builder(app, owner.token);
    const cycle = await build.cycle('AUD-Q1');
    const goal = await build.goal('AUD-G2');
    const objective = await build.objective('AUD-O1', cycle);
    const linkId = await build.link({ objectiveId: objective, goalId: goal, weight: 2 });
    await app.ok(`mutation($id: ID!) { unlinkObjective(id: $id) }`, { id: linkId }, owner.token);
    expect(await newest(owner)).toMatchObject({
      operation: 'unlinkObjective',
      action: 'DELETE',
      entityType: 'OBJECTIVE_LINK',
      entityId: linkId,
      before: expect.objectContaining({ objectiveId: objective, goalId: goal, weight: 2 }),
      after: null,
      changedRows: 1,
    });
  });

  it('an import of many rows is one entry with the count of rows it changed', async () => {
    const s = await app.signUp('Audited Import');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { created } }`,
      { y: PLAN },
      s.token,
    );
    const before = (await log(s)).length;
    const result = (
      await app.ok(
        `mutation($data: String!) { importTickets(format: JIRA_CSV, data: $data) { created } }`,
        { data: AWKWARD },
        s.token,
      )
    ).importTickets;
    expect(result.created).toBeGreaterThan(3);
    const entries = await log(s);
    expect(entries).toHaveLength(before + 1);
    const entry = entries[0];
    expect(entry.operation).toBe('importTickets');
    expect(entry.tables).toEqual(expect.arrayContaining(['tickets', 'ticket_sprints']));
    const [{ rows }] = await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(
        `SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM ticket_sprints)
              + (SELECT count(*) FROM ticket_links) + (SELECT count(*) FROM initiatives WHERE external_id IS NOT NULL) AS rows`,
      ),
    );
    // row writes: every row the import wrote, some of them twice (a sub-task's parent is set
    // once both rows exist)
    expect(entry.changedRows).toBeGreaterThanOrEqual(Number(rows));
    expect(entry.changedRows).toBeLessThan(2 * Number(rows));
    // the same file again changes nothing, and records nothing
    await app.ok(
      `mutation($data: String!) { importTickets(format: JIRA_CSV, data: $data) { unchanged } }`,
      { data: AWKWARD },
      s.token,
    );
    expect(await log(s)).toHaveLength(before + 1);
  });

  it('a mutation that fails writes no entry', async () => {
    const build = new Builder(app, owner.token);
    await build.goal('AUD-DUP');
    const count = (await log(owner)).length;
    const duplicate = await app.gql(
      `mutation { createStrategicGoal(input: { key: "AUD-DUP", title: "again" }) { id } }`,
      {},
      owner.token,
    );
    expectError(duplicate, 'CONFLICT');
    // a plan file with a problem half-way writes nothing at all, audit included
    const broken = await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path } } }`,
      { y: 'version: 1\ngoals:\n  - { key: AUD-OK, title: Fine }\n  - { key: AUD-BAD }\n' },
      owner.token,
    );
    expect(broken.importPlan.problems.length).toBeGreaterThan(0);
    // a transaction that wrote and then failed leaves no entry either: the entry is part of it
    const failed = app.db.transaction(
      { organizationId: owner.organizationId, userId: owner.userId, operation: 'doomed' },
      async (em) => {
        await em.query(`UPDATE strategic_goals SET title = 'doomed' WHERE key = 'AUD-DUP'`);
        throw new Error('failed after writing');
      },
    );
    await expect(failed).rejects.toThrow('failed after writing');
    expect(await log(owner)).toHaveLength(count);
  });

  it('records the API token a change came with, and not the token bookkeeping', async () => {
    const s = await app.signUp('Audited Token');
    const { secret, apiToken } = (
      await app.ok(
        `mutation { createApiToken(input: { name: "robot", scope: WRITE }) { secret apiToken { id } } }`,
        {},
        s.token,
      )
    ).createApiToken;
    const created = await newest(s);
    expect(created).toMatchObject({
      operation: 'createApiToken',
      entityType: 'API_TOKEN',
      entityId: apiToken.id,
      entityKey: 'robot',
      apiTokenId: null,
    });
    const count = (await log(s)).length;
    await new Builder(app, secret).goal('BOT-G1');
    const entries = await log(s);
    // the token's lastUsedAt was written too, but that is bookkeeping: one entry, the goal's
    expect(entries).toHaveLength(count + 1);
    expect(entries[0]).toMatchObject({
      operation: 'createStrategicGoal',
      userId: s.userId,
      apiTokenId: apiToken.id,
      entityKey: 'BOT-G1',
    });
  });

  it('names the uploads route, sign-out and membership changes', async () => {
    const s = await app.signUp('Audited Routes');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { created } }`,
      { y: PLAN },
      s.token,
    );
    const upload = await fetch(`${app.url}/imports/jira-csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'text/csv' },
      body: AWKWARD,
    });
    expect(upload.status).toBe(201);
    expect((await newest(s)).operation).toBe('POST /imports/jira-csv');

    const viewer = await tokenFor(app, s, 'VIEWER');
    const entries = await log(s, { first: 2 });
    expect(entries.map((e) => [e.operation, e.entityType])).toEqual([
      ['acceptInvite', 'MEMBERSHIP'],
      ['inviteMember', 'USER'],
    ]);
    await app.ok(`mutation { signOutEverywhere }`, {}, viewer);
    expect(await newest(s)).toMatchObject({
      operation: 'signOutEverywhere',
      action: 'UPDATE',
      entityType: 'USER',
      before: expect.objectContaining({ sessionEpoch: 0 }),
      after: expect.objectContaining({ sessionEpoch: 1 }),
    });
  });

  it('never records a secret: no password, invite or API token hash', async () => {
    const s = await app.signUp('Audited Keys');
    await tokenFor(app, s, 'EDITOR');
    await app.ok(
      `mutation { createApiToken(input: { name: "t", scope: READ }) { secret } }`,
      {},
      s.token,
    );
    const rows: { row: string; keys: string[] }[] = await app.db.dataSource.query(
      `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS row,
              ARRAY(SELECT jsonb_object_keys(coalesce(after, before))) AS keys
         FROM audit_log WHERE organization_id = $1`,
      [s.organizationId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const hashes: { h: string }[] = await app.db.dataSource.query(
      `SELECT password_hash AS h FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organization_id = $1
       UNION ALL SELECT secret_hash FROM api_tokens WHERE organization_id = $1`,
      [s.organizationId],
    );
    expect(rows.some(({ keys }) => keys.includes('email'))).toBe(true); // users are recorded
    for (const { row, keys } of rows) {
      expect(keys.filter((k) => /hash|secret|password|credential/.test(k))).toEqual([]);
      for (const { h } of hashes) expect(row).not.toContain(h);
    }
  });

  it('pages newest first with a cursor', async () => {
    const build = new Builder(app, owner.token);
    for (const key of ['AUD-P1', 'AUD-P2', 'AUD-P3']) await build.goal(key);
    const page1 = (await app.ok(AUDIT, { first: 2 }, owner.token)).auditLog;
    expect(page1.nodes.map((e: Entry) => e.entityKey)).toEqual(['AUD-P3', 'AUD-P2']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await app.ok(AUDIT, { first: 2, after: page1.pageInfo.endCursor }, owner.token))
      .auditLog;
    expect(page2.nodes[0].entityKey).toBe('AUD-P1');
    const ids = [...page1.nodes, ...page2.nodes].map((e: Entry) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
  });

  it('is for ADMIN and above: an EDITOR, a MEMBER or a WRITE token of an OWNER gets FORBIDDEN', async () => {
    const admin = await tokenFor(app, owner, 'ADMIN');
    expect((await log(admin)).length).toBeGreaterThan(0);
    for (const role of ['EDITOR', 'MEMBER', 'VIEWER']) {
      const token = await tokenFor(app, owner, role);
      expectError(await app.gql(AUDIT, {}, token), 'FORBIDDEN');
    }
    const { secret } = (
      await app.ok(
        `mutation { createApiToken(input: { name: "w", scope: WRITE }) { secret } }`,
        {},
        owner.token,
      )
    ).createApiToken;
    expectError(await app.gql(AUDIT, {}, secret), 'FORBIDDEN');
    expectError(await app.gql(AUDIT, { entityType: 'objective' }, owner.token), 'BAD_USER_INPUT');
  });

  it("shows another organization's entries to nobody", async () => {
    const other = await app.signUp('Audited Other');
    const goalId = await new Builder(app, other.token).goal('OTHER-G');
    const mine = await log(owner);
    expect(mine.some((e) => e.entityId === goalId || e.entityId === other.organizationId)).toBe(
      false,
    );
    expect(await log(owner, { entityId: goalId })).toEqual([]);
    expect(await log(owner, { userId: other.userId })).toEqual([]);
    const rows: { organization_id: string }[] = await app.db.transaction(
      { organizationId: owner.organizationId },
      (em) => em.query('SELECT organization_id FROM audit_log'),
    );
    expect(new Set(rows.map((r) => r.organization_id))).toEqual(new Set([owner.organizationId]));
  });

  it('is never editable by the app: no insert, update, delete or truncate as the app role', async () => {
    const scope = { organizationId: owner.organizationId, userId: owner.userId };
    const attempts = [
      `UPDATE audit_log SET operation = 'nothing happened'`,
      `DELETE FROM audit_log`,
      `TRUNCATE audit_log`,
      `INSERT INTO audit_log (organization_id, tx_id, operation, action, entity_type, changed_rows, tables)
       VALUES ('${owner.organizationId}', 1, 'forged', 'INSERT', 'OBJECTIVE', 1, '{}')`,
    ];
    const before = await log(owner);
    for (const sql of attempts) {
      await expect(app.db.transaction(scope, (em) => em.query(sql))).rejects.toThrow(
        /permission denied/,
      );
    }
    await expect(
      app.db.transaction(scope, (em) => em.query(`SELECT audit_statement()`)),
    ).rejects.toThrow(/permission denied|trigger functions can only be called as triggers/);
    expect(await log(owner)).toEqual(before);
  });
});
