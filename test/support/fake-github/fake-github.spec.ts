import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGithub, sendGithubWebhook } from './index.js';

/** The fake itself: what the GitHub tests rely on it to do as GitHub does. */
describe('FakeGithub', () => {
  let github: FakeGithub;
  const get = (path: string, token: string | null = github.token) =>
    fetch(`${github.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    github = await FakeGithub.start();
    for (let n = 1; n <= 5; n++) github.putIssue({ number: n, title: `Issue ${n}` });
    github.putIssue({ number: 2, state: 'closed', stateReason: 'not_planned' });
  });

  afterAll(() => github.close());

  it('refuses a wrong token with 401 Bad credentials', async () => {
    const res = await get('/repos/acme/payments/issues', 'nope');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe('Bad credentials');
  });

  it('lists open issues by default; state=all, since and sort=updated asc; rate-limit headers', async () => {
    const open = await get('/repos/acme/payments/issues');
    expect(open.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(((await open.json()) as unknown[]).length).toBe(4);
    const all = (await (
      await get('/repos/acme/payments/issues?state=all&sort=updated&direction=asc')
    ).json()) as { number: number; updated_at: string }[];
    expect(all.map((i) => i.number)).toEqual([1, 3, 4, 5, 2]);
    expect(all[0].updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const since = (await (
      await get(`/repos/acme/payments/issues?state=all&since=${all[3].updated_at}`)
    ).json()) as unknown[];
    expect(since.length).toBe(2);
  });

  it('pages with Link rel="next" and rel="last"', async () => {
    const res = await get('/repos/acme/payments/issues?state=all&per_page=2');
    expect(res.headers.get('link')).toMatch(/page=2>; rel="next", <[^>]+page=3>; rel="last"/);
    const last = await get('/repos/acme/payments/issues?state=all&per_page=2&page=3');
    expect(last.headers.get('link')).not.toMatch(/rel="next"/);
    expect(((await last.json()) as unknown[]).length).toBe(1);
  });

  it('injects a used-up rate limit (403, remaining 0, reset) and a secondary limit (429)', async () => {
    github.failNext(1, { status: 403, resetInSeconds: 30 });
    const limited = await get('/repos/acme/payments/issues');
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    github.failNext(1, { status: 429, retryAfterSeconds: 3 });
    expect((await get('/repos/acme/payments/issues')).headers.get('retry-after')).toBe('3');
  });

  it('signs webhooks like GitHub and builds them from the current state', async () => {
    let seen: { headers: Record<string, unknown>; raw: Buffer } | null = null;
    const hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { headers: req.headers, raw: Buffer.concat(chunks) };
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const body = github.webhookFor('closed', 2);
      expect(body).toMatchObject({
        action: 'closed',
        issue: { number: 2, state: 'closed', state_reason: 'not_planned' },
        repository: { full_name: 'acme/payments' },
      });
      const port = (hook.address() as AddressInfo).port;
      await sendGithubWebhook(`http://127.0.0.1:${port}/`, body, { secret: 's' });
      const { headers, raw } = seen!;
      expect(headers['x-github-event']).toBe('issues');
      expect(headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      expect(headers['x-hub-signature-256']).toBe(
        `sha256=${createHmac('sha256', 's').update(raw).digest('hex')}`,
      );
    } finally {
      await new Promise<void>((resolve) => hook.close(() => resolve()));
    }
  });

  it('answers GraphQL by operation name from the variables, with GitHub’s error shapes', async () => {
    const project = github.projects.add({ number: 7, numberFields: ['Estimate'] });
    github.projects.setItem(project, 1, { Estimate: 5 });
    const post = async (body: object) =>
      (await (
        await fetch(`${github.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${github.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as { data?: Record<string, any>; errors?: { type?: string; message: string }[] };
    const byId = await post({
      operationName: 'GithubProjectId',
      query: 'query GithubProjectId($owner: String!, $number: Int!) { ... }',
      variables: { owner: 'acme', number: 7 },
    });
    expect(byId.data).toEqual({
      repositoryOwner: { __typename: 'Organization', projectV2: { id: project.id } },
    });
    const missing = await post({
      operationName: 'GithubProjectId',
      query: 'query GithubProjectId($owner: String!, $number: Int!) { ... }',
      variables: { owner: 'acme', number: 9 },
    });
    expect(missing.errors?.[0].type).toBe('NOT_FOUND');
    const noVariable = await post({
      query: 'query GithubIssueItems($id: ID!) { ... }',
      variables: {},
    });
    expect(noVariable.errors?.[0].message).toMatch(/Variable \$id of type ID!/);
    const items = await post({
      query:
        'query GithubProjectItems($project: ID!, $after: String) { node { items(first: 100, after: $after) { } } }',
      variables: { project: project.id, after: null },
    });
    expect(items.data?.node.items.nodes).toMatchObject([
      {
        content: { __typename: 'Issue', number: 1, state: 'OPEN' },
        fieldValues: {
          nodes: [
            { __typename: 'ProjectV2ItemFieldTextValue' },
            { __typename: 'ProjectV2ItemFieldNumberValue', number: 5, field: { name: 'Estimate' } },
          ],
        },
      },
    ]);
    const tooMany = await post({
      query: 'query GithubProjectItems($project: ID!) { node { items(first: 101) { } } }',
      variables: { project: project.id },
    });
    expect(tooMany.errors?.[0].type).toBe('EXCESSIVE_PAGINATION');
  });
});
