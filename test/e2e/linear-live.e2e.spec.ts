import { FakeLinear, sendLinearWebhook } from '../support/fake-linear/index.js';
import { TestApp, type Session } from '../support/test-app.js';
import { resetCircuits, TRACKER_HTTP } from '@app/integrations';
import {
  createSource,
  goalShares,
  sourceView,
  waitFor,
  type LiveSource,
} from './jira-live-support.js';

/**
 * Two goals served by initiatives whose externalKey is a Linear project's name (Payments -> G1,
 * Signup -> G2); Linear team ENG maps to team PLAT.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Growth, horizon: ADJACENT }
teams: [{ key: PLAT, name: Platform, capacity: 30 }]
cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q4, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q4, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: Payments, title: Payments, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR1 }] }
  - { key: I2, externalKey: Signup, title: Signup, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR2 }] }
`;

const SYNC = `mutation($id: ID!) { syncTicketSource(id: $id) { state created updated unchanged problems { path message } } }`;

async function connectLinear(
  app: TestApp,
  owner: Session,
  linear: FakeLinear,
): Promise<LiveSource> {
  await app.ok(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: PLAN },
    owner.token,
  );
  const { source, webhookSecret } = await createSource(app, owner.token, {
    kind: 'LINEAR',
    name: 'Linear',
    baseUrl: linear.url,
    credentials: linear.apiKey,
    settings: { teamTeams: { ENG: 'PLAT' } },
  });
  return { id: source.id, secret: webhookSecret, url: `${app.url}${source.webhookPath}` };
}

const day = 86_400_000;

/**
 * Linear webhooks and reconciliation end to end: a real HTTP fake of Linear signs events shaped
 * like Linear's documented payloads and serves the GraphQL issues query; the API stores events
 * (202), its workers apply them, and a sync heals what webhooks missed.
 */
