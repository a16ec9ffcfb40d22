import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resetCircuits, TRACKER_HTTP } from '../sources/tracker-http.js';
import { readGithub } from './github-client.js';

/** The rate-limit handling of the shared client as GitHub needs it, on a bare local server. */
describe('readGithub rate limits', () => {
  let server: Server;
  let base = '';
  let answers: ((url: string) => { status: number; headers: Record<string, string> })[] = [];
  const seen: { url: string; at: number; auth: string | undefined }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', at: Date.now(), auth: req.headers.authorization });
      const answer = answers.shift()?.(req.url ?? '') ?? { status: 200, headers: {} };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.status === 200 ? '[]' : '{"message":"API rate limit exceeded"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    resetCircuits();
  });

  const read = async () => {
    const pages = [];
    for await (const page of readGithub(
      { baseUrl: base, credentials: 't0k', settings: { repositories: ['acme/payments'] } },
      null,
      AbortSignal.timeout(10_000),
    )) {
      pages.push(page);
    }
    return pages;
  };

  it('waits until x-ratelimit-reset after a 403 with x-ratelimit-remaining 0', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 1;
    answers = [
      () => ({
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      }),
    ];
    expect(await read()).toEqual([{ events: [], newestUpdate: null }]);
    expect(seen).toHaveLength(2);
    expect(seen[1].at).toBeGreaterThanOrEqual(reset * 1000 - 50);
    expect(seen[0].auth).toBe('Bearer t0k');
    expect(seen[0].url).toMatch(/state=all&per_page=100&sort=updated&direction=asc$/);
  });

  it('fails at once when the reset is further out than the bound', async () => {
    const reset = Math.ceil((Date.now() + TRACKER_HTTP.maxRetryAfterMs) / 1000) + 60;
    answers = [
      () => ({
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      }),
    ];
    await expect(read()).rejects.toThrow(/asked to wait \d+ s \(rate limit reset\)/);
    expect(seen).toHaveLength(1);
  });

  it('a 403 that is no rate limit is a refusal, not retried', async () => {
    answers = [() => ({ status: 403, headers: { 'x-ratelimit-remaining': '4999' } })];
    await expect(read()).rejects.toThrow(/answered 403/);
    expect(seen).toHaveLength(1);
  });

  it('refuses to reconcile without repositories', async () => {
    const run = readGithub(
      { baseUrl: base, credentials: 't', settings: {} },
      null,
      AbortSignal.timeout(1000),
    );
    await expect(run[Symbol.asyncIterator]().next()).rejects.toThrow(/settings\.repositories/);
  });
});
