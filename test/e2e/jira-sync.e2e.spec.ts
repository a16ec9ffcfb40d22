import { FakeJira } from '../support/fake-jira/index.js';
import { TestApp, type Session } from '../support/test-app.js';
import { KEEP_EVENTS_DAYS, resetCircuits, SyncWorker, TRACKER_HTTP } from '@app/integrations';
import {
  connectJira,
  deliver,
  goalShares,
  seedJira,
  sourceView,
  waitFor,
  type LiveSource,
} from './jira-live-support.js';

interface Run {
  state: string;
  created: number;
  updated: number;
  unchanged: number;
  problems: { path: string; message: string }[];
}

const SYNC = `mutation($id: ID!) { syncTicketSource(id: $id) { state created updated unchanged problems { path message } } }`;

/**
 * Reconciliation through Jira's REST API (the fake serves /rest/api/3/search/jql and the Agile
 * board sprints): it heals what webhooks missed, pages with nextPageToken, honours 429
 * Retry-After and reports a tracker that is down.
 */
describe('Jira Cloud reconciliation', () => {
  let app: TestApp;
  let jira: FakeJira;
  let viaEvents: Session;
  let viaSync: Session;
  let eventsSource: LiveSource;
  let syncSource: LiveSource;
  const saved = { ...TRACKER_HTTP };

  beforeAll(async () => {
    app = await TestApp.start();
    jira = await FakeJira.start();
    seedJira(jira);
    viaEvents = await app.signUp('Events');
    viaSync = await app.signUp('Sync');
    eventsSource = await connectJira(app, viaEvents, jira);
    syncSource = await connectJira(app, viaSync, jira);
  });

  afterAll(async () => {
    Object.assign(TRACKER_HTTP, saved);
    await jira.close();
    await app.close();
  });

  const sync = async (session: Session, source: LiveSource) =>
    (await app.ok<{ syncTicketSource: Run }>(SYNC, { id: source.id }, session.token))
      .syncTicketSource;

  it('heals missed webhooks: after a sync the report equals what the events gave', async () => {
    // 230 issues: more than two pages of 100
    for (let i = 1; i <= 230; i++) {
      jira.putIssue({
        key: `APP-${i}`,
        summary: `Issue ${i}`,
        parentKey: i % 3 === 0 ? 'PAY-200' : 'PAY-100',
        storyPoints: (i % 5) + 1,
        sprintIds: [12],
        status: i % 4 === 0 ? 'Done' : 'In Progress',
      });
    }
    // the first half reaches both organizations as webhooks, the rest only the events one
    for (let i = 1; i <= 230; i++) {
      const body = jira.webhookFor('jira:issue_created', `APP-${i}`);
      expect((await deliver(eventsSource, body)).status).toBe(202);
      if (i <= 115) expect((await deliver(syncSource, body)).status).toBe(202);
    }
    // edits in Jira whose webhooks never arrive anywhere
    jira.putIssue({ key: 'APP-7', storyPoints: 13 });
    jira.putIssue({ key: 'APP-8', parentKey: 'PAY-200' });
    jira.deleteIssue('APP-9');
    for (const key of ['APP-7', 'APP-8']) {
      expect((await deliver(eventsSource, jira.webhookFor('jira:issue_updated', key))).status).toBe(
        202,
      );
    }
    expect(
      (await deliver(eventsSource, jira.webhookFor('jira:issue_deleted', 'APP-9'))).status,
    ).toBe(202);
    await waitFor(
      () => sourceView(app, viaEvents.token),
      (v) => v.pendingEvents === 0,
      60_000,
    );
    await waitFor(
      () => sourceView(app, viaSync.token),
      (v) => v.pendingEvents === 0,
      60_000,
    );
    const expected = await goalShares(app, viaEvents.token);
    expect(expected.ticketCount).toBe(229);

    jira.clearRequests();
    const run = await sync(viaSync, syncSource);
    expect(run.state).toBe('SUCCEEDED');
    expect(run.created).toBe(115);
    // APP-7 and APP-8 changed without webhooks; APP-9, deleted in Jira, is missing from the full
    // read: archived
    expect(run.updated).toBe(3);
    expect(run.problems).toEqual([]);
    const searches = jira.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    expect(searches.length).toBe(3);
    expect(searches[1].query.nextPageToken).toBeTruthy();
    expect(await goalShares(app, viaSync.token)).toEqual(expected);
  }, 120_000);

  it('a second sync reads only what changed since and changes nothing', async () => {
    const before = await goalShares(app, viaSync.token);
    jira.clearRequests();
    const run = await sync(viaSync, syncSource);
    expect(run).toMatchObject({ state: 'SUCCEEDED', created: 0, updated: 0 });
    expect(String(jira.requests[0].query.jql)).toMatch(/updated >= -\d+m/);
    expect(await goalShares(app, viaSync.token)).toEqual(before);
  });

  it('honours 429 Retry-After', async () => {
    jira.putIssue({ key: 'APP-1', storyPoints: 8 });
    jira.clearRequests();
    jira.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const run = await sync(viaSync, syncSource);
    expect(run).toMatchObject({ state: 'SUCCEEDED', updated: 1 });
    const [refused, retried] = jira.requests;
    expect(refused.status).toBe(429);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);
  });

  it('reports a tracker that is down as a failed run, and stops calling it for a while', async () => {
    Object.assign(TRACKER_HTTP, { attempts: 2, circuitFailures: 2, circuitOpenMs: 60_000 });
    resetCircuits();
    jira.setDown(true);
    try {
      const first = await sync(viaSync, syncSource);
      expect(first.state).toBe('FAILED');
      expect(first.problems[0].message).toMatch(/answered 503/);
      await sync(viaSync, syncSource);
      jira.clearRequests();
      const third = await sync(viaSync, syncSource);
      expect(third.state).toBe('FAILED');
      expect(third.problems[0].message).toMatch(/not called again before/);
      expect(jira.requests).toEqual([]);
      const view = await sourceView(app, viaSync.token);
      expect(view.problems.some((p) => /not called again/.test(p.message))).toBe(true);
    } finally {
      jira.setDown(false);
      resetCircuits();
      Object.assign(TRACKER_HTTP, saved);
    }
  });

  it('keeps one scheduled reconciliation waiting per source, 15 minutes out', async () => {
    const jobs: { start_after: Date }[] = await app.db.dataSource.query(
      `SELECT start_after FROM pgboss.job WHERE name = 'source-sync' AND singleton_key = $1 AND state = 'created'`,
      [syncSource.id],
    );
    expect(jobs).toHaveLength(1);
    const minutes = (jobs[0].start_after.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(13);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('a scheduled run reconciles, schedules the next and prunes the inbox', async () => {
    await app.db.dataSource.query(
      `UPDATE source_events SET received_at = now() - make_interval(days => $2) WHERE id IN
         (SELECT id FROM source_events WHERE source_id = $1 AND state = 'APPLIED' LIMIT 10)`,
      [syncSource.id, KEEP_EVENTS_DAYS + 1],
    );
    const count = async () =>
      (
        await app.db.dataSource.query(
          `SELECT count(*)::int AS n FROM source_events WHERE source_id = $1`,
          [syncSource.id],
        )
      )[0].n;
    const before = await count();
    jira.putIssue({ key: 'APP-2', storyPoints: 21 });
    await app.app
      .get(SyncWorker)
      .handle({ organizationId: viaSync.organizationId, sourceId: syncSource.id });
    const runs = await app.ok<{ ticketSources: { lastSync: Run & { trigger: string } }[] }>(
      `{ ticketSources { lastSync { trigger state created updated unchanged problems { path message } } } }`,
      {},
      viaSync.token,
    );
    expect(runs.ticketSources[0].lastSync).toMatchObject({
      trigger: 'SCHEDULE',
      state: 'SUCCEEDED',
      updated: 1,
    });
    expect(await count()).toBe(before - 10);
    const waiting = await app.db.dataSource.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'source-sync' AND singleton_key = $1 AND state = 'created'`,
      [syncSource.id],
    );
    expect(waiting[0].n).toBe(1);
  });

  it('refuses a sync while the source has no site URL or is disabled', async () => {
    const before = await goalShares(app, viaSync.token);
    expect(before.ticketCount).toBeGreaterThan(200);
    await app.ok(
      `mutation($input: UpdateTicketSourceInput!) { updateTicketSource(input: $input) { enabled } }`,
      { input: { id: syncSource.id, enabled: false } },
      viaSync.token,
    );
    const res = await app.gql(SYNC, { id: syncSource.id }, viaSync.token);
    expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await deliver(syncSource, jira.webhookFor('jira:issue_updated', 'APP-1'))).status).toBe(
      410,
    );
    // deleted too: its webhooks stay refused, its tickets stay
    await app.ok(
      `mutation($id: ID!) { deleteTicketSource(id: $id) { id } }`,
      { id: syncSource.id },
      viaSync.token,
    );
    expect((await deliver(syncSource, jira.webhookFor('jira:issue_updated', 'APP-1'))).status).toBe(
      410,
    );
    expect(await goalShares(app, viaSync.token)).toEqual(before);
    const listed = await app.ok<{ ticketSources: unknown[] }>(
      `{ ticketSources { id } }`,
      {},
      viaSync.token,
    );
    expect(listed.ticketSources).toEqual([]);
  });
});
