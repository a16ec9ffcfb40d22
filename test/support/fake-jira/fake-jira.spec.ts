import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FakeJira,
  parseJiraDate,
  sendWebhook,
  signJira,
  type JiraIssue,
  type SearchPage,
} from './index.js';

/** The fake itself, proven over real HTTP before any product test leans on it. */
describe('FakeJira', () => {
  let jira: FakeJira;

  beforeEach(async () => {
    jira = await FakeJira.start({ email: 'bot@example.com', apiToken: 'secret-token' });
  });

  afterEach(async () => {
    await jira.close();
  });

  const get = (path: string, auth: string | null = jira.authorization) =>
    fetch(`${jira.url}${path}`, { headers: auth ? { authorization: auth } : {} });

  const search = async (params: Record<string, string>): Promise<SearchPage> => {
    const response = await get(`/rest/api/3/search/jql?${new URLSearchParams(params)}`);
    expect(response.status).toBe(200);
    return (await response.json()) as SearchPage;
  };

  it('pages 230 issues with nextPageToken, each exactly once, capped at 100 a page', async () => {
    for (let n = 1; n <= 230; n++) {
      jira.putIssue({ key: `PAY-${n}`, updated: new Date(Date.UTC(2026, 11, 5, 10, 0, n)) });
    }
    const keys: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    for (;;) {
      const params: Record<string, string> = {
        jql: 'project = PAY ORDER BY key',
        maxResults: '500',
        fields: 'summary,updated',
      };
      if (token) params.nextPageToken = token;
      const page = await search(params);
      keys.push(...page.issues.map((issue) => (issue as JiraIssue).key));
      sizes.push(page.issues.length);
      if (page.isLast) {
        expect(page.nextPageToken).toBeUndefined();
        break;
      }
      token = page.nextPageToken;
      expect(typeof token).toBe('string');
    }
    expect(sizes).toEqual([100, 100, 30]);
    expect(new Set(keys).size).toBe(230);
    expect(keys[0]).toBe('PAY-1');
    expect(keys[229]).toBe('PAY-230');
    const searches = jira.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    expect(searches).toHaveLength(3);
    expect(searches[0]!.query.nextPageToken).toBeUndefined();
    expect(searches[1]!.query.nextPageToken).toBeDefined();
  });

  it('pages the POST variant at 50 by default and answers only ids when no fields are asked', async () => {
    for (let n = 1; n <= 120; n++) jira.putIssue({ key: `OPS-${n}` });
    const ids: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const response = await fetch(`${jira.url}/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { authorization: jira.authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ jql: 'project in (OPS)', nextPageToken }),
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as SearchPage;
      pages++;
      for (const issue of page.issues) {
        expect(Object.keys(issue)).toEqual(['id']);
        ids.push((issue as { id: string }).id);
      }
      nextPageToken = page.isLast ? undefined : page.nextPageToken;
    } while (nextPageToken);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(120);
  });

  it('filters on updated in both JQL date formats, with project and ORDER BY updated', async () => {
    jira.putIssue({ key: 'PAY-1', updated: '2026-12-05T09:59:59.999+0000' });
    jira.putIssue({ key: 'PAY-2', updated: '2026-12-05T10:20:00.000+0000' });
    jira.putIssue({ key: 'PAY-3', updated: '2026-12-05T10:00:00.000+0000' });
    jira.putIssue({ key: 'OPS-1', updated: '2026-12-06T08:00:00.000+0000' });
    const keysOf = async (jql: string) =>
      (await search({ jql, fields: 'updated' })).issues.map((i) => (i as JiraIssue).key);

    expect(await keysOf('updated >= "2026-12-05 10:00" ORDER BY updated ASC')).toEqual([
      'PAY-3',
      'PAY-2',
      'OPS-1',
    ]);
    expect(
      await keysOf('updated >= "2026/12/05 10:00" AND project in (PAY, XYZ) ORDER BY updated ASC'),
    ).toEqual(['PAY-3', 'PAY-2']);
    expect(await keysOf('project = OPS AND updated >= "2026-12-05 10:00"')).toEqual(['OPS-1']);
    expect(await keysOf('project = PAY ORDER BY key DESC')).toEqual(['PAY-3', 'PAY-2', 'PAY-1']);
  });

  it('answers 400 in Jira error shape for JQL it does not know, and for unbounded JQL', async () => {
    for (const jql of ['assignee = currentUser()', 'updated >= "5 Dec 2026"', 'ORDER BY key', '']) {
      const response = await get(`/rest/api/3/search/jql?${new URLSearchParams({ jql })}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errorMessages: string[]; errors: object };
      expect(body.errors).toEqual({});
      expect(body.errorMessages).toHaveLength(1);
    }
  });

  it('answers 401 without Basic auth or with the wrong token', async () => {
    jira.putIssue({ key: 'PAY-1' });
    const path = `/rest/api/3/search/jql?jql=project%3DPAY`;
    expect((await get(path, null)).status).toBe(401);
    const wrong = `Basic ${Buffer.from('bot@example.com:other').toString('base64')}`;
    const response = await get(path, wrong);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errorMessages: string[] }).errorMessages).toHaveLength(1);
    expect((await get(path)).status).toBe(200);
    expect(jira.requests.map((r) => r.authorized)).toEqual([false, false, true]);
  });

  it('injects 429 with Retry-After, then 5xx, then a hang, each on the next REST call', async () => {
    jira.putIssue({ key: 'PAY-1' });
    const path = '/rest/api/3/search/jql?jql=project%3DPAY';
    jira.failNext(1, { status: 429, retryAfterSeconds: 2 });
    jira.failNext(1, { status: 429 });
    jira.failNext(1, { status: 503 });
    jira.failNext(1, { hangMs: 300 });
    const limited = await get(path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    const bare = await get(path);
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    expect((await get(path)).status).toBe(503);
    const started = Date.now();
    expect((await get(path)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect((await get(path)).status).toBe(200);
    expect(jira.requests.map((r) => r.status)).toEqual([429, 429, 503, 200, 200]);
    expect(jira.requests.every((r) => typeof r.at === 'number')).toBe(true);
  });

  it('when down answers 503 to every call, or destroys the socket, until brought back', async () => {
    jira.putIssue({ key: 'PAY-1' });
    const path = '/rest/api/3/search/jql?jql=project%3DPAY';
    jira.setDown(true);
    expect((await get(path)).status).toBe(503);
    expect((await get('/rest/agile/1.0/board/3/sprint')).status).toBe(503);
    jira.setDown(true, 'reset');
    await expect(get(path)).rejects.toThrow();
    jira.setDown(false);
    expect((await get(path)).status).toBe(200);
  });

  it('stamps each edit strictly later and builds webhooks from its current state', async () => {
    jira.putSprint({
      id: 12,
      name: 'PAY Sprint 1',
      state: 'future',
      originBoardId: 3,
      startDate: '2026-12-01T09:00:00.000Z',
      endDate: '2026-12-14T17:00:00.000Z',
    });
    jira.putIssue({ key: 'PAY-10', type: 'Epic', summary: 'Payments' });
    const first = jira.putIssue({ key: 'PAY-1', parentKey: 'PAY-10', storyPoints: 5 });
    const second = jira.putIssue({ key: 'PAY-1', status: 'In Progress', sprintIds: [12] });
    expect(second.fields.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(+parseJiraDate(second.fields.updated)).toBeGreaterThan(
      +parseJiraDate(first.fields.updated),
    );
    expect(second.fields.status.statusCategory.key).toBe('indeterminate');
    expect(second.fields.parent?.fields.issuetype).toMatchObject({
      name: 'Epic',
      hierarchyLevel: 1,
    });

    const updated = jira.webhookFor('jira:issue_updated', 'PAY-1');
    expect(updated).toMatchObject({
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      issue: { key: 'PAY-1', fields: { customfield_10016: 5 } },
    });
    expect(updated.changelog?.items.map((item) => item.field).sort()).toEqual(['Sprint', 'status']);

    // a sprint starting changes the issue's sprint field but not its `updated`, as in Jira
    jira.putSprint({ ...jira.webhookForSprint('sprint_updated', 12).sprint, state: 'active' });
    expect(jira.issue('PAY-1')!.fields.customfield_10020).toEqual([
      expect.objectContaining({ id: 12, state: 'active', boardId: 3 }),
    ]);
    expect(jira.issue('PAY-1')!.fields.updated).toBe(second.fields.updated);
    expect(jira.webhookForSprint('sprint_started', 12).sprint).toMatchObject({
      id: 12,
      state: 'active',
      originBoardId: 3,
      goal: '',
    });
    const sprints = await get('/rest/agile/1.0/board/3/sprint?startAt=0&maxResults=50');
    expect(await sprints.json()).toMatchObject({ isLast: true, values: [{ id: 12 }] });
    expect((await get('/rest/agile/1.0/board/99/sprint')).status).toBe(404);

    jira.putIssue({ key: 'PAY-2', type: 'Sub-task', parentKey: 'PAY-1' });
    expect(jira.issue('PAY-2')!.fields.issuetype).toMatchObject({
      subtask: true,
      hierarchyLevel: -1,
    });
    jira.deleteIssue('PAY-2');
    expect(jira.webhookFor('jira:issue_deleted', 'PAY-2').issue.key).toBe('PAY-2');
    expect(jira.issues().map((issue) => issue.key)).toEqual(['PAY-10', 'PAY-1']);
  });

  describe('webhooks', () => {
    let receiver: Server;
    let received: { headers: IncomingHttpHeaders; raw: Buffer }[];
    let hookUrl: string;

    beforeEach(async () => {
      received = [];
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
          res.writeHead(202).end('accepted');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/jira_cloud/src-1`;
    });

    afterEach(async () => {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    });

    it('signJira is sha256= and the hex HMAC-SHA256 of the raw bytes under the secret', () => {
      const raw = Buffer.from('{"webhookEvent":"jira:issue_updated","é":1}', 'utf8');
      const expected = createHmac('sha256', 'sëcret').update(raw).digest('hex');
      expect(signJira('sëcret', raw)).toBe(`sha256=${expected}`);
    });

    it('sends the signed raw body with Atlassian headers, and bad or missing signatures', async () => {
      jira.putIssue({ key: 'PAY-1' });
      const answer = await sendWebhook(hookUrl, jira.webhookFor('jira:issue_created', 'PAY-1'), {
        secret: 'shh',
        deliveryId: 'delivery-1',
        retry: 2,
      });
      expect(answer).toMatchObject({ status: 202, body: 'accepted' });
      expect(answer.ms).toBeGreaterThanOrEqual(0);
      const [delivery] = received;
      expect(delivery!.headers).toMatchObject({
        'content-type': 'application/json',
        'x-atlassian-webhook-identifier': 'delivery-1',
        'x-atlassian-webhook-retry': '2',
        'x-atlassian-webhook-flow': 'Primary',
        'x-hub-signature': signJira('shh', delivery!.raw),
      });
      expect(JSON.parse(delivery!.raw.toString('utf8'))).toMatchObject({
        webhookEvent: 'jira:issue_created',
        issue_event_type_name: 'issue_created',
        issue: { key: 'PAY-1' },
      });

      await sendWebhook(hookUrl, '{not json', { secret: 'shh', signature: 'valid' });
      expect(received[1]!.raw.toString('utf8')).toBe('{not json');
      expect(received[1]!.headers['x-hub-signature']).toBe(signJira('shh', received[1]!.raw));
      expect(received[1]!.headers['x-atlassian-webhook-retry']).toBeUndefined();

      await sendWebhook(hookUrl, { a: 1 }, { secret: 'shh', signature: 'bad' });
      expect(received[2]!.headers['x-hub-signature']).not.toBe(signJira('shh', received[2]!.raw));
      await sendWebhook(hookUrl, { a: 1 }, { secret: 'shh', signature: 'missing' });
      expect(received[3]!.headers['x-hub-signature']).toBeUndefined();
    });
  });
});
