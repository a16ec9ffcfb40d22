import { expectError, TestApp, type Session } from '../support/test-app.js';

/**
 * The session cache (libs/identity/src/access/session-cache.ts): a session checked a moment ago
 * is not read from the database again, and every change that ends or narrows access still takes
 * effect on the very next request. The cache lasts its longest here (5 s), so that a next request
 * made within it must have been cleared by the change, not by the cache's own expiry.
 */
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`;
const ACCEPT = `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token user { id } } }`;
const ME = `{ me { role } }`;

describe('the session cache', () => {
  let app: TestApp;
  let owner: Session;
  let seq = 0;

  beforeAll(async () => {
    app = await TestApp.start({ env: { SESSION_CACHE_MS: '5000' } });
    owner = await app.signUp('Cached Sessions');
  });
  afterAll(() => app.close());

  /** A new member of the owner's organization with `role`, signed in. */
  async function join(role: string): Promise<{ token: string; userId: string }> {
    const email = `cached-${++seq}-${Date.now()}@example.com`;
    const invite = await app.ok(INVITE, { input: { email, role } }, owner.token);
    const accepted = await app.ok(ACCEPT, {
      input: { token: invite.inviteMember.inviteToken, password: 'correct horse battery' },
    });
    return { token: accepted.acceptInvite.token, userId: accepted.acceptInvite.user.id };
  }

  /** The membership reads (with the session epoch) that the requests of `work` made. */
  async function sessionReads(work: () => Promise<unknown>): Promise<number> {
    const statements = await app.statementsDuring(work);
    return statements.filter((q) => /AS "sessionEpoch"/.test(q)).length;
  }

  it('reads a session from the database once, then from the cache', async () => {
    const member = await join('MEMBER');
    const reads = await sessionReads(async () => {
      for (let i = 0; i < 3; i++)
        expect((await app.ok(ME, {}, member.token)).me.role).toBe('MEMBER');
    });
    expect(reads).toBe(1);
  });

  it('refuses a cached session at once after sign out everywhere', async () => {
    const member = await join('MEMBER');
    await app.ok(ME, {}, member.token);
    await app.ok(`mutation { signOutEverywhere }`, {}, member.token);
    expectError(await app.gql(ME, {}, member.token), 'UNAUTHENTICATED');
  });

  it('refuses a cached session at once after the member is removed', async () => {
    const member = await join('EDITOR');
    await app.ok(ME, {}, member.token);
    await app.ok(
      `mutation($userId: ID!) { removeMember(userId: $userId) }`,
      { userId: member.userId },
      owner.token,
    );
    expectError(await app.gql(ME, {}, member.token), 'UNAUTHENTICATED');
  });

  it('applies a role change to a cached session at once', async () => {
    const member = await join('EDITOR');
    expect((await app.ok(ME, {}, member.token)).me.role).toBe('EDITOR');
    await app.ok(
      `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
      { input: { userId: member.userId, role: 'VIEWER' } },
      owner.token,
    );
    expect((await app.ok(ME, {}, member.token)).me.role).toBe('VIEWER');
    // a VIEWER may not write, whatever the cache held a moment ago
    expectError(
      await app.gql(
        `mutation { createTeam(input: { key: "CACHE", name: "Cache" }) { key } }`,
        {},
        member.token,
      ),
      'FORBIDDEN',
    );
  });
});
