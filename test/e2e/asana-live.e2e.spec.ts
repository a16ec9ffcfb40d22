import {
  ASANA_DELIVERY,
  EVENT_RETRY,
  readCaps,
  resetCircuits,
  TRACKER_HTTP,
} from '@app/integrations';
import { AsanaWebhookSender, FakeAsana, type AsanaEvent } from '../support/fake-asana/index.js';
import { TestApp, type Session } from '../support/test-app.js';
import {
  connectAsana,
  eventStates,
  handshakeTarget,
  PROJECT,
  storedAsanaTicket,
  type AsanaSource,
} from './asana-live-support.js';
import { goalShares, sourceView, waitFor } from './jira-live-support.js';

const EPIC1 = 'epic:PAY-100';
const EPIC2 = 'epic:PAY-200';
const gid = (n: number) => String(1_209_000_000_000_000 + n);

/**
 * Asana webhooks end to end: a real HTTP fake of Asana's API, and Asana's side of the webhook
 * (the X-Hook-Secret handshake, then compact events signed in X-Hook-Signature). The API stores
 * each delivery (202); its workers read every task the events name through the fake
 * (GET /tasks/{gid}) and apply it through the same pipeline as every tracker.
 */
describe('Asana webhooks', () => {
  let app: TestApp;
  let asana: FakeAsana;
  let owner: Session;
  let source: AsanaSource;
  const settle = () =>
    waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
      30_000,
    );
  const put = (n: number, points: number | null, tags: string[], section = 'To do') =>
    asana.putTask({
      gid: gid(n),
      name: `Task ${n}`,
      memberships: [{ project: PROJECT, section }],
      points,
      tags,
    });
  const send = (events: AsanaEvent[] | Buffer, options = {}) => source.hook.send(events, options);

  beforeAll(async () => {
    app = await TestApp.start();
    asana = await FakeAsana.start();
    asana.putProject(PROJECT, 'Sprint 12');
    asana.putProject('1201000000000099', 'Elsewhere');
    owner = await app.signUp('Asana Live');
    source = await connectAsana(app, owner, asana);
  });

  afterAll(async () => {
    await asana.close();
    await app.close();
  });

  it('takes a handshake only at the URL with its token, and one of two at once', async () => {
    // someone who knows the webhook URL (members can read it), but not the token shown once
    const stranger = new AsanaWebhookSender(source.webhookUrl);
    expect((await stranger.handshake()).status).toBe(401);
    const wrong = new AsanaWebhookSender(`${source.webhookUrl}?handshake=not-the-token`);
    expect((await wrong.handshake()).status).toBe(401);
    const [row] = await app.db.dataSource.query(
      `SELECT webhook_handshake_at FROM ticket_sources WHERE id = $1`,
      [source.id],
    );
    expect(row.webhook_handshake_at).toBeNull();
    // a second organization's source: two handshakes at once, exactly one is taken
    const other = await app.signUp('Asana Race');
    const raced = await connectAsana(app, other, asana);
    const racers = Array.from({ length: 4 }, () => new AsanaWebhookSender(raced.hook.target));
    const answers = await Promise.all(racers.map((r) => r.handshake()));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401]);
    const winner = racers.find((r) => r.secret !== null)!;
    expect((await winner.send([])).status).toBe(202);
    for (const loser of racers.filter((r) => r !== winner)) {
      expect((await loser.send([], { secret: loser.secret ?? 'x'.repeat(32) })).status).toBe(401);
    }
  });

  it('takes the X-Hook-Secret handshake once, refuses a second, and takes one again after a rotation', async () => {
    const first = await source.hook.handshake();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-hook-secret')).toBe(source.hook.secret);
    const [row] = await app.db.dataSource.query(
      `SELECT webhook_handshake_at FROM ticket_sources WHERE id = $1`,
      [source.id],
    );
    expect(row.webhook_handshake_at).not.toBeNull();
    const taken = source.hook.secret!;
    // someone else (or a second Asana webhook) trying to hand over its own secret
    const second = await source.hook.handshake('0123456789abcdef0123456789abcdef');
    expect(second.status).toBe(401);
    expect(second.headers.get('x-hook-secret')).toBeNull();
    expect(source.hook.secret).toBe(taken);
    expect((await send([], { secret: '0123456789abcdef0123456789abcdef' })).status).toBe(401);
    // the heartbeat Asana sends: signed with the handshake's secret, stored and ignored
    expect((await send([])).status).toBe(202);
    await settle();
    expect(await eventStates(app, source.id)).toEqual({ IGNORED: 1 });

    const rotated = await app.ok(
      `mutation($id: ID!) { rotateTicketSourceSecret(id: $id) { webhookSecret } }`,
      { id: source.id },
      owner.token,
    );
    // registered again at the URL with the new token
    source.hook.target = handshakeTarget(
      source.webhookUrl,
      rotated.rotateTicketSourceSecret.webhookSecret,
    );
    // the old handshake's secret stops at once; a new handshake is taken
    expect((await send([{ ...asana.eventFor(gid(0), 'deleted') }])).status).toBe(401);
    const again = await source.hook.handshake();
    expect(again.status).toBe(200);
    expect(source.hook.secret).not.toBe(taken);
    expect((await send([], { secret: taken })).status).toBe(401);
    expect((await source.hook.handshake()).status).toBe(401);
  });

  it('applies signed events: each task read through the API counts for its epic tag’s goal', async () => {
    put(1, 5, [EPIC1, 'frontend'], 'In progress');
    put(2, 3, [EPIC2]);
    // a task of a project the source does not cover: ignored
    asana.putTask({
      gid: gid(3),
      name: 'Elsewhere',
      memberships: [{ project: '1201000000000099', section: 'To do' }],
      points: 8,
      tags: [EPIC2],
    });
    asana.clearRequests();
    const res = await send([
      asana.eventFor(gid(1), 'added'),
      asana.eventFor(gid(1), 'changed'),
      asana.eventFor(gid(2), 'added'),
      asana.eventFor(gid(3), 'added'),
    ]);
    expect(res.status).toBe(202);
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 8,
    );
    expect(shares.goals.G1).toEqual({ effort: 5, share: 5 / 8 });
    expect(shares.goals.G2).toEqual({ effort: 3, share: 3 / 8 });
    await settle();
    expect(await storedAsanaTicket(app, owner.organizationId, gid(1))).toMatchObject({
      status_category: 'IN_PROGRESS',
    });
    expect(await storedAsanaTicket(app, owner.organizationId, gid(3))).toBeNull();
    // one read per task, however many events named it, with the fields asked for
    const reads = asana.requests.filter((r) => r.path.startsWith('/tasks/'));
    expect(reads.map((r) => r.path)).toEqual([
      `/tasks/${gid(1)}`,
      `/tasks/${gid(2)}`,
      `/tasks/${gid(3)}`,
    ]);
    expect(reads[0].query.opt_fields).toContain('custom_fields.number_value');
    expect(reads.every((r) => r.authorized)).toBe(true);
    expect(await sourceView(app, owner.token)).toMatchObject({ deadLetters: 0 });
  });

  it('refuses a bad or missing signature (401) and stores nothing', async () => {
    put(4, 40, [EPIC2]);
    const before = await goalShares(app, owner.token);
    const events = [asana.eventFor(gid(4), 'added')];
    expect((await send(events, { signature: 'bad' })).status).toBe(401);
    expect((await send(events, { signature: 'missing' })).status).toBe(401);
    expect((await send(events, { secret: 'not-the-secret' })).status).toBe(401);
    expect(await eventStates(app, source.id, `task ${gid(4)}`)).toEqual({});
    expect(await goalShares(app, owner.token)).toEqual(before);
  });

  it('a replayed delivery answers 200 and changes nothing; a stale read (older modified_at) changes nothing', async () => {
    put(5, 2, [EPIC1]);
    const older = asana.snapshot(gid(5));
    const first = [asana.eventFor(gid(5), 'added')];
    expect((await send(first)).status).toBe(202);
    await settle();
    put(5, 8, [EPIC1]);
    const newer = [asana.eventFor(gid(5), 'changed')];
    expect((await send(newer)).status).toBe(202);
    await settle();
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G1.effort).toBe(5 + 8);
    expect((await send(newer)).status).toBe(200);
    expect((await send(first)).status).toBe(200);
    // a later event whose read lags behind (Asana serves the older state once): stale
    asana.serveStaleOnce(older);
    const lagging = [{ ...asana.eventFor(gid(5), 'changed', { field: 'notes' }) }];
    expect((await send(lagging)).status).toBe(202);
    await settle();
    expect(await goalShares(app, owner.token)).toEqual(shares);
    expect(Number((await storedAsanaTicket(app, owner.organizationId, gid(5)))?.points)).toBe(8);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    expect((await send(Buffer.from('{"events": ['))).status).toBe(400);
  });

  it('stores and ignores events on other resources (202)', async () => {
    const story: AsanaEvent = {
      user: { gid: '1', resource_type: 'user' },
      created_at: new Date().toISOString(),
      action: 'added',
      resource: {
        gid: '1209000000099999',
        resource_type: 'story',
        resource_subtype: 'comment_added',
      },
      parent: { gid: gid(1), resource_type: 'task' },
    };
    const section: AsanaEvent = {
      ...story,
      action: 'changed',
      resource: { gid: '1201000000000777', resource_type: 'section' },
      parent: { gid: PROJECT, resource_type: 'project' },
      change: { field: 'name', action: 'changed' },
    };
    expect((await send([story, section])).status).toBe(202);
    await settle();
    expect(await eventStates(app, source.id, 'story 1209000000099999')).toEqual({ IGNORED: 1 });
  });

  it('waits out a 429 Retry-After while reading a task: the event still applies', async () => {
    put(6, 1, [EPIC2]);
    asana.clearRequests();
    asana.failNext(1, { status: 429, retryAfterSeconds: 1 });
    expect((await send([asana.eventFor(gid(6), 'added')])).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2.effort === 3 + 1,
    );
    const [refused, retried] = asana.requests;
    expect(refused.status).toBe(429);
    expect(retried).toMatchObject({ status: 200, path: `/tasks/${gid(6)}` });
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(950);
  });

  it('points out of bounds make the event a dead letter at once, named in the source’s problems', async () => {
    put(7, 20_000, [EPIC1]);
    put(8, 2, [EPIC2]);
    expect((await send([asana.eventFor(gid(7), 'added')])).status).toBe(202);
    expect((await send([asana.eventFor(gid(8), 'added')])).status).toBe(202);
    const view = await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0 && v.deadLetters === 1,
    );
    expect(view.problems[0].message).toMatch(
      new RegExp(`ASANA-${gid(7)}: custom_fields\\.Story Points must be .*10,000`),
    );
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(4 + 2);
  });

  it('a deleted task leaves the live scope; a task that answers 404 too', async () => {
    asana.deleteTask(gid(8));
    expect((await send([asana.eventFor(gid(8), 'deleted')])).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2.effort === 4,
    );
    expect(
      (await storedAsanaTicket(app, owner.organizationId, gid(8)))?.archived_at,
    ).not.toBeNull();
    // deleted while its "changed" event waited: the read answers 404
    const changed = asana.eventFor(gid(6), 'changed');
    asana.deleteTask(gid(6));
    expect((await send([changed])).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2.effort === 3,
    );
    expect(
      (await storedAsanaTicket(app, owner.organizationId, gid(6)))?.archived_at,
    ).not.toBeNull();
  });

  it('a task removed from the covered project leaves the live scope', async () => {
    put(10, 7, [EPIC1]);
    expect((await send([asana.eventFor(gid(10), 'added')])).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G1.effort === 5 + 8 + 7,
    );
    asana.putTask({ gid: gid(10), memberships: [] });
    const removed = asana.eventFor(gid(10), 'removed', { project: PROJECT });
    expect(removed.parent).toMatchObject({ gid: PROJECT, resource_type: 'project' });
    expect((await send([removed])).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G1.effort === 5 + 8,
    );
    expect(
      (await storedAsanaTicket(app, owner.organizationId, gid(10)))?.archived_at,
    ).not.toBeNull();
  });

  it('a sub-task (no project of its own) is a sub-task of its parent ticket', async () => {
    asana.putTask({ gid: gid(9), name: 'Sub', parent: gid(1), points: 1 });
    expect((await send([asana.eventFor(gid(9), 'added')])).status).toBe(202);
    await settle();
    expect(await storedAsanaTicket(app, owner.organizationId, gid(9))).toMatchObject({
      parent_key: `ASANA-${gid(1)}`,
      subtask: true,
    });
  });

  it('takes a burst of 100 deliveries (20 at a time): every one 202, all applied', async () => {
    const before = await goalShares(app, owner.token);
    const deliveries: AsanaEvent[][] = [];
    for (let n = 100; n < 200; n++) {
      put(n, 1, [EPIC2]);
      deliveries.push([asana.eventFor(gid(n), 'added')]);
    }
    for (let i = 0; i < deliveries.length; i += 20) {
      const answers = await Promise.all(deliveries.slice(i, i + 20).map((d) => send(d)));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    }
    const after = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.ticketCount === before.ticketCount + 100,
      60_000,
    );
    expect(after.goals.G2.effort).toBe(before.goals.G2.effort + 100);
  }, 90_000);

  it('reconciliation heals missed webhooks, pages by next_page.offset and honours 429', async () => {
    // changed, created and sub-tasked in Asana with no webhook arriving
    put(2, 13, [EPIC2], 'Done');
    put(300, 4, [EPIC1]);
    asana.putTask({ gid: gid(301), name: 'Sub of 300', parent: gid(300) });
    asana.clearRequests();
    asana.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const { syncTicketSource: run } = await app.ok<{
      syncTicketSource: {
        state: string;
        created: number;
        updated: number;
        problems: { message: string }[];
      };
    }>(
      `mutation($id: ID!) { syncTicketSource(id: $id) { state created updated problems { message } } }`,
      { id: source.id },
      owner.token,
    );
    expect(run.state).toBe('SUCCEEDED');
    // 300 and its sub-task 301, and 4, whose only delivery was refused for its signature
    expect(run.created).toBe(3);
    // the dead letter's task is read again, and refused again, as a problem of the run
    expect(run.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(new RegExp(`ASANA-${gid(7)}: custom_fields`)),
    ]);
    const lists = asana.requests.filter((r) => r.path === '/tasks');
    expect(lists[0].status).toBe(429);
    expect(lists.slice(1).map((r) => r.status)).toEqual([200, 200]);
    expect(lists[1].query).toMatchObject({ project: PROJECT, limit: '100' });
    // the second page asks with the token the first page handed over, the same query otherwise
    expect(lists[2].query.offset).toMatch(/^\S+$/);
    expect({ ...lists[2].query, offset: undefined }).toEqual({
      ...lists[1].query,
      offset: undefined,
    });
    expect(asana.requests.some((r) => r.path === `/tasks/${gid(300)}/subtasks`)).toBe(true);
    expect(await storedAsanaTicket(app, owner.organizationId, gid(2))).toMatchObject({
      status_category: 'DONE',
    });
    expect(await storedAsanaTicket(app, owner.organizationId, gid(301))).toMatchObject({
      parent_key: `ASANA-${gid(300)}`,
    });
    // the sub-task read through webhooks is still live after the full read
    expect((await storedAsanaTicket(app, owner.organizationId, gid(9)))?.archived_at).toBeNull();
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G1.effort).toBe(5 + 8 + 4);
    // a second run reads only what changed since (modified_since)
    asana.clearRequests();
    await app.ok(
      `mutation($id: ID!) { syncTicketSource(id: $id) { state } }`,
      { id: source.id },
      owner.token,
    );
    expect(asana.requests.find((r) => r.path === '/tasks')?.query.modified_since).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );
  }, 60_000);
  const SYNC = `mutation($id: ID!) { syncTicketSource(id: $id) { state created updated problems { message } } }`;
  const sync = async () =>
    (
      await app.ok<{
        syncTicketSource: { state: string; created: number; problems: { message: string }[] };
      }>(SYNC, { id: source.id }, owner.token)
    ).syncTicketSource;
  /** the next run is a full one (the last full run is dated two days back) */
  const fullNext = () =>
    app.db.dataSource.query(
      `UPDATE sync_runs SET started_at = started_at - interval '2 days' WHERE source_id = $1`,
      [source.id],
    );
  const archivedCount = async () =>
    Number(
      (
        await app.db.dataSource.query(
          `SELECT count(*) AS n FROM tickets WHERE source_id = $1 AND archived_at IS NOT NULL`,
          [source.id],
        )
      )[0].n,
    );

  it('reads sub-tasks of sub-tasks, and heals a sub-task edited alone on an incremental run', async () => {
    put(400, 3, [EPIC1]);
    asana.putTask({ gid: gid(401), name: 'Sub of 400', parent: gid(400), points: 1 });
    asana.putTask({ gid: gid(402), name: 'Sub of 401', parent: gid(401), points: 1 });
    expect(await sync()).toMatchObject({ state: 'SUCCEEDED', created: 3 });
    expect(await storedAsanaTicket(app, owner.organizationId, gid(402))).toMatchObject({
      parent_key: `ASANA-${gid(401)}`,
      points: '1',
      archived_at: null,
    });
    // only the sub-task of a sub-task changes: its parents' modified_at stay as they were
    asana.putTask({ gid: gid(402), points: 2 });
    expect(await sync()).toMatchObject({ state: 'SUCCEEDED' });
    expect(await storedAsanaTicket(app, owner.organizationId, gid(402))).toMatchObject({
      points: '2',
    });
  }, 60_000);

  it('a full run keeps a task it read but could not use (points > 10,000), listed as a problem', async () => {
    put(400, 20_000, [EPIC1]);
    await fullNext();
    const run = await sync();
    expect(run.state).toBe('SUCCEEDED');
    expect(run.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`ASANA-${gid(400)}: custom_fields`)),
      ]),
    );
    // still in Asana: neither it nor its sub-tasks are taken for deleted
    for (const n of [400, 401, 402]) {
      expect((await storedAsanaTicket(app, owner.organizationId, gid(n)))?.archived_at).toBeNull();
    }
    expect(await storedAsanaTicket(app, owner.organizationId, gid(400))).toMatchObject({
      points: '3',
    });
  }, 60_000);

  it('a full run that reaches its page cap fails and archives nothing', async () => {
    const archived = await archivedCount();
    await fullNext();
    readCaps.asanaPages = 1;
    try {
      // the project holds more than 100 tasks: a second page lies past the cap
      const run = await sync();
      expect(run.state).toBe('FAILED');
      expect(run.problems.map((p) => p.message)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/more than 1 pages to read, the most one run reads/),
        ]),
      );
    } finally {
      readCaps.asanaPages = 1000;
    }
    expect(await archivedCount()).toBe(archived);
  }, 60_000);

  describe('a tracker that is down or refuses the credentials', () => {
    const saved = { http: { ...TRACKER_HTTP }, retry: { ...EVENT_RETRY } };
    const stored = async (n: number) =>
      (
        await app.db.dataSource.query(
          `SELECT state, attempts, last_error FROM source_events
            WHERE source_id = $1 AND subject = $2 ORDER BY received_at DESC LIMIT 1`,
          [source.id, `task ${gid(n)}`],
        )
      )[0] as { state: string; attempts: number; last_error: string | null };

    beforeEach(() => {
      // shorter bounds, the same code: one try per call, a circuit that opens after 3 failed
      // calls for 2 s, retries at most 1 s apart; today's 8 attempts would be spent in ~6 s
      Object.assign(TRACKER_HTTP, { attempts: 1, circuitFailures: 3, circuitOpenMs: 2_000 });
      EVENT_RETRY.maxDelayMs = 1_000;
      resetCircuits();
    });
    afterEach(() => {
      asana.failFor(0, { status: 503 });
      Object.assign(TRACKER_HTTP, saved.http);
      Object.assign(EVENT_RETRY, saved.retry);
      resetCircuits();
    });

    it('an outage (503) longer than every attempt spends no attempt: the event applies once Asana is back', async () => {
      put(500, 2, [EPIC1]);
      const before = await goalShares(app, owner.token);
      asana.clearRequests();
      asana.failFor(12_000, { status: 503 });
      const sent = Date.now();
      expect((await send([asana.eventFor(gid(500), 'added')])).status).toBe(202);
      await waitFor(
        () => goalShares(app, owner.token),
        (s) => s.goals.G1.effort === before.goals.G1.effort + 2,
        30_000,
      );
      expect(Date.now() - sent).toBeGreaterThan(12_000);
      expect(await stored(500)).toMatchObject({ state: 'APPLIED', attempts: 0 });
      // tried all along, at most the cap apart (plus the call itself), and not hammered
      const tries = asana.requests.filter((r) => r.path === `/tasks/${gid(500)}`);
      expect(tries.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(5);
      expect(tries.at(-1)?.status).toBe(200);
      const gaps = tries.slice(1).map((r, i) => r.at - tries[i].at);
      expect(Math.max(...gaps)).toBeLessThan(EVENT_RETRY.maxDelayMs + 2_500);
      expect(
        (await sourceView(app, owner.token)).problems.map((p) => p.message),
      ).not.toContainEqual(expect.stringMatching(/unreachable/));
    }, 60_000);

    it('after the hold limit an unreachable tracker’s event is a dead letter saying so', async () => {
      EVENT_RETRY.holdMs = 3_000;
      put(501, 1, [EPIC1]);
      const dead = (await sourceView(app, owner.token)).deadLetters;
      asana.failFor(30_000, { status: 503 });
      expect((await send([asana.eventFor(gid(501), 'added')])).status).toBe(202);
      const view = await waitFor(
        () => sourceView(app, owner.token),
        (v) => v.deadLetters === dead + 1,
        20_000,
      );
      expect(view.problems.map((p) => p.message)).toContainEqual(
        expect.stringMatching(/Asana was unreachable for \d+ s: /),
      );
      expect((await stored(501)).attempts).toBe(1);
    }, 30_000);

    it('credentials refused (401): a problem of the source, the events held; updating the credentials applies them', async () => {
      const update = (credentials: string) =>
        app.ok(
          `mutation($input: UpdateTicketSourceInput!) { updateTicketSource(input: $input) { id } }`,
          { input: { id: source.id, credentials } },
          owner.token,
        );
      await update('2/1200000000000001/1209999999999999:revoked');
      put(502, 3, [EPIC1]);
      const before = await goalShares(app, owner.token);
      const dead = (await sourceView(app, owner.token)).deadLetters;
      expect((await send([asana.eventFor(gid(502), 'added')])).status).toBe(202);
      const view = await waitFor(
        () => sourceView(app, owner.token),
        (v) => v.problems.some((p) => p.path === 'credentials'),
      );
      expect(view.problems.find((p) => p.path === 'credentials')?.message).toMatch(
        /^credentials refused by Asana: .*401.*\(1 event\(s\) held until the source's credentials are updated\)$/,
      );
      expect(view).toMatchObject({ pendingEvents: 1, deadLetters: dead });
      // held, not retried every second: no attempt used, and its one waiting job (sent in the
      // transaction that recorded the problem read above) starts 10 minutes out
      expect(await stored(502)).toMatchObject({ state: 'PENDING', attempts: 0 });
      const waiting: { start_after: Date }[] = await app.db.dataSource.query(
        `SELECT j.start_after FROM pgboss.job j
           JOIN source_events e ON e.id::text = j.data ->> 'eventId'
          WHERE j.name = 'source-events' AND j.state = 'created'
            AND e.source_id = $1 AND e.subject = $2`,
        [source.id, `task ${gid(502)}`],
      );
      expect(waiting).toHaveLength(1);
      const minutes = (waiting[0].start_after.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(9);
      expect(minutes).toBeLessThanOrEqual(10);
      expect(
        asana.requests.filter((r) => r.path === `/tasks/${gid(502)}` && !r.authorized).length,
      ).toBe(1);
      // fixed: the held event applies at once (its next try was 10 min away)
      await update(asana.token);
      await waitFor(
        () => goalShares(app, owner.token),
        (s) => s.goals.G1.effort === before.goals.G1.effort + 3,
        10_000,
      );
      const after = await sourceView(app, owner.token);
      expect(after.problems.some((p) => p.path === 'credentials')).toBe(false);
      expect(after).toMatchObject({ pendingEvents: 0, deadLetters: dead });
    }, 30_000);
  });

  it('maps each task of a delivery on its own: a task with bad values is a problem, the others apply', async () => {
    put(510, 20_000, [EPIC2]);
    put(511, 2, [EPIC2]);
    put(512, 3, [EPIC2]);
    const before = await goalShares(app, owner.token);
    const dead = (await sourceView(app, owner.token)).deadLetters;
    expect(
      (
        await send([
          asana.eventFor(gid(510), 'added'),
          asana.eventFor(gid(511), 'added'),
          asana.eventFor(gid(512), 'added'),
        ])
      ).status,
    ).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2.effort === before.goals.G2.effort + 5,
    );
    await settle();
    const view = await sourceView(app, owner.token);
    expect(view.deadLetters).toBe(dead);
    expect(view.problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(new RegExp(`ASANA-${gid(510)}: custom_fields\\.Story Points must be`)),
    );
    expect(await storedAsanaTicket(app, owner.organizationId, gid(510))).toBeNull();
  });

  it(`reads at most ${ASANA_DELIVERY.maxTasks} tasks of one delivery; the rest is a problem left to reconciliation`, async () => {
    const events: AsanaEvent[] = [];
    for (let n = 600; n < 600 + ASANA_DELIVERY.maxTasks + 3; n++) {
      asana.putTask({
        gid: gid(n),
        name: `Other ${n}`,
        memberships: [{ project: '1201000000000099', section: 'To do' }],
      });
      events.push(asana.eventFor(gid(n), 'added'));
    }
    asana.clearRequests();
    expect((await send(events)).status).toBe(202);
    await settle();
    expect(asana.requests.filter((r) => r.path.startsWith('/tasks/')).length).toBe(
      ASANA_DELIVERY.maxTasks,
    );
    expect((await sourceView(app, owner.token)).problems.map((p) => p.message)).toContainEqual(
      `the delivery names ${ASANA_DELIVERY.maxTasks + 3} tasks: the first ${ASANA_DELIVERY.maxTasks} were read, the other 3 are left to reconciliation`,
    );
  }, 30_000);
});
