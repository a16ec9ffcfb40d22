import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetCircuits, TRACKER_HTTP } from '../sources/tracker-http.js';
import { githubGraphql } from './github-graphql.js';

/** GraphQL's own answers (errors inside a 200) on a bare local server. */
describe('githubGraphql', () => {
  let server: Server;
  let base = '';
  let answers: { body: object; headers?: Record<string, string> }[] = [];
  const seen: { at: number; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ at: Date.now(), body: Buffer.concat(chunks).toString() });
        const answer = answers.shift() ?? { body: { data: { ok: true } } };
        res.writeHead(200, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    resetCircuits();
  });

  const query = () =>
    githubGraphql<{ ok?: boolean; node?: null }>(
      { baseUrl: base, credentials: 't0k', settings: {} },
      {
        operationName: 'Q',
        query: 'query Q($id: ID!) { node(id: $id) { id } }',
        variables: { id: 'x' },
      },
      AbortSignal.timeout(10_000),
    );
  const limited = (resetInSeconds: number) => ({
    body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000 + resetInSeconds)),
    },
  });

  it('posts the query, operation name and variables to /graphql', async () => {
    expect(await query()).toEqual({ ok: true });
    expect(JSON.parse(seen[0].body)).toEqual({
      operationName: 'Q',
      query: 'query Q($id: ID!) { node(id: $id) { id } }',
      variables: { id: 'x' },
    });
  });

  it('waits out a 200 RATE_LIMITED until x-ratelimit-reset', async () => {
    answers = [limited(1)];
    expect(await query()).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(900);
  });

  it('fails at once when the reset is further out than the bound', async () => {
    answers = [limited(TRACKER_HTTP.maxRetryAfterMs / 1000 + 60)];
    await expect(query()).rejects.toThrow(/asked to wait \d+ s \(GraphQL rate limit\)/);
    expect(seen).toHaveLength(1);
  });

  it('a NOT_FOUND leaves the node null; another error fails the call', async () => {
    answers = [
      { body: { data: { node: null }, errors: [{ type: 'NOT_FOUND', message: 'gone' }] } },
    ];
    expect(await query()).toEqual({ node: null });
    answers = [{ body: { errors: [{ message: 'Field "x" doesn\'t exist on type "Issue"' }] } }];
    await expect(query()).rejects.toThrow(/GitHub GraphQL Q: Field "x" doesn't exist/);
  });
});
