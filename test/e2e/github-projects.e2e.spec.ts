import {
  FakeGithub,
  sendProjectItemWebhook,
  type FakeProject,
} from '../support/fake-github/index.js';
import { projectNodeIdOf } from '../support/lib-services.js';
import { TestApp, type Session } from '../support/test-app.js';
import { deliverGithub, storedTicket } from './github-live-support.js';
import { goalShares, sourceView, waitFor, type LiveSource } from './jira-live-support.js';

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/**
 * Two goals served by initiatives whose externalKeys are milestone titles, the team PLAT, and the
 * team WEB the project's iterations are sprints of (it has none yet: the iterations create them).
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Growth, horizon: ADJACENT }
teams: [{ key: PLAT, name: Platform, capacity: 30 }, { key: WEB, name: Web, capacity: 30 }]
cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q4, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q4, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PAY-100, title: Payments, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR1 }] }
  - { key: I2, externalKey: PAY-200, title: Signup, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR2 }] }
`;

const SETTINGS = {
  repositories: ['acme/payments'],
  project: { owner: 'acme', number: 7 },
  pointsField: 'Estimate',
  iterationField: 'Sprint',
  iterationTeam: 'WEB',
};

const SYNC = `mutation($id: ID!) { syncTicketSource(id: $id) { state created updated unchanged problems { path message } } }`;

/**
 * GitHub Projects (v2) fields end to end: the fake GitHub keeps issues and a project's items, sends
 * signed `issues` and `projects_v2_item` webhooks as GitHub documents them, and answers the
 * GraphQL reads the source makes for them (the webhooks carry no field values).
 */
