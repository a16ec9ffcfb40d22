import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { expectError, TEST_JWT_SECRET, TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { secret apiToken { id } }
}`;
const QUERY = '{ organization { id } }';
const CSV = 'Issue key,Summary,Issue Type,Status\nF-1,Forged,Story,To Do\n';

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A JWT exactly as given: header, claims and signature algorithm chosen by the forger. */
async function jwt(
  claims: Record<string, unknown>,
  options: { alg?: 'HS256' | 'HS384' | 'HS512'; secret?: string } = {},
): Promise<string> {
  const alg = options.alg ?? 'HS256';
  return new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

/** The claims of a good session of `s`: each forged case changes one thing. */
const claimsOf = (s: Session) => ({
  sub: s.userId,
  org: s.organizationId,
  iss: 'throughline',
  iat: now(),
  exp: now() + 3600,
  epoch: 0,
});

const without = (claims: Record<string, unknown>, key: string) => {
  const copy = { ...claims };
  delete copy[key];
  return copy;
};

/** Opens a graphql-ws connection with this authorization: acknowledged, or closed with a code. */
function connect(
  url: string,
  authorization: string | undefined,
): Promise<{ acked: boolean; code?: number; reason?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'connection_init',
          payload: authorization === undefined ? {} : { authorization },
        }),
      ),
    );
    ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') {
        resolve({ acked: true });
        ws.close(1000);
      }
    });
    ws.on('close', (code, reason) => resolve({ acked: false, code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

/**
 * Every kind of forged, stale or foreign token is refused with UNAUTHENTICATED (never a 5xx, never
 * a database error) on each way in: GraphQL over HTTP, a graphql-ws connection and the upload
 * route. Before this suite, a token without `exp`, one issued in the future and one whose sub/org
 * were not UUIDs got through or failed as BAD_USER_INPUT/500.
 */
describe('forged tokens are refused on every way in', () => {
  let app: TestApp;
  let a: Session;
  let b: Session;
  const forged = new Map<string, string>();
  let validSession: string;
  let validApiToken: string;

  beforeAll(async () => {
    app = await TestApp.start();
    a = await app.signUp('Forged A');
    b = await app.signUp('Forged B');
    validSession = a.token;
    const good = claimsOf(a);
    const write = async (session: Session, extra: Record<string, unknown> = {}) =>
      (
        await app.ok(
          CREATE_TOKEN,
          { input: { name: 'integration', scope: 'WRITE', ...extra } },
          session.token,
        )
      ).createApiToken as { secret: string; apiToken: { id: string } };
    validApiToken = (await write(a)).secret;

    // session tokens (JWT)
    forged.set('signed with another secret', await jwt(good, { secret: 'x'.repeat(40) }));
    forged.set('alg none (unsigned)', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.`);
    forged.set('HS384 with the right secret', await jwt(good, { alg: 'HS384' }));
    forged.set('HS512 with the right secret', await jwt(good, { alg: 'HS512' }));
    const rsHeader = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(good)}`;
    forged.set(
      'an RS256 header over an HMAC of the secret (key confusion)',
      `${rsHeader}.${createHmac('sha256', TEST_JWT_SECRET).update(rsHeader).digest('base64url')}`,
    );
    forged.set('no exp', await jwt(without(good, 'exp')));
    forged.set('no iat', await jwt(without(good, 'iat')));
    forged.set('expired', await jwt({ ...good, iat: now() - 7200, exp: now() - 3600 }));
    forged.set('iat in the future', await jwt({ ...good, iat: now() + 3600, exp: now() + 7200 }));
    forged.set('nbf in the future', await jwt({ ...good, nbf: now() + 3600 }));
    forged.set(
      'older than a session may live, whatever its exp says',
      await jwt({ ...good, iat: now() - 3 * 24 * 3600, exp: now() + 3600 }),
    );
    forged.set('a wrong issuer', await jwt({ ...good, iss: 'someone-else' }));
    forged.set('no sub', await jwt(without(good, 'sub')));
    forged.set('no org', await jwt(without(good, 'org')));
    forged.set('sub not a UUID', await jwt({ ...good, sub: "1' OR '1'='1" }));
    forged.set('org not a UUID', await jwt({ ...good, org: 'acme' }));
    forged.set('no session epoch', await jwt(without(good, 'epoch')));
    forged.set('a session epoch that is not a number', await jwt({ ...good, epoch: '0' }));
    forged.set('the org of another organization', await jwt({ ...good, org: b.organizationId }));

    // a member removed after signing in: their session and their API token
    const gone = await tokenFor(app, a, 'EDITOR');
    const goneId = (await app.ok(`{ me { user { id } } }`, {}, gone)).me.user.id as string;
    const goneApi = (await app.ok(CREATE_TOKEN, { input: { name: 'gone', scope: 'WRITE' } }, gone))
      .createApiToken.secret as string;
    await app.ok(`mutation($u: ID!) { removeMember(userId: $u) }`, { u: goneId }, a.token);
    forged.set('a valid session of a removed member', gone);
    forged.set('an API token of a removed member', goneApi);

    // sessions issued before signOutEverywhere (the one that called it, and another)
    const c = await app.signUp('Forged C');
    const other = await app.signUp('Forged C2');
    const older = await jwt({ ...claimsOf(c), epoch: 0 });
    expect((await app.ok(QUERY, {}, older)).organization.id).toBe(c.organizationId);
    expect(await app.ok(`mutation { signOutEverywhere }`, {}, c.token)).toEqual({
      signOutEverywhere: true,
    });
    forged.set('a session issued before signOutEverywhere', older);
    forged.set('the session that signed out everywhere', c.token);
    expect((await app.ok(QUERY, {}, other.token)).organization.id).toBe(other.organizationId);

    // API tokens
    const revoked = await write(a);
    await app.ok(
      `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`,
      { id: revoked.apiToken.id },
      a.token,
    );
    forged.set('a revoked API token', revoked.secret);
    const expiring = await write(a, { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    await app.db.dataSource.query(
      `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.apiToken.id],
    );
    forged.set('an expired API token', expiring.secret);
    const secretOf = (token: string) => token.slice(-43);
    const other43 = secretOf(validApiToken).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    forged.set('an API token with a wrong secret', validApiToken.slice(0, -43) + other43);
    const ofB = (await write(b)).secret;
    forged.set(
      "another organization's API token presented as this one's",
      ofB.replace(b.organizationId, a.organizationId),
    );
    forged.set(
      'an API token whose organization is not a UUID',
      ofB.replace(b.organizationId, 'x'.repeat(36)),
    );
    forged.set('an API token without its secret', validApiToken.slice(0, -44));

    // not tokens at all
    forged.set('garbage', 'not-a-token');
    forged.set('three dots of garbage', 'a.b.c');
  }, 60_000);
  afterAll(() => app.close());

  it('covers at least 14 kinds of token', () => {
    expect(forged.size).toBeGreaterThanOrEqual(14);
  });

  it('the genuine session and API token work on all three ways in', async () => {
    for (const token of [validSession, validApiToken]) {
      expect((await app.ok(QUERY, {}, token)).organization.id).toBe(a.organizationId);
      expect(await connect(app.url, `Bearer ${token}`)).toEqual({ acked: true });
      const upload = await fetch(`${app.url}/imports/jira-csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: CSV,
      });
      expect(upload.status).toBe(201);
    }
  });

  const headers = (name: string) => ({
    authorization: name === 'an empty Bearer' ? 'Bearer ' : `Bearer ${forged.get(name)}`,
  });
  const names = () => [...forged.keys(), 'an empty Bearer'];

  it('GraphQL: UNAUTHENTICATED for each, and no data', async () => {
    const admitted: string[] = [];
    for (const name of names()) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers(name) },
        body: JSON.stringify({ query: QUERY }),
      });
      const body = (await res.json()) as Parameters<typeof expectError>[0];
      const code = body.errors?.[0]?.extensions.code;
      if (res.status >= 500 || code !== 'UNAUTHENTICATED' || body.data) {
        admitted.push(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
      }
    }
    expect(admitted).toEqual([]);
  });

  it('POST /imports/jira-csv: 401 UNAUTHENTICATED for each, nothing imported', async () => {
    const admitted: string[] = [];
    for (const name of names()) {
      const res = await fetch(`${app.url}/imports/jira-csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...headers(name) },
        body: CSV,
      });
      const body = (await res.json()) as { code?: string };
      if (res.status !== 401 || body.code !== 'UNAUTHENTICATED') {
        admitted.push(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
      }
    }
    expect(admitted).toEqual([]);
  });

  it('graphql-ws: the connection is closed with 4401 UNAUTHENTICATED for each', async () => {
    const admitted: string[] = [];
    for (const name of names()) {
      const result = await connect(app.url, headers(name).authorization);
      if (result.acked || result.code !== 4401 || !result.reason?.startsWith('UNAUTHENTICATED')) {
        admitted.push(`${name}: ${JSON.stringify(result)}`);
      }
    }
    expect(admitted).toEqual([]);
  });

  it('the refusals say why, for the person holding the token', async () => {
    const message = async (name: string) =>
      expectError(await app.gql(QUERY, {}, forged.get(name)), 'UNAUTHENTICATED').message;
    expect(await message('expired')).toMatch(/invalid or expired/);
    expect(await message('a session issued before signOutEverywhere')).toMatch(/signed out/);
    expect(await message('a valid session of a removed member')).toMatch(/no longer a member/);
    expect(await message('a revoked API token')).toMatch(/revoked/);
    expect(await message('an expired API token')).toMatch(/expired/);
    expect(await message('an API token with a wrong secret')).toMatch(/invalid/);
  });
});
