import { randomUUID } from 'node:crypto';
import { FakeJira } from '../support/fake-jira/index.js';
import { TestApp, type Session } from '../support/test-app.js';
import { MAX_ATTEMPTS, retryDelayMs } from '@app/integrations';
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
 * The pipeline under load and failure: a burst of 1,000 events, retries of a failing apply, dead
 * letters after repeated failure, and the Jira specifics (sub-tasks, company-managed point fields,
 * sprints of unmapped boards), plus what a source never reveals.
 */
describe('live source pipeline', () => {
  let app: TestApp;
  let jira: FakeJira;
  let owner: Session;
  let source: LiveSource;

  beforeAll(async () => {
    app = await TestApp.start();
    jira = await FakeJira.start();
    owner = await app.signUp('Pipeline');
    seedJira(jira);
    source = await connectJira(app, owner, jira);
  });

  afterAll(async () => {
    await jira.close();
    await app.close();
  });

  it('takes a burst of 1,000 events (20 at a time): every one 202, all applied', async () => {
    for (let i = 1; i <= 250; i++) {
      jira.putIssue({
        key: `BUR-${i}`,
        summary: `b${i}`,
        parentKey: 'PAY-100',
        storyPoints: 1,
        sprintIds: [12],
      });
    }
    const bodies: object[] = [];
    // four updates per issue, sent in a shuffled order: only the newest state may stick
    for (let round = 1; round <= 4; round++) {
      for (let i = 1; i <= 250; i++) {
        jira.putIssue({ key: `BUR-${i}`, storyPoints: round });
        bodies.push(jira.webhookFor('jira:issue_updated', `BUR-${i}`));
      }
    }
    bodies.sort(() => Math.random() - 0.5);
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < bodies.length; i += 20) {
      const answers = await Promise.all(bodies.slice(i, i + 20).map((b) => deliver(source, b)));
      statuses.push(...answers.map((a) => a.status));
    }
    const accepted = Date.now() - started;
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
      120_000,
    );
    const applied = Date.now() - started;
    const shares = await goalShares(app, owner.token);
    expect(shares.goals.G1.effort).toBe(250 * 4);
    console.log(`burst: 1,000 events accepted in ${accepted} ms, applied in ${applied} ms`);
  }, 180_000);

  it('retries a failing apply with backoff and applies it once the cause is gone', async () => {
    expect([1, 2, 3, 7, 8].map(retryDelayMs)).toEqual([500, 1000, 2000, 30_000, 30_000]);
    await app.db.dataSource
      .query(`CREATE FUNCTION fail_flaky() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.external_key = 'FLAKY-1' THEN RAISE EXCEPTION 'flaky storage'; END IF; RETURN NEW; END $$`);
    await app.db.dataSource.query(
      `CREATE TRIGGER fail_flaky BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION fail_flaky()`,
    );
    jira.putIssue({
      key: 'FLAKY-1',
      summary: 'flaky',
      parentKey: 'PAY-200',
      storyPoints: 2,
      sprintIds: [12],
    });
    expect((await deliver(source, jira.webhookFor('jira:issue_created', 'FLAKY-1'))).status).toBe(
      202,
    );
    const failing = await waitFor(
      () =>
        app.db.dataSource.query(
          `SELECT attempts, state, last_error FROM source_events WHERE subject = 'FLAKY-1'`,
        ),
      (rows: { attempts: number }[]) => rows[0]?.attempts >= 2,
    );
    expect(failing[0]).toMatchObject({
      state: 'PENDING',
      last_error: expect.stringMatching(/flaky storage/),
    });
    expect((await sourceView(app, owner.token)).pendingEvents).toBe(1);
    await app.db.dataSource.query(`DROP TRIGGER fail_flaky ON tickets`);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
      20_000,
    );
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(2);
  }, 60_000);

  it('ends as a dead letter after repeated failure, listed in problems, and can be replayed', async () => {
    await app.db.dataSource.query(
      `CREATE TRIGGER fail_flaky BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION fail_flaky()`,
    );
    jira.putIssue({ key: 'FLAKY-1', storyPoints: 3 });
    await app.db.dataSource.query(`DELETE FROM tickets WHERE external_key = 'FLAKY-1'`);
    expect((await deliver(source, jira.webhookFor('jira:issue_updated', 'FLAKY-1'))).status).toBe(
      202,
    );
    // the attempts before the last are spent (they take about 90 s in real time)
    await waitFor(
      () =>
        app.db.dataSource.query(
          `SELECT attempts FROM source_events WHERE subject = 'FLAKY-1' AND state = 'PENDING'`,
        ),
      (rows: unknown[]) => rows.length === 1,
    );
    await app.db.dataSource.query(
      `UPDATE source_events SET attempts = $1 WHERE subject = 'FLAKY-1' AND state = 'PENDING'`,
      [MAX_ATTEMPTS - 1],
    );
    const view = await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.deadLetters === 1,
      40_000,
    );
    expect(view.pendingEvents).toBe(0);
    expect(view.problems[0]).toMatchObject({
      path: expect.stringContaining('FLAKY-1'),
      message: expect.stringMatching(
        new RegExp(`dead letter after ${MAX_ATTEMPTS} attempt.*flaky storage`),
      ),
    });
    await app.db.dataSource.query(`DROP TRIGGER fail_flaky ON tickets`);
    const replayed = await app.ok<{ replayDeadLetters: number }>(
      `mutation($id: ID!) { replayDeadLetters(id: $id) }`,
      { id: source.id },
      owner.token,
    );
    expect(replayed.replayDeadLetters).toBe(1);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0 && v.deadLetters === 0,
      20_000,
    );
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(3);
  }, 90_000);

  it('maps sub-tasks to their parent, company-managed point fields, and epics by hierarchy level', async () => {
    await app.ok(
      `mutation($input: UpdateTicketSourceInput!) { updateTicketSource(input: $input) { settings } }`,
      {
        input: {
          id: source.id,
          settings: { storyPointsField: 'customfield_10028', boardTeams: { '3': 'PLAT' } },
        },
      },
      owner.token,
    );
    jira.putIssue({
      key: 'CMP-1',
      summary: 'company',
      parentKey: 'PAY-200',
      sprintIds: [12],
      fields: { customfield_10028: 5 },
    });
    jira.putIssue({
      key: 'CMP-2',
      summary: 'sub',
      type: 'Sub-task',
      parentKey: 'CMP-1',
      sprintIds: [12],
      fields: { customfield_10028: 8 },
    });
    jira.putIssue({ key: 'PAY-100', summary: 'Payments, renamed' });
    for (const key of ['CMP-2', 'CMP-1', 'PAY-100']) {
      expect((await deliver(source, jira.webhookFor('jira:issue_updated', key))).status).toBe(202);
    }
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    const tickets = await app.ok<{
      ticket: { points: number; subtask: boolean; parent: { key: string } | null };
    }>(`{ ticket(key: "CMP-2") { points subtask parent { key } } }`, {}, owner.token);
    expect(tickets.ticket).toEqual({ points: 8, subtask: true, parent: { key: 'CMP-1' } });
    // the sub-task carries no effort of its own; its parent counts 5 for G2
    expect((await goalShares(app, owner.token)).goals.G2.effort).toBe(3 + 5);
    const [epic] = await app.db.dataSource.query(
      `SELECT external_id FROM initiatives WHERE key = 'I1' AND organization_id = $1`,
      [owner.organizationId],
    );
    expect(epic.external_id).toBe(jira.issue('PAY-100')!.id);
    const [{ count }] = await app.db.dataSource.query(
      `SELECT count(*)::int FROM tickets WHERE external_key = 'PAY-100'`,
    );
    expect(count).toBe(0);
  });

  it('creates an unknown sprint for its board’s team; a sprint of an unmapped board is a problem, the ticket stays', async () => {
    jira.putBoard(9);
    jira.putSprint({ id: 40, name: 'Other board sprint', state: 'active', originBoardId: 9 });
    jira.putSprint({
      id: 41,
      name: 'PAY Sprint 2',
      state: 'future',
      originBoardId: 3,
      startDate: '2026-12-15T09:00:00.000Z',
      endDate: '2026-12-28T17:00:00.000Z',
    });
    jira.putIssue({
      key: 'SPR-1',
      summary: 'elsewhere',
      parentKey: 'PAY-100',
      storyPoints: 2,
      sprintIds: [40],
    });
    jira.putIssue({
      key: 'SPR-2',
      summary: 'next',
      parentKey: 'PAY-100',
      storyPoints: 2,
      sprintIds: [41],
    });
    for (const key of ['SPR-1', 'SPR-2']) {
      expect((await deliver(source, jira.webhookFor('jira:issue_created', key))).status).toBe(202);
    }
    const view = await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    expect(view.problems.some((p) => /board 9 maps to no team/.test(p.message))).toBe(true);
    const data = await app.ok<{
      ticket: { currentSprint: { name: string; state: string; team: { key: string } } | null };
      other: { currentSprint: null };
    }>(
      `{ ticket(key: "SPR-2") { currentSprint { name state team { key } } } other: ticket(key: "SPR-1") { currentSprint { name } } }`,
      {},
      owner.token,
    );
    expect(data.ticket.currentSprint).toEqual({
      name: 'PAY Sprint 2',
      state: 'FUTURE',
      team: { key: 'PLAT' },
    });
    expect(data.other.currentSprint).toBeNull();
    // sprint_started moves it to ACTIVE, with startSprint's semantics
    jira.putSprint({
      id: 41,
      name: 'PAY Sprint 2',
      state: 'active',
      originBoardId: 3,
      startDate: '2026-12-15T09:00:00.000Z',
      endDate: '2026-12-28T17:00:00.000Z',
    });
    expect((await deliver(source, jira.webhookForSprint('sprint_started', 41))).status).toBe(202);
    await waitFor(
      () =>
        app.ok<{ sprint: { state: string } }>(
          `{ sprint(key: "JIRA-S41") { state } }`,
          {},
          owner.token,
        ),
      (s) => s.sprint.state === 'ACTIVE',
    );
  });

  it('an update carries the whole state: status, type, labels, sprint, epic and points all follow', async () => {
    jira.putIssue({
      key: 'FLD-1',
      summary: 'fields',
      parentKey: 'PAY-100',
      storyPoints: 2,
      sprintIds: [12],
    });
    expect((await deliver(source, jira.webhookFor('jira:issue_created', 'FLD-1'))).status).toBe(
      202,
    );
    jira.putIssue({
      key: 'FLD-1',
      status: 'In Review',
      type: 'Bug',
      labels: ['customer'],
      sprintIds: [41],
      parentKey: 'PAY-200',
      storyPoints: null,
    });
    expect((await deliver(source, jira.webhookFor('jira:issue_updated', 'FLD-1'))).status).toBe(
      202,
    );
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    const data = await app.ok<{ ticket: Record<string, unknown> }>(
      `{ ticket(key: "FLD-1") { rawStatus statusCategory type workType labels points
           currentSprint { name } sprints { name } initiativeLinks { initiative { key } source } } }`,
      {},
      owner.token,
    );
    expect(data.ticket).toEqual({
      rawStatus: 'In Review',
      statusCategory: 'IN_PROGRESS',
      type: 'Bug',
      workType: 'BUG',
      labels: ['customer'],
      points: null,
      currentSprint: { name: 'PAY Sprint 2' },
      sprints: [{ name: 'PAY Sprint 2' }],
      initiativeLinks: [{ initiative: { key: 'I2' }, source: 'EPIC' }],
    });
  });

  it('sprint events create, rename and delete sprints; an older sprint event changes nothing', async () => {
    const sprint = (key: string) =>
      app.ok<{
        sprint: {
          name: string;
          state: string;
          startDate: string;
          endDate: string;
          archivedAt: string | null;
        };
      }>(`{ sprint(key: "${key}") { name state startDate endDate archivedAt } }`, {}, owner.token);
    jira.putSprint({
      id: 50,
      name: 'PAY Sprint 5',
      state: 'future',
      originBoardId: 3,
      startDate: '2027-01-04T09:00:00.000Z',
      endDate: '2027-01-17T17:00:00.000Z',
    });
    expect((await deliver(source, jira.webhookForSprint('sprint_created', 50))).status).toBe(202);
    await waitFor(
      () => sprint('JIRA-S50').catch(() => null),
      (s) => s !== null,
    );
    expect((await sprint('JIRA-S50')).sprint).toMatchObject({
      name: 'PAY Sprint 5',
      state: 'FUTURE',
      startDate: '2027-01-04',
    });

    const stale = {
      ...jira.webhookForSprint('sprint_updated', 50),
      timestamp: Date.now() - 60_000,
    };
    jira.putSprint({
      id: 50,
      name: 'PAY Sprint 5 (payments)',
      state: 'future',
      originBoardId: 3,
      startDate: '2027-01-05T09:00:00.000Z',
      endDate: '2027-01-19T17:00:00.000Z',
    });
    expect((await deliver(source, jira.webhookForSprint('sprint_updated', 50))).status).toBe(202);
    await waitFor(
      () => sprint('JIRA-S50'),
      (s) => s.sprint.name === 'PAY Sprint 5 (payments)',
    );
    expect(
      (await deliver(source, { ...stale, sprint: { ...stale.sprint, name: 'Old name' } })).status,
    ).toBe(202);
    await waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
    );
    expect((await sprint('JIRA-S50')).sprint).toMatchObject({
      name: 'PAY Sprint 5 (payments)',
      startDate: '2027-01-05',
      endDate: '2027-01-19',
      archivedAt: null,
    });

    expect((await deliver(source, jira.webhookForSprint('sprint_deleted', 50))).status).toBe(202);
    await waitFor(
      () => sprint('JIRA-S50'),
      (s) => s.sprint.archivedAt !== null,
    );
  });

  it('never returns secrets: no query shows the webhook secret or the credentials, nor the audit log', async () => {
    const all = JSON.stringify(
      await app.ok(
        `{ ticketSources { id name settings hasCredentials webhookPath }
           auditLog(entityType: "TICKET_SOURCE") { nodes { before after } } }`,
        {},
        owner.token,
      ),
    );
    expect(all).not.toContain(source.secret);
    expect(all).not.toContain(jira.apiToken);
    const [row] = await app.db.dataSource.query(
      `SELECT webhook_secret, credentials FROM ticket_sources WHERE id = $1`,
      [source.id],
    );
    expect(row.webhook_secret).toMatch(/^v1\./);
    expect(row.webhook_secret).not.toContain(source.secret);
    expect(row.credentials).not.toContain(jira.apiToken);
  });

  it('rotating the secret stops the old one at once', async () => {
    const rotated = await app.ok<{ rotateTicketSourceSecret: { webhookSecret: string } }>(
      `mutation($id: ID!) { rotateTicketSourceSecret(id: $id) { webhookSecret } }`,
      { id: source.id },
      owner.token,
    );
    const body = jira.webhookFor('jira:issue_updated', 'SPR-2');
    expect((await deliver(source, body, { deliveryId: randomUUID() })).status).toBe(401);
    const fresh = { ...source, secret: rotated.rotateTicketSourceSecret.webhookSecret };
    expect(fresh.secret.length).toBeGreaterThanOrEqual(43);
    expect((await deliver(fresh, body)).status).toBe(202);

    // a tracker that generates its own secret (Linear's form): pasted in, it is the one checked
    const pasted = 'linear-made-secret-0123456789';
    const given = await app.ok<{ rotateTicketSourceSecret: { webhookSecret: string } }>(
      `mutation($id: ID!, $s: String) { rotateTicketSourceSecret(id: $id, webhookSecret: $s) { webhookSecret } }`,
      { id: source.id, s: pasted },
      owner.token,
    );
    expect(given.rotateTicketSourceSecret.webhookSecret).toBe(pasted);
    expect((await deliver(fresh, body, { deliveryId: randomUUID() })).status).toBe(401);
    expect(
      (await deliver({ ...source, secret: pasted }, body, { deliveryId: randomUUID() })).status,
    ).toBe(202);
    const short = await app.gql(
      `mutation($id: ID!) { rotateTicketSourceSecret(id: $id, webhookSecret: "short") { webhookSecret } }`,
      { id: source.id },
      owner.token,
    );
    expect(JSON.stringify(short.errors)).toMatch(/webhookSecret.*at least 16/);
  });

  it('refuses bad settings, a bad site and members below ADMIN, naming the field', async () => {
    const bad = async (input: Record<string, unknown>) =>
      (
        await app.gql(
          `mutation($input: CreateTicketSourceInput!) { createTicketSource(input: $input) { webhookSecret } }`,
          { input },
          owner.token,
        )
      ).errors?.[0];
    expect(
      (await bad({ kind: 'JIRA_CLOUD', name: 'x', settings: { boardTeams: { '3': 'NOPE' } } }))
        ?.message,
    ).toMatch(/settings\.boardTeams\.3.*no team with key "NOPE"/);
    expect(
      (await bad({ kind: 'JIRA_CLOUD', name: 'x', settings: { storyPointsField: 'x y' } }))
        ?.message,
    ).toMatch(/settings\.storyPointsField/);
    expect(
      (await bad({ kind: 'JIRA_CLOUD', name: 'x', baseUrl: 'http://example.com' }))?.message,
    ).toMatch(/baseUrl.*https/);
    expect(
      (await bad({ kind: 'ASANA', name: 'x', settings: { sprintFrom: 'cycle' } }))?.message,
    ).toMatch(/settings\.sprintFrom/);
    expect((await bad({ kind: 'JIRA_CLOUD', name: 'Jira' }))?.message).toMatch(
      /name.*exists already/,
    );
  });
});
