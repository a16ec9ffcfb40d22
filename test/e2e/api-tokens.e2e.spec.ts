import { createHash, randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { expectError, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

const CREATE = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    secret
    apiToken { id name scope createdAt lastUsedAt expiresAt revokedAt createdBy { id } }
  }
}`;
const LIST = `query($first: Int, $after: String, $includeRevoked: Boolean) {
  apiTokens(first: $first, after: $after, includeRevoked: $includeRevoked) {
    nodes { id name scope revokedAt createdBy { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;
const CREATE_GOAL = `mutation($input: CreateStrategicGoalInput!) { createStrategicGoal(input: $input) { id key } }`;
const CSV = 'Issue key,Summary,Issue Type,Status\nT-1,Tokens,Story,To Do\n';

interface Created {
  secret: string;
  apiToken: { id: string; name: string; scope: string; lastUsedAt: string | null };
}

describe('API tokens for integrations', () => {
  let app: TestApp;
  let owner: Session;
  let ownerId: string;
  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp('Tokens Inc');
    ownerId = owner.userId;
  });
  afterAll(() => app.close());

  const create = async (token: string, input: Record<string, unknown>): Promise<Created> =>
    (await app.ok(CREATE, { input: { name: 'CI', scope: 'READ', ...input } }, token))
      .createApiToken;
  let keySeq = 0;
  const goal = (token: string) =>
    app.gql(CREATE_GOAL, { input: { key: `G${++keySeq}`, title: 'By token' } }, token);
  const upload = (token: string) =>
    fetch(`${app.url}/imports/jira-csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: CSV,
    });

  it('creates a named, scoped token whose secret is shown once and stored only as a SHA-256', async () => {
    const expiresAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    const created = await create(owner.token, {
      name: '  Nightly sync ',
      scope: 'WRITE',
      expiresAt,
    });
    expect(created.apiToken).toEqual({
      id: expect.any(String),
      name: 'Nightly sync',
      scope: 'WRITE',
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt,
      revokedAt: null,
      createdBy: { id: ownerId },
    });
    expect(created.secret).toMatch(
      new RegExp(`^tl_${owner.organizationId}_${created.apiToken.id}_[A-Za-z0-9_-]{43}$`),
    );
    const [row] = await app.db.dataSource.query(
      `SELECT to_jsonb(t)::text AS row, secret_hash FROM api_tokens t WHERE id = $1`,
      [created.apiToken.id],
    );
    const secret = created.secret.slice(-43);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(row.row).not.toContain(secret);
    // the API has no field that could return the hash
    const type = app.app.get(GraphQLSchemaHost).schema.getType('ApiToken') as unknown as {
      getFields(): Record<string, unknown>;
    };
    expect(Object.keys(type.getFields()).sort()).toEqual([
      'createdAt',
      'createdBy',
      'expiresAt',
      'id',
      'lastUsedAt',
      'name',
      'revokedAt',
      'scope',
    ]);
  });

  it('refuses bad input with the field named', async () => {
    const res = await app.gql(
      CREATE,
      { input: { name: ' ', scope: 'READ', expiresAt: '2020-01-01T00:00:00Z' } },
      owner.token,
    );
    const error = expectError(res, 'BAD_USER_INPUT');
    expect(error.extensions.fields?.map((f) => f.field)).toEqual(['input.name']);
    const past = await app.gql(
      CREATE,
      { input: { name: 'old', scope: 'READ', expiresAt: '2020-01-01T00:00:00Z' } },
      owner.token,
    );
    expect(expectError(past, 'BAD_USER_INPUT').message).toMatch(/input.expiresAt.*future/);
    expectError(
      await app.gql(CREATE, { input: { name: 'x', scope: 'ADMIN' } }, owner.token),
      'BAD_USER_INPUT',
    );
  });

  it('a READ token queries but never mutates, over GraphQL or the upload route', async () => {
    const { secret } = await create(owner.token, { scope: 'READ' });
    expect((await app.ok('{ organization { id } }', {}, secret)).organization.id).toBe(
      owner.organizationId,
    );
    // `me` tells the role the token acts with (the owner's is capped at VIEWER)
    expect((await app.ok('{ me { role } }', {}, secret)).me.role).toBe('VIEWER');
    const refused = expectError(await goal(secret), 'FORBIDDEN');
    expect(refused.message).toMatch(/READ API token may only query/);
    expect((await upload(secret)).status).toBe(403);
  });

  it('a WRITE token acts as its creator, capped at EDITOR: it edits but never administers', async () => {
    const { secret } = await create(owner.token, { scope: 'WRITE' });
    expect((await app.ok('{ me { role } }', {}, secret)).me.role).toBe('EDITOR');
    expect((await goal(secret)).data?.createStrategicGoal.key).toMatch(/^G\d+$/);
    expect((await upload(secret)).status).toBe(201);
    const administration: [string, Record<string, unknown>][] = [
      [
        `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`,
        { input: { email: `x-${randomUUID()}@example.com`, role: 'VIEWER' } },
      ],
      [
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
        { input: { userId: ownerId, role: 'ADMIN' } },
      ],
      [`mutation($u: ID!) { removeMember(userId: $u) }`, { u: ownerId }],
      [`mutation { renameOrganization(name: "Taken") { name } }`, {}],
      [
        `mutation($input: OrganizationSettingsInput!) { updateOrganizationSettings(input: $input) { id } }`,
        { input: { unestimatedPoints: 2 } },
      ],
      [CREATE, { input: { name: 'child', scope: 'WRITE' } }],
      [REVOKE, { id: randomUUID() }],
      [LIST, {}],
      [`mutation { signOutEverywhere }`, {}],
      [`{ auditLog { nodes { id } } }`, {}],
    ];
    for (const [query, variables] of administration) {
      expectError(await app.gql(query, variables, secret), 'FORBIDDEN');
    }
    expect((await app.ok('{ organization { name } }', {}, owner.token)).organization.name).toBe(
      'Tokens Inc',
    );
  });

  it("a token follows its creator's current role", async () => {
    const memberToken = await tokenFor(app, owner, 'MEMBER');
    const memberId = (await app.ok('{ me { user { id } } }', {}, memberToken)).me.user.id;
    const { secret } = await create(memberToken, { scope: 'WRITE' });
    expectError(await goal(secret), 'FORBIDDEN'); // a MEMBER does not edit strategy
    expect((await upload(secret)).status).toBe(201); // but imports tickets
    await app.ok(
      `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
      { input: { userId: memberId, role: 'EDITOR' } },
      owner.token,
    );
    expect((await goal(secret)).data?.createStrategicGoal).toBeTruthy();
    await app.ok(
      `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
      { input: { userId: memberId, role: 'VIEWER' } },
      owner.token,
    );
    expectError(await goal(secret), 'FORBIDDEN');
  });

  it('a VIEWER creates READ tokens only', async () => {
    const viewer = await tokenFor(app, owner, 'VIEWER');
    const res = await app.gql(CREATE, { input: { name: 'w', scope: 'WRITE' } }, viewer);
    expect(expectError(res, 'BAD_USER_INPUT').message).toMatch(/input.scope/);
    expect((await create(viewer, { scope: 'READ' })).apiToken.scope).toBe('READ');
  });

  it('a member lists and revokes their own tokens; an ADMIN lists and revokes everyone’s', async () => {
    const member = await tokenFor(app, owner, 'MEMBER');
    const admin = await tokenFor(app, owner, 'ADMIN');
    const memberId = (await app.ok('{ me { user { id } } }', {}, member)).me.user.id;
    const mine = await create(member, { name: 'member-a' });
    const mine2 = await create(member, { name: 'member-b' });
    const ownerToken = await create(owner.token, { name: 'owner-only' });

    const listed = (await app.ok(LIST, {}, member)).apiTokens.nodes;
    expect(listed.map((t: { name: string }) => t.name)).toEqual(['member-a', 'member-b']);
    expect(listed.every((t: { createdBy: { id: string } }) => t.createdBy.id === memberId)).toBe(
      true,
    );
    const all = (await app.ok(LIST, { first: 200 }, admin)).apiTokens.nodes;
    expect(all.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining([mine.apiToken.id, mine2.apiToken.id, ownerToken.apiToken.id]),
    );

    // pages by name
    const first = (await app.ok(LIST, { first: 1 }, member)).apiTokens;
    expect(first.nodes.map((t: { name: string }) => t.name)).toEqual(['member-a']);
    const second = (await app.ok(LIST, { first: 1, after: first.pageInfo.endCursor }, member))
      .apiTokens;
    expect(second.nodes.map((t: { name: string }) => t.name)).toEqual(['member-b']);
    expect(second.pageInfo.hasNextPage).toBe(false);

    // a member cannot revoke someone else's token; its creator and an ADMIN can
    const denied = await app.gql(REVOKE, { id: ownerToken.apiToken.id }, member);
    expect(expectError(denied, 'FORBIDDEN').message).toMatch(/creator or an ADMIN/);
    const revoked = (await app.ok(REVOKE, { id: mine.apiToken.id }, member)).revokeApiToken;
    expect(revoked.revokedAt).toEqual(expect.any(String));
    // revoking again changes nothing
    expect((await app.ok(REVOKE, { id: mine.apiToken.id }, member)).revokeApiToken).toEqual(
      revoked,
    );
    await app.ok(REVOKE, { id: mine2.apiToken.id }, admin);
    expectError(await app.gql('{ organization { id } }', {}, mine2.secret), 'UNAUTHENTICATED');

    expect((await app.ok(LIST, {}, member)).apiTokens.nodes).toEqual([]);
    const withRevoked = (await app.ok(LIST, { includeRevoked: true }, member)).apiTokens.nodes;
    expect(withRevoked.map((t: { name: string }) => t.name)).toEqual(['member-a', 'member-b']);

    // another organization's token is not found, whoever asks
    const other = await app.signUp('Other Tokens');
    const theirs = await create(other.token, { name: 'theirs' });
    expectError(await app.gql(REVOKE, { id: theirs.apiToken.id }, owner.token), 'NOT_FOUND');
    expect(
      (await app.ok(LIST, { first: 200 }, owner.token)).apiTokens.nodes.map(
        (t: { id: string }) => t.id,
      ),
    ).not.toContain(theirs.apiToken.id);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const { secret, apiToken } = await create(owner.token, { name: 'usage' });
    const lastUsed = async () =>
      (
        await app.db.dataSource.query(`SELECT last_used_at FROM api_tokens WHERE id = $1`, [
          apiToken.id,
        ])
      )[0].last_used_at as Date | null;
    expect(await lastUsed()).toBeNull();
    await app.ok('{ organization { id } }', {}, secret);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await app.ok('{ organization { id } }', {}, secret);
    expect(await lastUsed()).toEqual(first); // within the minute: not written again
    await app.db.dataSource.query(
      `UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1`,
      [apiToken.id],
    );
    const stale = await lastUsed();
    await app.ok('{ organization { id } }', {}, secret);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(stale!.getTime());
  });

  it('API tokens are a tenant table like any other: the app role sees only its organization’s', async () => {
    const other = await app.signUp('Isolated Tokens');
    await create(other.token, { name: 'isolated' });
    const rows: { organization_id: string }[] = await app.db.transaction(
      { organizationId: owner.organizationId },
      (em) => em.query('SELECT organization_id FROM api_tokens'),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.organization_id))).toEqual(new Set([owner.organizationId]));
  });
});
