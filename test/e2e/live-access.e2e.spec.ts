import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { LiveConnections } from '../../apps/api/src/live-connections.js';
import { TestApp, type Session } from '../support/test-app.js';
import { tokenFor } from './strategy-fixtures.js';

/**
 * An open graphql-ws connection acts as the member it authenticated as only while that member
 * still may: signing out everywhere, a role change and a revoked API token close it with 4401 and
 * the reason (live-connections.ts), while the connections of others stay open.
 */
const PLAN = `version: 1
goals: [{ key: G1, title: G1, horizon: CORE }]
cycles: [{ key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }]
`;
const SUBSCRIPTION = `subscription { planChanged(cycleKey: "Q2") { cycleKey } }`;

interface Open {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
}

describe('live connections end with the access they were opened with', () => {
  let app: TestApp;
  let owner: Session;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp('Live access');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { created } }`,
      { y: PLAN },
      owner.token,
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.close();
  });

  /** A subscription on a connection with `token`, once the server has acknowledged it. */
  async function open(token: string): Promise<Open> {
    const client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      // the closes below are what the test waits for, not errors to print
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.on('closed', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ code, reason });
      }),
    );
    await new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('error', reject);
    });
    client.subscribe(
      { query: SUBSCRIPTION },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    return { client, closed };
  }

  /** Whether the connection is still open: a query over it is answered. */
  async function answers({ client }: Open): Promise<boolean> {
    return new Promise((resolve) => {
      client.subscribe(
        { query: '{ me { role } }' },
        { next: () => resolve(true), error: () => resolve(false), complete: () => {} },
      );
    });
  }

  it('sign out everywhere closes the connections of that session, not the others', async () => {
    const viewer = await tokenFor(app, owner, 'VIEWER');
    const viewerLive = await open(viewer);
    const ownerLive = await open(owner.token);
    await app.ok(`mutation { signOutEverywhere }`, {}, viewer);
    expect(await viewerLive.closed).toEqual({
      code: 4401,
      reason: 'UNAUTHENTICATED: this session was signed out: sign in again',
    });
    expect(await answers(ownerLive)).toBe(true);
  });

  it('a role change closes the member’s connections, which reconnect as the new role', async () => {
    const member = await tokenFor(app, owner, 'MEMBER');
    const memberId = (await app.ok('{ me { user { id } } }', {}, member)).me.user.id;
    const live = await open(member);
    await app.ok(
      `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
      { input: { userId: memberId, role: 'VIEWER' } },
      owner.token,
    );
    expect(await live.closed).toEqual({
      code: 4401,
      reason: 'UNAUTHENTICATED: your role is now VIEWER: connect again',
    });
    expect(await answers(await open(member))).toBe(true);
  });

  it('the regular round closes a connection whose session ended where no event announced it', async () => {
    const member = await tokenFor(app, owner, 'MEMBER');
    const memberId = (await app.ok('{ me { user { id } } }', {}, member)).me.user.id;
    const live = await open(member);
    // signed out by hand in SQL: nothing tells the server
    await app.db.dataSource.query(
      `UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1`,
      [memberId],
    );
    expect(await answers(live)).toBe(true);
    await app.app.get(LiveConnections).recheckAll();
    expect(await live.closed).toEqual({
      code: 4401,
      reason: 'UNAUTHENTICATED: this session was signed out: sign in again',
    });
  });

  it('revoking an API token closes the connections made with it', async () => {
    const created = await app.ok(
      `mutation { createApiToken(input: { name: "live", scope: READ }) { secret apiToken { id } } }`,
      {},
      owner.token,
    );
    const live = await open(created.createApiToken.secret);
    await app.ok(
      `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`,
      { id: created.createApiToken.apiToken.id },
      owner.token,
    );
    const closed = await live.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED: .*revoked/);
  });
});
