import http from 'node:http';
import { TestApp, type Session } from '../support/test-app.js';

/**
 * The streaming upload answers some requests before it has read their body (refused by the
 * guard, by a row that refuses the whole file, by its size). A client that keeps its connection
 * alive must still get an answer to its next request: the API closes such a connection instead
 * of leaving the unread rest of the body on it (which left the next request unread until the
 * client gave up).
 */
describe('a refused upload does not strand the connection it came on', () => {
  let app: TestApp;
  let owner: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp();
  });
  afterAll(() => app.close());

  /** One request on `agent`; resolves with the status, or 0 when nothing came in 5 s. */
  const request = (
    agent: http.Agent,
    method: string,
    path: string,
    headers: Record<string, string | number> = {},
    body?: string,
  ) =>
    new Promise<number>((resolve) => {
      const req = http.request(new URL(path, app.url), { method, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.setTimeout(5_000, () => {
        req.destroy();
        resolve(0);
      });
      // a write error around an early answer is expected: the answer still arrives
      req.on('error', () => undefined);
      req.end(body);
    });

  const csv = (body: string, token?: string) => ({
    'content-type': 'text/csv',
    'content-length': Buffer.byteLength(body),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const oneHugeField = `Issue key,Summary\nPAY-1,"${'x'.repeat(2 * 1024 * 1024)}"\n`;

  it.each([
    ['refused by the guard (401)', () => csv(oneHugeField), 401],
    ['a record over the limit refuses the file (400)', () => csv(oneHugeField, owner.token), 400],
  ])('%s, then the next request on the same socket is answered', async (_, headers, status) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await request(agent, 'POST', '/imports/jira-csv', headers(), oneHugeField)).toBe(
        status,
      );
      expect(await request(agent, 'GET', '/health/live')).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
