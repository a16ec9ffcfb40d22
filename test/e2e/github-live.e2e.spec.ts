import { resetCircuits, TRACKER_HTTP } from '@app/integrations';
import { FakeGithub } from '../support/fake-github/index.js';
import { TestApp, type Session } from '../support/test-app.js';
import { connectGithub, deliverGithub, storedTicket } from './github-live-support.js';
import { goalShares, sourceView, waitFor, type LiveSource } from './jira-live-support.js';

const SPRINT = 'sprint:Sprint 12';

/**
 * GitHub Issues webhooks end to end: a real HTTP fake of GitHub signs `issues` events shaped like
 * GitHub's documented payloads; the API stores them (202) and its workers apply them through the
 * same pipeline as Jira's.
 */
describe('GitHub webhooks', () => {
  let app: TestApp;
  let github: FakeGithub;
  let owner: Session;
  let source: LiveSource;
  const settle = () =>
    waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
      30_000,
    );

  beforeAll(async () => {
    app = await TestApp.start();
    github = await FakeGithub.start();
    owner = await app.signUp('GitHub Live');
    source = await connectGithub(app, owner, github);
  });

  afterAll(async () => {
    await github.close();
    await app.close();
  });

  it('ignores the ping sent when the webhook is created (202)', async () => {
    const ping = await deliverGithub(source, github.pingFor(), { event: 'ping' });
    expect(ping.status).toBe(202);
    await settle();
    const rows = await app.db.dataSource.query(
      `SELECT state FROM source_events WHERE source_id = $1 AND event_type = 'ping'`,
      [source.id],
    );
    expect(rows).toEqual([{ state: 'IGNORED' }]);
  });

  it('applies a signed issues.opened: the ticket counts for its milestone’s goal', async () => {
    github.putIssue({
      number: 1,
      title: 'Card form',
      milestone: 'PAY-100',
      labels: ['points:5', SPRINT, 'in progress'],
    });
    github.putIssue({
      number: 2,
      title: 'Signup page',
      milestone: 'PAY-200',
      labels: ['points:3', SPRINT],
    });
    // no sprint label: stored, but outside every sprint, so no report counts it
    github.putIssue({ number: 3, title: 'Someday', milestone: 'PAY-200', labels: ['points:8'] });
    // a pull request's issue: never a ticket
    github.putIssue({ number: 4, title: 'Fix', labels: ['points:1', SPRINT], pullRequest: true });
    for (const n of [1, 2, 3, 4]) {
      const res = await deliverGithub(source, github.webhookFor('opened', n));
      expect(res.status).toBe(202);
    }
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 8,
    );
    expect(shares.goals.G1).toEqual({ effort: 5, share: 5 / 8 });
    expect(shares.goals.G2).toEqual({ effort: 3, share: 3 / 8 });
    expect(shares.ticketCount).toBe(2);
    await settle();
    expect(await storedTicket(app, owner.organizationId, 'acme/payments#1')).toMatchObject({
      status_category: 'IN_PROGRESS',
    });
    const someday = await storedTicket(app, owner.organizationId, 'acme/payments#3');
    expect(Number(someday?.points)).toBe(8);
    expect(await storedTicket(app, owner.organizationId, 'acme/payments#4')).toBeNull();
    const scoped = await app.ok<{ alignment: { totalEffort: number } }>(
      `{ alignment(scope: { teamKeys: ["PLAT"] }) { totalEffort } }`,
      {},
      owner.token,
    );
    expect(scoped.alignment.totalEffort).toBe(8);
    expect(await sourceView(app, owner.token)).toMatchObject({ deadLetters: 0, stale: false });
  });

  it('a redelivery answers 200 and changes nothing; an older update after a newer one changes nothing', async () => {
    github.putIssue({
      number: 5,
      title: 'Refunds',
      milestone: 'PAY-100',
      labels: ['points:2', SPRINT],
    });
    const older = github.webhookFor('opened', 5);
    github.putIssue({ number: 5, labels: ['points:8', SPRINT] });
    const newer = github.webhookFor('labeled', 5);
    expect((await deliverGithub(source, newer, { deliveryId: 'gh-newer' })).status).toBe(202);
    expect((await deliverGithub(source, older, { deliveryId: 'gh-older' })).status).toBe(202);
    expect((await deliverGithub(source, newer, { deliveryId: 'gh-newer' })).status).toBe(200);
    await settle();
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G1.effort).toBe(5 + 8);
    for (const [body, id] of [
      [older, 'gh-older'],
      [newer, 'gh-newer'],
    ] as const) {
      expect((await deliverGithub(source, body, { deliveryId: id })).status).toBe(200);
    }
    expect(await goalShares(app, owner.token)).toEqual(shares);
  });

  it('refuses a bad or missing signature (401) and stores nothing', async () => {
    github.putIssue({
      number: 6,
      title: 'Forged',
      milestone: 'PAY-200',
      labels: ['points:40', SPRINT],
    });
    const before = await goalShares(app, owner.token);
    const body = github.webhookFor('opened', 6);
    expect((await deliverGithub(source, body, { signature: 'bad' })).status).toBe(401);
    expect((await deliverGithub(source, body, { signature: 'missing' })).status).toBe(401);
    expect((await deliverGithub({ ...source, secret: 'not-the-secret' }, body)).status).toBe(401);
    const events = await app.db.dataSource.query(
      `SELECT count(*)::int AS n FROM source_events WHERE subject = 'acme/payments#6'`,
    );
    expect(events[0].n).toBe(0);
    expect(await goalShares(app, owner.token)).toEqual(before);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await deliverGithub(source, Buffer.from('{"action": '));
    expect(res.status).toBe(400);
  });

  it('closed as not planned: CANCELLED, and it leaves the report', async () => {
    github.putIssue({ number: 2, state: 'closed', stateReason: 'not_planned' });
    expect((await deliverGithub(source, github.webhookFor('closed', 2))).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => !s.goals.G2 || s.goals.G2.effort === 0,
    );
    expect(await storedTicket(app, owner.organizationId, 'acme/payments#2')).toMatchObject({
      status_category: 'CANCELLED',
    });
    github.putIssue({ number: 2, state: 'open' });
    expect((await deliverGithub(source, github.webhookFor('reopened', 2))).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2?.effort === 3,
    );
  });

  it('a poisoned points label becomes a dead letter at once while the rest flow', async () => {
    github.putIssue({
      number: 7,
      title: 'Huge',
      milestone: 'PAY-100',
      labels: ['points:1e308', SPRINT],
    });
    github.putIssue({
      number: 8,
      title: 'Fine',
      milestone: 'PAY-200',
      labels: ['points:1', SPRINT],
    });
    expect((await deliverGithub(source, github.webhookFor('opened', 7))).status).toBe(202);
    expect((await deliverGithub(source, github.webhookFor('opened', 8))).status).toBe(202);
    const view = await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0 && v.deadLetters === 1,
    );
    expect(view.problems[0].path).toContain('acme/payments#7');
    expect(view.problems[0].message).toMatch(/acme\/payments#7: labels \(points:\)/);
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G2.effort).toBe(3 + 1);
    expect(shares.goals.G1.effort).toBe(13);
  });

  it('a deleted issue leaves the report; an older update afterwards changes nothing', async () => {
    const update = github.webhookFor('edited', 8);
    github.deleteIssue(8);
    expect((await deliverGithub(source, github.webhookFor('deleted', 8))).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2.effort === 3,
    );
    expect((await deliverGithub(source, update)).status).toBe(202);
    await settle();
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(3);
    const stored = await storedTicket(app, owner.organizationId, 'acme/payments#8');
    expect(stored?.archived_at).not.toBeNull();
  });

  it('takes a burst of 200 events (20 at a time): every one 202, all applied', async () => {
    const before = await goalShares(app, owner.token);
    const bodies = [];
    for (let n = 100; n < 300; n++) {
      github.putIssue({
        number: n,
        title: `Burst ${n}`,
        milestone: 'PAY-200',
        labels: ['points:1', SPRINT],
      });
      bodies.push(github.webhookFor('opened', n));
    }
    for (let i = 0; i < bodies.length; i += 20) {
      const answers = await Promise.all(
        bodies.slice(i, i + 20).map((b) => deliverGithub(source, b)),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    }
    const after = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.ticketCount === before.ticketCount + 200,
      60_000,
    );
    expect(after.goals.G2.effort).toBe(before.goals.G2.effort + 200);
  }, 90_000);
});