describe('Linear', () => {
  let app: TestApp;
  let linear: FakeLinear;
  let owner: Session;
  let source: LiveSource;
  const deliver = (
    body: object | Buffer,
    options: { deliveryId?: string; signature?: 'valid' | 'bad' | 'missing' } = {},
    to: LiveSource = source,
  ) => sendLinearWebhook(to.url, body, { secret: to.secret, ...options });
  const settle = () =>
    waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
      60_000,
    );

  beforeAll(async () => {
    app = await TestApp.start();
    linear = await FakeLinear.start();
    linear.putCycle({
      id: 'cycle-1',
      number: 1,
      name: null,
      startsAt: new Date(Date.now() - 3 * day).toISOString(),
      endsAt: new Date(Date.now() + 10 * day).toISOString(),
    });
    owner = await app.signUp('Linear');
    source = await connectLinear(app, owner, linear);
  });

  afterAll(async () => {
    await linear.close();
    await app.close();
  });

  it('applies a signed issue create: project -> initiative -> goal, cycle -> ACTIVE sprint', async () => {
    linear.putIssue({
      identifier: 'ENG-1',
      project: 'Payments',
      estimate: 5,
      cycleId: 'cycle-1',
      state: 'In Progress',
    });
    linear.putIssue({ identifier: 'ENG-2', project: 'Signup', estimate: 3, cycleId: 'cycle-1' });
    const first = await deliver(linear.webhookFor('create', 'ENG-1'));
    expect(first).toEqual({ status: 202, body: '' });
    expect((await deliver(linear.webhookFor('create', 'ENG-2'))).status).toBe(202);
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 8,
    );
    expect(shares.goals.G1).toEqual({ effort: 5, share: 5 / 8 });
    expect(shares.goals.G2).toEqual({ effort: 3, share: 3 / 8 });
    const sprints = await app.ok<{
      sprints: { nodes: { name: string; state: string; externalId: string }[] };
    }>(`{ sprints(teamKey: "PLAT") { nodes { name state externalId } } }`, {}, owner.token);
    expect(sprints.sprints.nodes).toEqual([
      { name: 'ENG Cycle 1', state: 'ACTIVE', externalId: 'cycle-1' },
    ]);
    expect(await sourceView(app, owner.token)).toMatchObject({ pendingEvents: 0, deadLetters: 0 });
  });

  it('a redelivery answers 200 and changes nothing; an older update after a newer one changes nothing', async () => {
    linear.putIssue({ identifier: 'ENG-3', project: 'Payments', estimate: 2, cycleId: 'cycle-1' });
    const older = linear.webhookFor('create', 'ENG-3');
    linear.putIssue({ identifier: 'ENG-3', estimate: 8 });
    const newer = linear.webhookFor('update', 'ENG-3');
    expect((await deliver(newer, { deliveryId: 'l-newer' })).status).toBe(202);
    expect((await deliver(older, { deliveryId: 'l-older' })).status).toBe(202);
    expect((await deliver(newer, { deliveryId: 'l-newer' })).status).toBe(200);
    await settle();
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G1.effort).toBe(5 + 8);
    expect((await deliver(older, { deliveryId: 'l-older' })).status).toBe(200);
    expect(await goalShares(app, owner.token)).toEqual(shares);
  });

  it('refuses a bad signature and a stale webhookTimestamp (401), storing nothing', async () => {
    linear.putIssue({ identifier: 'ENG-4', project: 'Signup', estimate: 40, cycleId: 'cycle-1' });
    const before = await goalShares(app, owner.token);
    const body = linear.webhookFor('create', 'ENG-4');
    expect((await deliver(body, { signature: 'bad' })).status).toBe(401);
    expect((await deliver(body, { signature: 'missing' })).status).toBe(401);
    expect((await deliver(body, {}, { ...source, secret: 'not-the-secret' })).status).toBe(401);
    const replay = linear.webhookFor('create', 'ENG-4', Date.now() - 61_000);
    expect((await deliver(replay)).status).toBe(401);
    const future = linear.webhookFor('create', 'ENG-4', Date.now() + 61_000);
    expect((await deliver(future)).status).toBe(401);
    const rows = await app.db.dataSource.query(
      `SELECT count(*)::int AS n FROM source_events WHERE subject = 'ENG-4'`,
    );
    expect(rows[0].n).toBe(0);
    expect(await goalShares(app, owner.token)).toEqual(before);
  });

  it('answers 400 to a malformed body and ignores an unknown type', async () => {
    expect((await deliver(Buffer.from('{"type": "Issue", '))).status).toBe(400);
    const comment = {
      action: 'create',
      type: 'Comment',
      createdAt: new Date().toISOString(),
      data: { id: 'c1', body: 'hi' },
      url: 'https://linear.app/x',
      organizationId: linear.organizationId,
      webhookTimestamp: Date.now(),
      webhookId: 'w',
    };
    expect((await deliver(comment)).status).toBe(202);
    await settle();
    const rows = await app.db.dataSource.query(
      `SELECT state FROM source_events WHERE event_type = 'Comment.create'`,
    );
    expect(rows).toEqual([{ state: 'IGNORED' }]);
  });

  it('a poisoned estimate becomes a dead letter while the rest flow', async () => {
    linear.putIssue({
      identifier: 'ENG-5',
      project: 'Payments',
      estimate: 1e308,
      cycleId: 'cycle-1',
    });
    linear.putIssue({ identifier: 'ENG-6', project: 'Signup', estimate: 1, cycleId: 'cycle-1' });
    expect((await deliver(linear.webhookFor('create', 'ENG-5'))).status).toBe(202);
    expect((await deliver(linear.webhookFor('create', 'ENG-6'))).status).toBe(202);
    const view = await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0 && v.deadLetters === 1,
    );
    expect(view.problems[0].path).toContain('ENG-5');
    expect(view.problems[0].message).toMatch(/ENG-5: estimate must be/);
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(3 + 1);
  });

  it('a removed issue leaves the live scope; an older update afterwards changes nothing', async () => {
    const update = linear.webhookFor('update', 'ENG-6');
    linear.deleteIssue('ENG-6');
    expect((await deliver(linear.webhookFor('remove', 'ENG-6'))).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.goals.G2.effort === 3,
    );
    expect((await deliver(update)).status).toBe(202);
    await settle();
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(3);
  });

  it('applies a burst of 200 events', async () => {
    const bodies = [];
    for (let i = 100; i < 300; i++) {
      linear.putIssue({
        identifier: `ENG-${i}`,
        project: i % 2 ? 'Signup' : 'Payments',
        estimate: 1,
        cycleId: 'cycle-1',
      });
      bodies.push(linear.webhookFor('create', `ENG-${i}`));
    }
    const before = (await goalShares(app, owner.token)).totalEffort;
    const answers = await Promise.all(bodies.map((b) => deliver(b)));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === before + 200,
      60_000,
    );
  }, 90_000);

  it('reconciliation heals missed events: pages over >100 issues and honours a 429', async () => {
    resetCircuits();
    const other = await app.signUp('LinearSync');
    const synced = await connectLinear(app, other, linear);
    linear.clearRequests();
    linear.fail({ status: 429, retryAfterSeconds: 1 });
    const run = (
      await app.ok<{
        syncTicketSource: {
          state: string;
          created: number;
          problems: { path: string; message: string }[];
        };
      }>(SYNC, { id: synced.id }, other.token)
    ).syncTicketSource;
    expect(run.state).toBe('SUCCEEDED');
    // ENG-1..4 and ENG-100..299 (ENG-5 cannot be used, ENG-6 was removed)
    expect(run.created).toBe(204);
    expect(run.problems).toEqual([
      { path: 'sync', message: expect.stringMatching(/ENG-5: estimate must be/) },
    ]);
    const calls = linear.requests;
    expect(calls[0].status).toBe(429);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
    const pages = calls.filter((c) => c.status === 200);
    expect(pages.length).toBe(3);
    expect(pages[1].variables.after).toBeTruthy();
    expect(pages[0].variables.filter).toEqual({});
    // ENG-4 never reached the first organization (its deliveries were refused): deliver it there too
    expect((await deliver(linear.webhookFor('update', 'ENG-4'))).status).toBe(202);
    await settle();
    expect(await goalShares(app, other.token)).toEqual(await goalShares(app, owner.token));

    // a second run reads only what changed since (with overlap), and changes nothing
    linear.clearRequests();
    const again = (
      await app.ok<{ syncTicketSource: { state: string; created: number; updated: number } }>(
        SYNC,
        { id: synced.id },
        other.token,
      )
    ).syncTicketSource;
    expect(again).toMatchObject({ state: 'SUCCEEDED', created: 0, updated: 0 });
    expect(linear.requests[0].variables.filter).toMatchObject({
      updatedAt: { gt: expect.any(String) },
    });
  }, 120_000);
  it('a sync retries a 503 and reports a wrong API key and a Linear that is down', async () => {
    const saved = { ...TRACKER_HTTP };
    try {
      resetCircuits();
      const other = await app.signUp('LinearFaults');
      const synced = await connectLinear(app, other, linear);
      linear.fail({ status: 503 });
      const sync = async () =>
        (
          await app.ok<{ syncTicketSource: { state: string; problems: { message: string }[] } }>(
            SYNC,
            { id: synced.id },
            other.token,
          )
        ).syncTicketSource;
      expect((await sync()).state).toBe('SUCCEEDED');

      TRACKER_HTTP.attempts = 2;
      linear.setDown(true);
      const down = await sync();
      expect(down.state).toBe('FAILED');
      expect(down.problems[0].message).toMatch(/127\.0\.0\.1/);
      linear.setDown(false);
      resetCircuits();

      const bad = await app.ok<{ createTicketSource: { source: { id: string } } }>(
        `mutation($input: CreateTicketSourceInput!) { createTicketSource(input: $input) { source { id } } }`,
        {
          input: {
            kind: 'LINEAR',
            name: 'Linear with a wrong key',
            baseUrl: linear.url,
            credentials: 'lin_api_wrong',
            settings: { teamTeams: { ENG: 'PLAT' } },
          },
        },
        other.token,
      );
      const refused = (
        await app.ok<{ syncTicketSource: { state: string; problems: { message: string }[] } }>(
          SYNC,
          { id: bad.createTicketSource.source.id },
          other.token,
        )
      ).syncTicketSource;
      expect(refused.state).toBe('FAILED');
      expect(refused.problems[0].message).toMatch(/answered 401/);
    } finally {
      Object.assign(TRACKER_HTTP, saved);
      linear.setDown(false);
      resetCircuits();
    }
  }, 60_000);

  it('Cycle events create sprints and a completed cycle closes its sprint with a snapshot', async () => {
    linear.putCycle({
      id: 'cycle-2',
      number: 2,
      name: 'Cycle Two',
      startsAt: new Date(Date.now() + 11 * day).toISOString(),
      endsAt: new Date(Date.now() + 25 * day).toISOString(),
    });
    expect((await deliver(linear.webhookForCycle('create', 'cycle-2'))).status).toBe(202);
    const before = await goalShares(app, owner.token);
    linear.putCycle({
      id: 'cycle-1',
      number: 1,
      name: null,
      startsAt: new Date(Date.now() - 3 * day).toISOString(),
      endsAt: new Date(Date.now() + 10 * day).toISOString(),
      completedAt: new Date().toISOString(),
    });
    expect((await deliver(linear.webhookForCycle('update', 'cycle-1'))).status).toBe(202);
    await settle();
    const sprints = await app.ok<{ sprints: { nodes: { name: string; state: string }[] } }>(
      `{ sprints(teamKey: "PLAT") { nodes { name state } } }`,
      {},
      owner.token,
    );
    expect(sprints.sprints.nodes).toEqual([
      { name: 'ENG Cycle 1', state: 'CLOSED' },
      { name: 'Cycle Two', state: 'FUTURE' },
    ]);
    const trend = await app.ok<{
      alignmentTrend: {
        sprint: { name: string };
        live: boolean;
        report: { totalEffort: number };
      }[];
    }>(
      `{ alignmentTrend(teamKeys: ["PLAT"]) { sprint { name } live report { totalEffort } } }`,
      {},
      owner.token,
    );
    const point = trend.alignmentTrend.find((p) => p.sprint.name === 'ENG Cycle 1')!;
    expect(point.live).toBe(false);
    expect(point.report.totalEffort).toBe(before.totalEffort);
  });
});
