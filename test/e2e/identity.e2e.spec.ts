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
});
