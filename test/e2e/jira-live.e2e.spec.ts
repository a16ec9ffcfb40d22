import type { Client } from 'graphql-ws';
import { FakeJira } from '../support/fake-jira/index.js';
import { LiveSubscriber } from '../support/live-client.js';
import { TestApp, type Session } from '../support/test-app.js';
import {
  connectJira,
  deliver,
  goalShares,
  seedJira,
  sourceView,
  waitFor,
  type LiveSource,
} from './jira-live-support.js';

/**
 * Jira Cloud webhooks end to end: a real HTTP fake of Jira signs events shaped like Atlassian's
 * documented payloads; the API stores them (202) and its workers apply them, so the alignment
 * report and its subscribers see the change.
 */
describe('Jira Cloud webhooks', () => {
  let app: TestApp;
  let jira: FakeJira;
  let owner: Session;
  let source: LiveSource;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    jira = await FakeJira.start();
    owner = await app.signUp('Live');
    seedJira(jira);
    source = await connectJira(app, owner, jira);
  });

  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await jira.close();
    await app.close();
  });

  it('applies a signed issue event: the ticket counts for its epic’s goal, live', async () => {
    const client = LiveSubscriber.connect(app.url, owner.token);
    clients.push(client);
    const sub = await LiveSubscriber.start<{
      alignmentChanged: { totalEffort: number; goals: { goal: { key: string }; share: number }[] };
    }>(client, `subscription { alignmentChanged { totalEffort goals { goal { key } share } } }`);

    jira.putIssue({
      key: 'PAY-1',
      summary: 'Card form',
      parentKey: 'PAY-100',
      storyPoints: 5,
      sprintIds: [12],
      status: 'In Progress',
    });
    jira.putIssue({
      key: 'PAY-2',
      summary: 'Signup page',
      parentKey: 'PAY-200',
      storyPoints: 3,
      sprintIds: [12],
    });
    const first = await deliver(source, jira.webhookFor('jira:issue_created', 'PAY-1'));
    expect(first.status).toBe(202);
    expect(first.body).toBe('');
    expect((await deliver(source, jira.webhookFor('jira:issue_created', 'PAY-2'))).status).toBe(
      202,
    );

    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 8,
    );
    expect(shares.goals.G1).toEqual({ effort: 5, share: 5 / 8 });
    expect(shares.goals.G2).toEqual({ effort: 3, share: 3 / 8 });

    const pushed = await waitFor(
      async () => sub.received.at(-1)?.alignmentChanged,
      (r) => r?.totalEffort === 8,
    );
    expect(pushed!.goals.find((g) => g.goal.key === 'G1')!.share).toBeCloseTo(5 / 8, 10);
    expect(sub.errors).toEqual([]);

    const gaps = await app.ok<{
      gaps: { staleSources: { source: string; ticketSourceId: string | null; stale: boolean }[] };
    }>(`{ gaps { staleSources { source ticketSourceId stale } } }`, {}, owner.token);
    expect(gaps.gaps.staleSources).toContainEqual({
      source: 'Jira',
      ticketSourceId: source.id,
      stale: false,
    });

    // every ticket path tells the live views, not only webhooks: upsertTickets here
    await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created } }`,
      {
        t: [
          {
            externalKey: 'API-1',
            rawStatus: 'In Progress',
            title: 'by API',
            points: 2,
            epicKey: 'PAY-200',
            sprintNames: ['PAY Sprint 1'],
          },
        ],
      },
      owner.token,
    );
    await waitFor(
      async () => sub.received.at(-1)?.alignmentChanged,
      (r) => r?.totalEffort === 10,
    );
    await app.ok(
      `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created } }`,
      {
        t: [
          {
            externalKey: 'API-1',
            rawStatus: 'In Progress',
            title: 'by API',
            points: 0,
            epicKey: 'PAY-200',
            sprintNames: ['PAY Sprint 1'],
          },
        ],
      },
      owner.token,
    );
    await waitFor(
      async () => sub.received.at(-1)?.alignmentChanged,
      (r) => r?.totalEffort === 8,
    );
    expect(await sourceView(app, owner.token)).toMatchObject({
      pendingEvents: 0,
      deadLetters: 0,
      stale: false,
    });
  });

  it('a redelivery answers 200 and changes nothing; an older event never overwrites a newer one', async () => {
    jira.putIssue({
      key: 'PAY-3',
      summary: 'Refunds',
      parentKey: 'PAY-100',
      storyPoints: 2,
      sprintIds: [12],
    });
    const older = jira.webhookFor('jira:issue_created', 'PAY-3');
    jira.putIssue({ key: 'PAY-3', storyPoints: 8 });
    const newer = jira.webhookFor('jira:issue_updated', 'PAY-3');

    // newest first, then the older state arrives late: it must not win
    expect((await deliver(source, newer, { deliveryId: 'd-newer' })).status).toBe(202);
    expect((await deliver(source, older, { deliveryId: 'd-older' })).status).toBe(202);
    expect((await deliver(source, newer, { deliveryId: 'd-newer' })).status).toBe(200);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G1.effort).toBe(5 + 8);

    // replaying the whole sequence again changes nothing
    for (const [body, id] of [
      [older, 'd-older'],
      [newer, 'd-newer'],
    ] as const) {
      expect((await deliver(source, body, { deliveryId: id })).status).toBe(200);
    }
    expect(await goalShares(app, owner.token)).toEqual(shares);
  });

  it('refuses a bad or missing signature (401) and stores nothing', async () => {
    jira.putIssue({
      key: 'PAY-4',
      summary: 'Forged',
      parentKey: 'PAY-200',
      storyPoints: 40,
      sprintIds: [12],
    });
    const before = await goalShares(app, owner.token);
    const body = jira.webhookFor('jira:issue_created', 'PAY-4');
    expect((await deliver(source, body, { signature: 'bad' })).status).toBe(401);
    expect((await deliver(source, body, { signature: 'missing' })).status).toBe(401);
    const other = { ...source, secret: 'not-the-secret' };
    expect((await deliver(other, body)).status).toBe(401);
    const events = await app.db.dataSource.query(
      `SELECT count(*)::int AS n FROM source_events WHERE subject = 'PAY-4'`,
    );
    expect(events[0].n).toBe(0);
    expect(await goalShares(app, owner.token)).toEqual(before);
  });

  it('answers 400 to a body that is not JSON and 202 to an unknown event type, which is ignored', async () => {
    const res = await deliver(source, Buffer.from('{"webhookEvent": ') as never);
    expect(res.status).toBe(400);
    const deep = await deliver(
      source,
      Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)) as never,
    );
    expect(deep.status).toBe(400);
    expect(deep.body).toMatch(/nests deeper than 64 levels/);
    const huge = await deliver(source, {
      webhookEvent: 'jira:issue_updated',
      pad: 'x'.repeat(3_000_000),
    });
    expect(huge.status).toBe(413);
    const unknown = await deliver(source, {
      timestamp: Date.now(),
      webhookEvent: 'comment_created',
      comment: {},
    });
    expect(unknown.status).toBe(202);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    const rows = await app.db.dataSource.query(
      `SELECT state FROM source_events WHERE event_type = 'comment_created'`,
    );
    expect(rows).toEqual([{ state: 'IGNORED' }]);
  });

  it('a poisoned event becomes a visible dead letter at once while the rest flow', async () => {
    jira.putIssue({
      key: 'PAY-5',
      summary: 'Huge',
      parentKey: 'PAY-100',
      sprintIds: [12],
      storyPoints: 1e308,
    });
    jira.putIssue({
      key: 'PAY-6',
      summary: 'Fine',
      parentKey: 'PAY-200',
      storyPoints: 1,
      sprintIds: [12],
    });
    expect((await deliver(source, jira.webhookFor('jira:issue_created', 'PAY-5'))).status).toBe(
      202,
    );
    expect((await deliver(source, jira.webhookFor('jira:issue_created', 'PAY-6'))).status).toBe(
      202,
    );
    const view = await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0 && v.deadLetters === 1,
    );
    expect(view.problems[0].path).toContain('PAY-5');
    expect(view.problems[0].message).toMatch(/PAY-5: fields\.customfield_10016 must be/);
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G2.effort).toBe(3 + 1);
    expect(shares.goals.G1.effort).toBe(13);
  });

  it('a deleted issue leaves the live scope; an older update afterwards changes nothing', async () => {
    const update = jira.webhookFor('jira:issue_updated', 'PAY-6');
    jira.deleteIssue('PAY-6');
    expect((await deliver(source, jira.webhookFor('jira:issue_deleted', 'PAY-6'))).status).toBe(
      202,
    );
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2.effort === 3,
    );
    expect((await deliver(source, update)).status).toBe(202);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(3);
  });

  it('a sprint closed in Jira is closed here with its snapshot', async () => {
    jira.putSprint({
      ...jira.webhookForSprint('sprint_updated', 12).sprint,
      state: 'closed',
      completeDate: '2026-12-14T17:00:00.000Z',
    } as never);
    expect((await deliver(source, jira.webhookForSprint('sprint_closed', 12))).status).toBe(202);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    const data = await app.ok<{
      alignmentTrend: {
        sprint: { name: string; state: string };
        live: boolean;
        recomputed: boolean;
        report: { totalEffort: number };
      }[];
    }>(
      `{ alignmentTrend(teamKeys: ["PLAT"]) { sprint { name state } live recomputed report { totalEffort } } }`,
      {},
      owner.token,
    );
    const point = data.alignmentTrend.find((p) => p.sprint.name === 'PAY Sprint 1')!;
    expect(point).toMatchObject({ sprint: { state: 'CLOSED' }, live: false, recomputed: false });
    expect(point.report.totalEffort).toBe(13 + 3);
  });

  it('answers 410 for a deleted source and 404 for an unknown one', async () => {
    const other = await app.signUp('Gone');
    const gone = await connectJira(app, other, jira);
    await app.ok(
      `mutation($id: ID!) { deleteTicketSource(id: $id) { id } }`,
      { id: gone.id },
      other.token,
    );
    expect((await deliver(gone, jira.webhookFor('jira:issue_updated', 'PAY-1'))).status).toBe(410);
    const unknown = {
      ...gone,
      url: gone.url.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000'),
    };
    expect((await deliver(unknown, {})).status).toBe(404);
  });
});
