import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AsanaWebhookSender, FakeAsana } from './index.js';

const PROJECT = '1201000000000001';

/** The fake itself: what the Asana tests rely on it to do as Asana does. */
describe('FakeAsana', () => {
  let asana: FakeAsana;
  const get = async (path: string, token: string | null = asana.token) => {
    const res = await fetch(`${asana.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    asana = await FakeAsana.start();
    asana.putProject(PROJECT, 'Sprint 12');
    for (let n = 1; n <= 5; n++) {
      asana.putTask({
        gid: String(100 + n),
        name: `Task ${n}`,
        memberships: [{ project: PROJECT, section: 'To do' }],
        points: n,
        tags: ['epic:PAY-100'],
      });
    }
    asana.putTask({ gid: '200', name: 'Sub', parent: '101' });
  });

  afterAll(() => asana.close());

  it('refuses a wrong token with 401 and Asana’s error body', async () => {
    const res = await get('/tasks/101', 'nope');
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toBe('Not Authorized');
  });

  it('answers a task with only the opt_fields asked for, plus gid and resource_type', async () => {
    const res = await get('/tasks/101?opt_fields=name,memberships.section.name,tags.name');
    expect(res.body).toEqual({
      data: {
        gid: '101',
        resource_type: 'task',
        name: 'Task 1',
        memberships: [
          { section: { gid: expect.any(String), resource_type: 'section', name: 'To do' } },
        ],
        tags: [{ gid: expect.any(String), resource_type: 'tag', name: 'epic:PAY-100' }],
      },
    });
    const whole = await get('/tasks/101');
    expect(whole.body.data).toMatchObject({
      num_subtasks: 1,
      custom_fields: [{ number_value: 1 }],
    });
  });

  it('pages a project’s tasks by next_page.offset, filters by modified_since, lists sub-tasks', async () => {
    const first = await get(`/tasks?project=${PROJECT}&limit=2`);
    expect(first.body.data.map((t: { gid: string }) => t.gid)).toEqual(['101', '102']);
    const offset = first.body.next_page.offset;
    const second = await get(`/tasks?project=${PROJECT}&limit=2&offset=${offset}`);
    expect(second.body.data.map((t: { gid: string }) => t.gid)).toEqual(['103', '104']);
    const last = await get(
      `/tasks?project=${PROJECT}&limit=2&offset=${second.body.next_page.offset}`,
    );
    expect(last.body.next_page).toBeNull();
    const since = (await get('/tasks/104')).body.data.modified_at;
    const changed = await get(`/tasks?project=${PROJECT}&modified_since=${since}`);
    expect(changed.body.data.map((t: { gid: string }) => t.gid)).toEqual(['104', '105']);
    expect((await get(`/tasks?limit=2`)).status).toBe(400);
    expect((await get(`/tasks?project=${PROJECT}&limit=101`)).status).toBe(400);
    expect((await get('/tasks/101/subtasks')).body.data.map((t: { gid: string }) => t.gid)).toEqual(
      ['200'],
    );
  });

  it('answers 404 for a deleted task, 429 with Retry-After on demand, and a stale read once', async () => {
    const old = asana.snapshot('105');
    asana.putTask({ gid: '105', name: 'Renamed' });
    asana.serveStaleOnce(old);
    expect((await get('/tasks/105')).body.data.name).toBe('Task 5');
    expect((await get('/tasks/105')).body.data.name).toBe('Renamed');
    asana.failNext(1, { status: 429, retryAfterSeconds: 3 });
    const limited = await get('/tasks/101');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    asana.deleteTask('104');
    const gone = await get('/tasks/104');
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].message).toBe('task: Unknown object: 104');
  });

  it('performs the handshake, then signs compact events with the secret it was answered', async () => {
    const seen: { headers: IncomingHttpHeaders; raw: Buffer }[] = [];
    const hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, raw: Buffer.concat(chunks) });
        const secret = req.headers['x-hook-secret'];
        if (typeof secret === 'string') res.writeHead(200, { 'x-hook-secret': secret }).end();
        else res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const sender = new AsanaWebhookSender(
        `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`,
      );
      expect((await sender.handshake()).status).toBe(200);
      expect(sender.secret).toMatch(/^[0-9a-f]{32}$/);
      expect(seen[0].raw.length).toBe(0);
      const event = asana.eventFor('101', 'changed', { field: 'name' });
      expect(event).toMatchObject({
        action: 'changed',
        resource: { gid: '101', resource_type: 'task' },
        change: { field: 'name' },
      });
      await sender.send([event]);
      const { headers, raw } = seen[1];
      expect(JSON.parse(raw.toString())).toEqual({ events: [event] });
      expect(headers['x-hook-signature']).toBe(
        createHmac('sha256', sender.secret!).update(raw).digest('hex'),
      );
    } finally {
      await new Promise<void>((resolve) => hook.close(() => resolve()));
    }
  });
});
