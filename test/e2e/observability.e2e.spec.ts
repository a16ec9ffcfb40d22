import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createRootLogger } from '@app/config';
import { currentRequestId } from '@app/database';
import { FakeJira } from '../support/fake-jira/index.js';
import { LiveSubscriber } from '../support/live-client.js';
import { TestApp, type Session } from '../support/test-app.js';
import { connectJira, deliver, seedJira, waitFor, type LiveSource } from './jira-live-support.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What an operator relies on, over HTTP against the real server and PostgreSQL: the request id
 * (kept or replaced, answered, in error bodies and in the log lines of services), the Prometheus
 * metrics at /metrics (latency by operation, errors by code, the pool, the event queue, the
 * webhook lag) and the token that guards them.
 */
describe('observability', () => {
  let app: TestApp;
  let jira: FakeJira;
  let owner: Session;
  let source: LiveSource;
  /** the JSON lines the app logged */
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logger = await createRootLogger({
      level: 'info',
      pretty: false,
      requestId: currentRequestId,
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n')) {
            if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
          }
          done();
        },
      }),
    });
    app = await TestApp.start({ env: { METRICS_TOKEN }, logger });
    jira = await FakeJira.start();
    owner = await app.signUp('Observed');
    seedJira(jira);
    source = await connectJira(app, owner, jira);
  });

  afterAll(async () => {
    await jira.close();
    await app.close();
  });

  const gql = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  async function scrape(): Promise<string> {
    const res = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  }

  /** The value of one series (`name{labels}`), labels in the order prom-client writes them. */
  function sample(text: string, series: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  it('keeps a safe X-Request-Id, replaces anything else, and answers it', async () => {
    const kept = await fetch(`${app.url}/health/live`, {
      headers: { 'x-request-id': 'lb-7f3a.9_Z' },
    });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.9_Z');

    for (const unsafe of ['x'.repeat(65), 'two words', 'a"b', 'é']) {
      const res = await fetch(`${app.url}/health/live`, {
        headers: { 'x-request-id': unsafe },
      }).catch(() => null);
      if (res === null) continue; // a value fetch itself refuses to send
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    }
    const none = await fetch(`${app.url}/health/live`);
    expect(none.headers.get('x-request-id')).toMatch(UUID);
  });

  it('puts the request id in every GraphQL error and every REST error body', async () => {
    // GraphQL: a validation error, and a refusal of the access rule
    const invalid = await gql('{ noSuchField }', { 'x-request-id': 'gql-invalid-1' });
    const invalidBody = (await invalid.json()) as { errors: { extensions: object }[] };
    expect(invalidBody.errors[0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      requestId: 'gql-invalid-1',
    });
    const refused = await gql('{ alignment { totalEffort } }', { 'x-request-id': 'gql-anon-1' });
    const refusedBody = (await refused.json()) as { errors: { extensions: object }[] };
    expect(refusedBody.errors[0].extensions).toEqual({
      code: 'UNAUTHENTICATED',
      requestId: 'gql-anon-1',
    });
    // a body the parser refuses before GraphQL runs
    const tooLarge = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'gql-413' },
      body: JSON.stringify({ query: `{ a }`, pad: 'x'.repeat(11 * 1024 * 1024) }),
    });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { errors: { extensions: object }[] }).errors[0]).toEqual(
      expect.objectContaining({
        extensions: { code: 'PAYLOAD_TOO_LARGE', requestId: 'gql-413' },
      }),
    );

    // REST: a webhook for no source, an export without a token
    const webhook = await fetch(`${app.url}/webhooks/jira/${randomUUID()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'hook-404' },
      body: '{}',
    });
    expect(webhook.status).toBe(404);
    expect(await webhook.json()).toEqual({ message: 'no such webhook', requestId: 'hook-404' });
    const exported = await fetch(`${app.url}/exports/overview.csv`, {
      headers: { 'x-request-id': 'export-401' },
    });
    expect(exported.status).toBe(401);
    expect(await exported.json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      requestId: 'export-401',
    });
  });

  it('writes the request id into the log lines of that request, the services’ lines too', async () => {
    const id = `log-${randomUUID().slice(0, 8)}`;
    const res = await fetch(`${app.url}/webhooks/jira/${randomUUID()}?handshake=s3cret`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': id,
        authorization: 'Bearer not-logged',
      },
      body: '{}',
    });
    expect(res.status).toBe(404);
    const mine = await waitFor(
      async () => lines.filter((l) => l.requestId === id),
      (found) => found.length >= 2,
    );
    // the webhook inbox's own line (a Nest Logger in a library) and the access line
    expect(mine).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'WebhookInbox',
        msg: expect.stringMatching(/^webhook jira\/[0-9a-f-]+ refused \(404\): no such webhook$/),
      }),
    );
    expect(mine).toContainEqual(
      expect.objectContaining({
        msg: 'request completed',
        method: 'POST',
        status: 404,
        path: expect.stringMatching(/^\/webhooks\/jira\/[0-9a-f-]+$/),
      }),
    );
    // a GraphQL request's line names the whole path, not the path inside Apollo's router
    const gqlId = `log-gql-${randomUUID().slice(0, 8)}`;
    await fetch(`${app.url}/graphql?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': gqlId },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const gqlLines = await waitFor(
      async () => lines.filter((l) => l.requestId === gqlId),
      (found) => found.length >= 1,
    );
    expect(gqlLines).toContainEqual(
      expect.objectContaining({ msg: 'request completed', method: 'POST', path: '/graphql' }),
    );
    // neither the query string (a handshake carries a secret there) nor the headers are logged
    const text = JSON.stringify(lines);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('not-logged');
    // lines outside any request carry no id
    expect(lines.some((l) => l.context === 'RoutesResolver' && !('requestId' in l))).toBe(true);
  });

  it('guards /metrics with METRICS_TOKEN', async () => {
    const none = await fetch(`${app.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    const wrong = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);
    // a member's session is not the metrics token
    const session = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(session.status).toBe(401);
    expect(await scrape()).toContain('# TYPE throughline_operation_duration_seconds histogram');
  });

  it('counts operations by root field and route pattern, and errors by code', async () => {
    const series = {
      alignment:
        'throughline_operation_duration_seconds_count{protocol="graphql",type="query",operation="alignment"}',
      unauthenticated:
        'throughline_operation_errors_total{protocol="graphql",type="query",operation="alignment",code="UNAUTHENTICATED"}',
      invalid:
        'throughline_operation_errors_total{protocol="graphql",type="unknown",operation="unknown",code="GRAPHQL_VALIDATION_FAILED"}',
      webhook:
        'throughline_operation_duration_seconds_count{protocol="http",type="POST",operation="/webhooks/:kind/:id"}',
      webhook404:
        'throughline_operation_errors_total{protocol="http",type="POST",operation="/webhooks/:kind/:id",code="404"}',
    };
    const before = await scrape();
    for (let i = 0; i < 3; i++) {
      expect((await gql('{ alignment { totalEffort } }', auth(owner))).status).toBe(200);
    }
    await gql('{ alignment { totalEffort } }');
    await gql('{ madeUpField }');
    await gql('mutation { madeUpMutation }');
    await fetch(`${app.url}/webhooks/jira/${randomUUID()}`, { method: 'POST', body: '{}' });
    const after = await scrape();

    const delta = (s: string) => (sample(after, s) ?? 0) - (sample(before, s) ?? 0);
    // the three signed-in queries and the refused one
    expect(delta(series.alignment)).toBe(4);
    expect(delta(series.unauthenticated)).toBe(1);
    expect(delta(series.invalid)).toBe(2);
    expect(delta(series.webhook)).toBe(1);
    expect(delta(series.webhook404)).toBe(1);
    // names that are not the schema's never become series
    expect(after).not.toContain('madeUp');
    // the raw path (its id) never becomes a label
    expect(after).not.toMatch(/operation="\/webhooks\/jira\//);
  });

  it('counts live connections, running subscriptions and operations over graphql-ws', async () => {
    const series = {
      connections: 'throughline_live_connections',
      subscriptions: 'throughline_live_subscriptions{operation="planChanged"}',
      subscribe:
        'throughline_operation_duration_seconds_count{protocol="graphql-ws",type="subscription",operation="planChanged"}',
      query:
        'throughline_operation_duration_seconds_count{protocol="graphql-ws",type="query",operation="alignment"}',
      notFound:
        'throughline_operation_errors_total{protocol="graphql-ws",type="query",operation="objective",code="NOT_FOUND"}',
      invalid:
        'throughline_operation_errors_total{protocol="graphql-ws",type="unknown",operation="unknown",code="GRAPHQL_VALIDATION_FAILED"}',
    };
    const before = await scrape();
    const delta = (text: string, s: string) => (sample(text, s) ?? 0) - (sample(before, s) ?? 0);
    const client = LiveSubscriber.connect(app.url, owner.token);
    try {
      const plan = await LiveSubscriber.start(
        client,
        'subscription { planChanged(cycleKey: "Q1") { cycleKey } }',
      );
      const query = await LiveSubscriber.start(client, '{ alignment { totalEffort } }');
      expect(await query.waitFor(1)).toHaveLength(1);
      const missing = await LiveSubscriber.start(client, '{ objective(key: "NOPE") { key } }');
      await missing.waitFor(1);
      // coded as over HTTP (graphql-ws alone would send graphql-js's error as it is)
      expect(missing.errors).toEqual([
        [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })],
      ]);

      const invalid = await LiveSubscriber.start(client, '{ madeUpField }');
      await invalid.waitFor(1);
      expect(invalid.errors).toEqual([
        [
          expect.objectContaining({
            extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
          }),
        ],
      ]);

      const during = await scrape();
      expect(delta(during, series.connections)).toBe(1);
      expect(delta(during, series.subscriptions)).toBe(1);
      expect(delta(during, series.subscribe)).toBe(1);
      expect(delta(during, series.query)).toBe(1);
      expect(delta(during, series.notFound)).toBe(1);
      expect(delta(during, series.invalid)).toBe(1);

      // the client completes the subscription: it stops counting as running
      plan.stop();
      const stopped = await waitFor(scrape, (text) => delta(text, series.subscriptions) === 0);
      expect(delta(stopped, series.connections)).toBe(1);
    } finally {
      await client.dispose();
    }
    // the connection closed: it no longer counts
    await waitFor(scrape, (text) => delta(text, series.connections) === 0);
  });

  it('reports the database pool and Node’s own metrics', async () => {
    const text = await scrape();
    expect(sample(text, 'throughline_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'throughline_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'throughline_db_pool_connections{state="waiting"}')).toBe(0);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    // no read replica here: the replica lag is declared but has no value
    expect(text).toContain('# TYPE throughline_db_replica_lag_seconds gauge');
    expect(text).not.toMatch(/^throughline_db_replica_lag_seconds\{/m);
  });

  it('observes the webhook lag of an applied event and reads the queue depth at scrape time', async () => {
    const lagCount = 'throughline_webhook_lag_seconds_count{tracker="jira_cloud"}';
    const queued = 'throughline_source_events_queued';
    const before = await scrape();

    jira.putIssue({ key: 'PAY-1', summary: 'Card form', parentKey: 'PAY-100', storyPoints: 5 });
    expect((await deliver(source, jira.webhookFor('jira:issue_created', 'PAY-1'))).status).toBe(
      202,
    );
    const after = await waitFor(
      scrape,
      (text) =>
        sample(text, lagCount) !== undefined &&
        sample(text, lagCount)! > (sample(before, lagCount) ?? 0),
    );
    expect(sample(after, lagCount)! - (sample(before, lagCount) ?? 0)).toBe(1);
    // stored, then applied: a positive time, measured by the database's clock
    expect(
      sample(after, 'throughline_webhook_lag_seconds_sum{tracker="jira_cloud"}'),
    ).toBeGreaterThan(0);
    // applied: nothing left in the queue
    expect(sample(await scrape(), queued)).toBe(0);

    // an event whose job waits (as while its tracker is unreachable) is counted
    await app.db.dataSource.query(
      `INSERT INTO pgboss.job (name, data, start_after) VALUES ('source-events', $1, now() + interval '1 hour')`,
      [JSON.stringify({ organizationId: owner.organizationId, eventId: randomUUID() })],
    );
    expect(sample(await scrape(), queued)).toBe(1);
    await app.db.dataSource.query(
      `DELETE FROM pgboss.job WHERE name = 'source-events' AND state = 'created'`,
    );
    expect(sample(await scrape(), queued)).toBe(0);
  });
});

function auth(session: Session): Record<string, string> {
  return { authorization: `Bearer ${session.token}` };
}