interface Run {
  state: string;
  created: number;
  updated: number;
  unchanged: number;
  problems: { path: string; message: string }[];
}

const SYNC = `mutation($id: ID!) { syncTicketSource(id: $id) { state created updated unchanged problems { path message } } }`;

/**
 * Reconciliation through GitHub's REST issues list: it heals what webhooks missed, pages with
 * Link rel="next" and waits out a used-up rate limit until its reset.
 */
describe('GitHub reconciliation', () => {
  let app: TestApp;
  let github: FakeGithub;
  let viaEvents: Session;
  let viaSync: Session;
  let eventsSource: LiveSource;
  let syncSource: LiveSource;
  const saved = { ...TRACKER_HTTP };

  beforeAll(async () => {
    app = await TestApp.start();
    github = await FakeGithub.start();
    viaEvents = await app.signUp('GitHub Events');
    viaSync = await app.signUp('GitHub Sync');
    eventsSource = await connectGithub(app, viaEvents, github);
    syncSource = await connectGithub(app, viaSync, github);
  });

  afterAll(async () => {
    Object.assign(TRACKER_HTTP, saved);
    await github.close();
    await app.close();
  });

  const sync = async (session: Session, src: LiveSource) =>
    (await app.ok<{ syncTicketSource: Run }>(SYNC, { id: src.id }, session.token)).syncTicketSource;

  it('heals missed webhooks over more than two pages: the report equals what the events gave', async () => {
    for (let n = 1; n <= 230; n++) {
      github.putIssue({
        number: n,
        title: `Issue ${n}`,
        milestone: n % 3 === 0 ? 'PAY-200' : 'PAY-100',
        labels: [`points:${(n % 5) + 1}`, SPRINT, ...(n % 4 === 0 ? [] : ['in progress'])],
        ...(n % 7 === 0 ? { state: 'closed' as const } : {}),
      });
    }
    // pull requests are in the list too, and skipped
    github.putIssue({
      number: 900,
      title: 'A PR',
      labels: ['points:9', SPRINT],
      pullRequest: true,
    });
    for (let n = 1; n <= 230; n++) {
      const body = github.webhookFor('opened', n);
      expect((await deliverGithub(eventsSource, body)).status).toBe(202);
      if (n <= 115) expect((await deliverGithub(syncSource, body)).status).toBe(202);
    }
    // edits in GitHub whose webhooks never arrive at the sync organization
    github.putIssue({ number: 7, labels: ['points:13', SPRINT] });
    github.putIssue({ number: 8, milestone: 'PAY-200' });
    github.deleteIssue(9);
    for (const n of [7, 8]) {
      expect((await deliverGithub(eventsSource, github.webhookFor('edited', n))).status).toBe(202);
    }
    expect((await deliverGithub(eventsSource, github.webhookFor('deleted', 9))).status).toBe(202);
    for (const [s, session] of [
      [eventsSource, viaEvents],
      [syncSource, viaSync],
    ] as const) {
      void s;
      await waitFor(
        () => sourceView(app, session.token),
        (v) => v.pendingEvents === 0,
        60_000,
      );
    }
    const expected = await goalShares(app, viaEvents.token);
    expect(expected.ticketCount).toBeGreaterThan(150);

    github.clearRequests();
    github.failNext(1, { status: 403, resetInSeconds: 1 });
    const run = await sync(viaSync, syncSource);
    expect(run.problems).toEqual([]);
    expect(run.state).toBe('SUCCEEDED');
    expect(run.created).toBe(115);
    // 7 and 8 changed without webhooks; 9, deleted in GitHub, is missing from the full read
    expect(run.updated).toBe(3);
    const lists = github.requests.filter((r) => r.path === '/repos/acme/payments/issues');
    // the refused one, then three pages of 100 (230 issues and a pull request)
    expect(lists.map((r) => r.status)).toEqual([403, 200, 200, 200]);
    expect(lists[1].at - lists[0].at).toBeGreaterThanOrEqual(900);
    expect(lists[1].query).toMatchObject({
      state: 'all',
      per_page: '100',
      sort: 'updated',
      direction: 'asc',
    });
    expect(lists[1].query.since).toBeUndefined();
    expect(lists[2].query.page).toBe('2');
    expect(lists.every((r) => r.authorized)).toBe(true);
    expect(await goalShares(app, viaSync.token)).toEqual(expected);
  }, 120_000);

  it('a second sync reads only what changed since (since=) and honours a 429 retry-after', async () => {
    github.putIssue({ number: 1, labels: ['points:21', SPRINT] });
    github.clearRequests();
    github.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const run = await sync(viaSync, syncSource);
    expect(run).toMatchObject({ state: 'SUCCEEDED', updated: 1 });
    const [refused, retried] = github.requests;
    expect(refused.status).toBe(429);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);
    expect(retried.query.since).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('reports a wrong token and a GitHub that is down as failed runs', async () => {
    Object.assign(TRACKER_HTTP, { attempts: 2, circuitFailures: 5 });
    resetCircuits();
    github.setDown(true);
    try {
      const down = await sync(viaSync, syncSource);
      expect(down.state).toBe('FAILED');
      expect(down.problems[0].message).toMatch(/answered 503/);
    } finally {
      github.setDown(false);
      resetCircuits();
      Object.assign(TRACKER_HTTP, saved);
    }
    await app.ok(
      `mutation($input: UpdateTicketSourceInput!) { updateTicketSource(input: $input) { id } }`,
      { input: { id: syncSource.id, credentials: 'ghp_wrong' } },
      viaSync.token,
    );
    const refused = await sync(viaSync, syncSource);
    expect(refused.state).toBe('FAILED');
    expect(refused.problems[0].message).toMatch(/answered 401/);
  });
});
