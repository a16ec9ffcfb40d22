import { decodeJwt } from 'jose';
import { expectError, TestApp } from '../support/test-app.js';

describe('identity over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('signs up, then logs in by e-mail in any case', async () => {
    const res = await app.ok(
      `mutation { signUp(input: { email: "Ann@Example.com", password: "long enough", name: "Ann", organizationName: "Acme Inc." }) {
        token user { email name } organization { name slug } } }`,
    );
    expect(res.signUp.user).toEqual({ email: 'ann@example.com', name: 'Ann' });
    expect(res.signUp.organization).toEqual({ name: 'Acme Inc.', slug: 'acme-inc' });
    const login = await app.ok(
      `mutation { logIn(input: { email: "ANN@example.com", password: "long enough" }) { token organization { slug } } }`,
    );
    expect(login.logIn.organization.slug).toBe('acme-inc');
  });

  it('refuses bad input with every field named', async () => {
    const res = await app.gql(
      `mutation { signUp(input: { email: "nope", password: "short", name: "", organizationName: "X" }) { token } }`,
    );
    const error = expectError(res, 'BAD_USER_INPUT');
    expect(error.extensions.fields?.map((f) => f.field).sort()).toEqual([
      'input.email',
      'input.name',
      'input.password',
    ]);
  });

  it('a session token lasts 12 hours and carries every claim the server checks', async () => {
    const s = await app.signUp('Claims');
    const claims = decodeJwt(s.token);
    expect(claims).toEqual({
      sub: s.userId,
      org: s.organizationId,
      epoch: 0,
      iss: 'throughline',
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  it('signOutEverywhere ends every session of the user in every organization, and only those', async () => {
    const email = `everywhere-${Date.now()}@example.com`;
    const password = 'long enough';
    const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token organization { id slug } } }`;
    const first = (
      await app.ok(SIGN_UP, { input: { email, password, name: 'E', organizationName: 'One' } })
    ).signUp;
    const second = (
      await app.ok(SIGN_UP, { input: { email, password, name: 'E', organizationName: 'Two' } })
    ).signUp;
    const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { token } }`;
    const laptop = (
      await app.ok(LOG_IN, {
        input: { email, password, organizationSlug: first.organization.slug },
      })
    ).logIn.token;
    const integration = (
      await app.ok(
        `mutation { createApiToken(input: { name: "sync", scope: READ }) { secret } }`,
        {},
        laptop,
      )
    ).createApiToken.secret;
    const bystander = await app.signUp('Bystander');

    expect(await app.ok(`mutation { signOutEverywhere }`, {}, laptop)).toEqual({
      signOutEverywhere: true,
    });
    for (const token of [first.token, second.token, laptop]) {
      const error = expectError(
        await app.gql('{ organization { id } }', {}, token),
        'UNAUTHENTICATED',
      );
      expect(error.message).toMatch(/signed out/);
    }
    // API tokens are revoked one by one; other users keep their sessions
    expect((await app.ok('{ organization { id } }', {}, integration)).organization.id).toBe(
      first.organization.id,
    );
    expect((await app.ok('{ organization { id } }', {}, bystander.token)).organization.id).toBe(
      bystander.organizationId,
    );
    // signing in again gives a session of the new epoch
    const again = (
      await app.ok(LOG_IN, {
        input: { email, password, organizationSlug: second.organization.slug },
      })
    ).logIn.token;
    expect(decodeJwt(again).epoch).toBe(1);
    expect((await app.ok('{ organization { id } }', {}, again)).organization.id).toBe(
      second.organization.id,
    );
  });
});