describe('GitHub Projects fields', () => {
  let app: TestApp;
  let github: FakeGithub;
  let owner: Session;
  let source: LiveSource;
  let project: FakeProject;
  let other: FakeProject;
  const iterations = {
    Sprint: [
      { title: 'Iteration 1', startDate: day(-20), duration: 14 },
      { title: 'Iteration 2', startDate: day(-3), duration: 14 },
      { title: 'Iteration 3', startDate: day(11), duration: 14 },
    ],
  };
  const settle = () =>
    waitFor(
      () => sourceView(app, owner.token),
      (v) => v.pendingEvents === 0,
      30_000,
    );
  const deliverItem = (body: object, signature?: 'bad') =>
    sendProjectItemWebhook(source.url, body, { secret: source.secret, signature });
  const currentSprint = async (key: string) => {
    const rows: { name: string }[] = await app.db.dataSource.query(
      `SELECT s.name FROM ticket_sprints ts JOIN tickets t ON t.id = ts.ticket_id
         JOIN sprints s ON s.id = ts.sprint_id
        WHERE t.organization_id = $1 AND t.external_key = $2 ORDER BY ts.position DESC LIMIT 1`,
      [owner.organizationId, key],
    );
    return rows[0]?.name ?? null;
  };
  /** points are stored as numeric: read as numbers */
  const ticket = async (key: string) => {
    const row = await storedTicket(app, owner.organizationId, key);
    return row && { ...row, points: row.points === null ? null : Number(row.points) };
  };
  const eventStates = async (type: string) =>
    (
      (await app.db.dataSource.query(
        `SELECT state FROM source_events WHERE source_id = $1 AND event_type = $2 ORDER BY received_at`,
        [source.id, type],
      )) as { state: string }[]
    ).map((r) => r.state);

  beforeAll(async () => {
    app = await TestApp.start();
    github = await FakeGithub.start();
    project = github.projects.add({
      number: 7,
      numberFields: ['Estimate'],
      iterationFields: iterations,
    });
    other = github.projects.add({
      number: 8,
      numberFields: ['Estimate'],
      iterationFields: iterations,
    });
    owner = await app.signUp('GitHub Projects');
    const imported = await app.ok<{ importPlan: { problems: unknown[] } }>(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
      { y: PLAN },
      owner.token,
    );
    expect(imported.importPlan.problems).toEqual([]);
    const created = await app.ok<{
      createTicketSource: { source: { id: string; webhookPath: string }; webhookSecret: string };
    }>(
      `mutation($input: CreateTicketSourceInput!) {
         createTicketSource(input: $input) { source { id webhookPath } webhookSecret } }`,
      {
        input: {
          kind: 'GITHUB',
          name: 'GitHub',
          baseUrl: github.url,
          credentials: github.token,
          settings: SETTINGS,
        },
      },
      owner.token,
    );
    const { source: made, webhookSecret } = created.createTicketSource;
    source = { id: made.id, secret: webhookSecret, url: `${app.url}${made.webhookPath}` };
  });

  afterAll(async () => {
    await github.close();
    await app.close();
  });

  it('refuses bad project settings by field, and an iteration team that does not exist', async () => {
    const create = (settings: object) =>
      app.gql(
        `mutation($input: CreateTicketSourceInput!) { createTicketSource(input: $input) { webhookSecret } }`,
        { input: { kind: 'GITHUB', name: 'GitHub 2', settings } },
        owner.token,
      );
    const noNumber = await create({ ...SETTINGS, project: { owner: 'acme' } });
    expect(JSON.stringify(noNumber.errors)).toMatch(/settings\.project\.number/);
    const emptyField = await create({ ...SETTINGS, pointsField: '' });
    expect(JSON.stringify(emptyField.errors)).toMatch(/settings\.pointsField/);
    const noTeam = await create({ ...SETTINGS, iterationTeam: 'NOPE' });
    expect(JSON.stringify(noTeam.errors)).toMatch(
      /settings\.boardTeams\.acme\/projects\/7.*no team with key \\"NOPE\\"/,
    );
  });

  it('issues events read the item’s fields: points from Estimate, the ACTIVE sprint created for WEB', async () => {
    github.putIssue({ number: 1, title: 'Card form', milestone: 'PAY-100', labels: ['points:1'] });
    github.putIssue({ number: 2, title: 'Signup page', milestone: 'PAY-200' });
    github.projects.setItem(project, 1, { Estimate: 5, Sprint: 'Iteration 2' });
    github.projects.setItem(project, 2, { Estimate: 3, Sprint: 'Iteration 2' });
    for (const n of [1, 2]) {
      expect((await deliverGithub(source, github.webhookFor('opened', n))).status).toBe(202);
    }
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 8,
    );
    expect(shares.goals.G1).toEqual({ effort: 5, share: 5 / 8 });
    expect(shares.goals.G2).toEqual({ effort: 3, share: 3 / 8 });
    const sprints = await app.ok<{
      sprints: {
        nodes: {
          name: string;
          state: string;
          externalId: string;
          startDate: string;
          endDate: string;
        }[];
      };
    }>(
      `{ sprints(teamKey: "WEB") { nodes { name state externalId startDate endDate } } }`,
      {},
      owner.token,
    );
    expect(sprints.sprints.nodes).toEqual([
      {
        name: 'Iteration 2',
        state: 'ACTIVE',
        externalId: github.projects.iteration(project, 'Sprint', 'Iteration 2').id,
        startDate: day(-3),
        endDate: day(10),
      },
    ]);
    const reads = github.requests.filter((r) => r.path === '/graphql');
    expect(reads.map((r) => r.operation)).toEqual([
      'GithubProjectId',
      'GithubIssueItems',
      'GithubIssueItems',
    ]);
    expect(reads[0].variables).toEqual({ owner: 'acme', number: 7 });
    await settle();
    expect(await sourceView(app, owner.token)).toMatchObject({ deadLetters: 0 });
  });

  it('an item edit (the number field changed) updates the points and the alignment figures', async () => {
    const { item, field } = github.projects.setItem(project, 1, { Estimate: 13 });
    const body = github.projects.webhookFor('edited', item, field);
    expect(body).toMatchObject({
      action: 'edited',
      projects_v2_item: { content_type: 'Issue', project_node_id: project.id },
      changes: { field_value: { field_type: 'number' } },
    });
    expect((await deliverItem(body)).status).toBe(202);
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 16,
    );
    expect(shares.goals.G1).toEqual({ effort: 13, share: 13 / 16 });
    expect(await ticket('acme/payments#1')).toMatchObject({
      points: 13,
    });
  });

  it('an iteration change moves the ticket from a FUTURE sprint into the ACTIVE one', async () => {
    github.putIssue({ number: 3, title: 'Coupons', milestone: 'PAY-200' });
    const added = github.projects.setItem(project, 3, { Estimate: 2, Sprint: 'Iteration 3' });
    expect((await deliverItem(github.projects.webhookFor('created', added.item))).status).toBe(202);
    await settle();
    expect(await currentSprint('acme/payments#3')).toBe('Iteration 3');
    const future: { state: string; start_date: string }[] = await app.db.dataSource.query(
      `SELECT state, to_char(start_date, 'YYYY-MM-DD') AS start_date FROM sprints WHERE organization_id = $1 AND name = 'Iteration 3'`,
      [owner.organizationId],
    );
    expect(future).toEqual([{ state: 'FUTURE', start_date: day(11) }]);
    // a future sprint is not counted
    expect((await goalShares(app, owner.token)).totalEffort).toBe(16);
    const moved = github.projects.setItem(project, 3, { Sprint: 'Iteration 2' });
    expect(
      (await deliverItem(github.projects.webhookFor('edited', moved.item, moved.field))).status,
    ).toBe(202);
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 18,
    );
    expect(shares.goals.G2).toEqual({ effort: 5, share: 5 / 18 });
    expect(await currentSprint('acme/payments#3')).toBe('Iteration 2');
  });

  it('ignores an item of another project', async () => {
    const { item, field } = github.projects.setItem(other, 1, { Estimate: 40 });
    expect((await deliverItem(github.projects.webhookFor('edited', item, field))).status).toBe(202);
    await settle();
    expect(await eventStates('projects_v2_item.edited')).toEqual(['APPLIED', 'APPLIED', 'IGNORED']);
    expect(await ticket('acme/payments#1')).toMatchObject({
      points: 13,
    });
  });

  it('an item deleted leaves the issue a ticket without the project’s points and sprint', async () => {
    const { item } = github.projects.setItem(project, 2, {});
    github.projects.remove(item);
    expect((await deliverItem(github.projects.webhookFor('deleted', item))).status).toBe(202);
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 15,
    );
    expect(shares.goals.G2).toEqual({ effort: 2, share: 2 / 15 });
    expect(await ticket('acme/payments#2')).toMatchObject({
      points: null,
      archived_at: null,
    });
    expect(await currentSprint('acme/payments#2')).toBeNull();
  });

  it('waits out a GraphQL rate limit (200 RATE_LIMITED, x-ratelimit-remaining 0) until its reset', async () => {
    github.clearRequests();
    github.failNext(1, { status: 200, graphqlRateLimitedForSeconds: 1 });
    const { item, field } = github.projects.setItem(project, 3, { Estimate: 4 });
    expect((await deliverItem(github.projects.webhookFor('edited', item, field))).status).toBe(202);
    await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.totalEffort === 17,
    );
    const [limited, retried] = github.requests.filter((r) => r.path === '/graphql');
    expect(limited).toMatchObject({ status: 200, fault: true });
    expect(retried).toMatchObject({ status: 200, operation: 'GithubIssueItems' });
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(900);
    expect(await sourceView(app, owner.token)).toMatchObject({ deadLetters: 0 });
  });

  it('reconciliation through the project’s items heals a missed webhook, over two pages', async () => {
    // missed: the Estimate of #1 changed, and 101 issues joined the project, without webhooks
    github.projects.setItem(project, 1, { Estimate: 21 });
    for (let n = 10; n <= 110; n++) {
      github.putIssue({ number: n, title: `Issue ${n}`, labels: ['points:9'] });
      github.projects.setItem(project, n, { Estimate: 1 });
    }
    // outside the project: a ticket, and its points label is not read (pointsField gives points)
    github.putIssue({ number: 200, title: 'Outside', labels: ['points:9'] });
    github.clearRequests();
    const run = (
      await app.ok<{
        syncTicketSource: { state: string; created: number; problems: unknown[] };
      }>(SYNC, { id: source.id }, owner.token)
    ).syncTicketSource;
    expect(run).toMatchObject({ state: 'SUCCEEDED', created: 102, problems: [] });
    expect(await ticket('acme/payments#1')).toMatchObject({
      points: 21,
    });
    expect(await ticket('acme/payments#110')).toMatchObject({
      points: 1,
    });
    expect(await ticket('acme/payments#200')).toMatchObject({
      points: null,
      archived_at: null,
    });
    // #2 left the project: the full read found it through the repository, not archived
    expect(await ticket('acme/payments#2')).toMatchObject({
      archived_at: null,
    });
    const shares = await goalShares(app, owner.token);
    expect(shares.totalEffort).toBe(25);
    const pages = github.requests.filter((r) => r.operation === 'GithubProjectItems');
    expect(pages.map((p) => p.variables)).toEqual([
      { project: project.id, after: null },
      { project: project.id, after: expect.any(String) },
    ]);
  });

  it('a projects_v2_item webhook with a bad signature is refused (401) and nothing stored', async () => {
    const count = async () =>
      Number(
        (
          await app.db.dataSource.query(
            `SELECT count(*) AS n FROM source_events WHERE source_id = $1`,
            [source.id],
          )
        )[0].n,
      );
    const before = await count();
    const { item, field } = github.projects.setItem(project, 1, { Estimate: 99 });
    const res = await deliverItem(github.projects.webhookFor('edited', item, field), 'bad');
    expect(res.status).toBe(401);
    expect(await count()).toBe(before);
    expect(await ticket('acme/payments#1')).toMatchObject({
      points: 21,
    });
  });
  it('an item archived then restored, the archive processed late: the restore wins (GitHub’s clock)', async () => {
    github.putIssue({ number: 300, title: 'Back again', labels: [] });
    const { item, field } = github.projects.setItem(project, 300, { Estimate: 5 });
    expect((await deliverItem(github.projects.webhookFor('edited', item, field))).status).toBe(202);
    await settle();
    expect(await ticket('acme/payments#300')).toMatchObject({ points: 5 });
    github.projects.archive(item);
    const archived = github.projects.webhookFor('archived', item);
    github.projects.archive(item, false);
    const restored = github.projects.webhookFor('restored', item);
    expect((await deliverItem(restored)).status).toBe(202);
    await settle();
    // the archive arrives last: its own time (archived_at) is older than the restore's
    expect((await deliverItem(archived)).status).toBe(202);
    await settle();
    expect(await eventStates('projects_v2_item.archived')).toEqual(['APPLIED']);
    expect(await ticket('acme/payments#300')).toMatchObject({ points: 5, archived_at: null });
    expect(await currentSprint('acme/payments#300')).toBeNull();
  });

  it('reads a project’s node id once for calls that ask at once, and again after a failed read', async () => {
    // a project no read above asked for
    const third = github.projects.add({ number: 9, numberFields: ['Estimate'] });
    const connection = { baseUrl: github.url, credentials: github.token, settings: {} };
    const signal = new AbortController().signal;
    const before = github.requests.length;
    const ids = await Promise.all(
      [1, 2, 3].map(() => projectNodeIdOf({ owner: 'acme', number: 9 }, connection, signal)),
    );
    expect(new Set(ids)).toEqual(new Set([third.id]));
    const read = () =>
      github.requests.slice(before).filter((r) => r.operation === 'GithubProjectId').length;
    expect(read()).toBe(1);
    // a project the token cannot read fails every caller, and is read again next time
    const missing = { owner: 'acme', number: 99 };
    await expect(projectNodeIdOf(missing, connection, signal)).rejects.toThrow(/no project/);
    await expect(projectNodeIdOf(missing, connection, signal)).rejects.toThrow(/no project/);
    expect(read()).toBe(3);
  });
});
