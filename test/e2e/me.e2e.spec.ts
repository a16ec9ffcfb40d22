import { expectError, TestApp } from '../support/test-app.js';

const ME = `{ me { role invitePending user { id email } } }`;

/** `me`: the dashboard asks the API for the caller's role instead of decoding the token. */
describe('me over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it("returns the caller's user and role in the token's organization", async () => {
    const owner = await app.signUp('Me Inc');
    const data = await app.ok(ME, {}, owner.token);
    expect(data.me).toMatchObject({ role: 'OWNER', invitePending: false });
    expect(data.me.user.id).toBe(owner.userId);

    const email = `viewer-${Date.now()}@example.com`;
    const invite = await app.ok(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`,
      { input: { email, role: 'VIEWER' } },
      owner.token,
    );
    const accepted = await app.ok(
      `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }`,
      { input: { token: invite.inviteMember.inviteToken, password: 'correct horse battery' } },
    );
    const viewer = await app.ok(ME, {}, accepted.acceptInvite.token);
    expect(viewer.me).toMatchObject({ role: 'VIEWER', user: { email } });
  });

  it('is refused without a token', async () => {
    expectError(await app.gql(ME), 'UNAUTHENTICATED');
  });

  it('is never stored by a cache on the way, answered or refused', async () => {
    const owner = await app.signUp('Me Uncached');
    for (const authorization of [`Bearer ${owner.token}`, 'Bearer not-a-token']) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: ME }),
      });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});
