import { TestApp, type GqlResponse } from '../support/test-app.js';

/**
 * Two API instances sharing one Redis share their counts (REDIS_URL), as replicas behind a load
 * balancer must: failed log-ins spread over both still block the account on both. Needs a Redis
 * server: runs whenever REDIS_URL is set (.ci/run sets it), and says so when it is not.
 */
const REDIS_URL = process.env.REDIS_URL?.trim();

if (REDIS_URL) {
  describe('rate limits shared through Redis by two API instances', () => {
    let one: TestApp;
    let two: TestApp;

    beforeAll(async () => {
      // production limits, but for the per-address count: every log-in here fails from 127.0.0.1
      const env = { REDIS_URL, LOGIN_FAILURES_PER_ADDRESS: '1000000' };
      one = await TestApp.start({ limits: 'production', env });
      two = await TestApp.start({ limits: 'production', env });
    });
    afterAll(async () => {
      await one.close();
      await two.close();
    });

    const logIn = async (app: TestApp, email: string) => {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($input: LogInInput!) { logIn(input: $input) { token } }',
          variables: { input: { email, password: 'wrong password' } },
        }),
      });
      const body = (await res.json()) as GqlResponse;
      return { status: res.status, code: body.errors?.[0]?.extensions.code };
    };

    it('counts failed log-ins on either instance towards one block', async () => {
      // an e-mail of this run only, so earlier runs' counts in Redis do not meet it
      const email = `shared-${process.pid}-${Date.now()}@example.com`;
      for (const app of [one, two, one, two, one]) {
        expect(await logIn(app, email)).toEqual({ status: 200, code: 'UNAUTHENTICATED' });
      }
      expect(await logIn(two, email)).toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(await logIn(one, email)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    });
  });
} else {
  describe('rate limits shared through Redis by two API instances', () => {
    it('needs REDIS_URL', () => {
      console.log('Redis-shared rate limit test did not run: REDIS_URL is not set');
    });
  });
}
