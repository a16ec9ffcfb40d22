import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  asanaError,
  asanaUser,
  type AsanaAction,
  type AsanaCompact,
  type AsanaEvent,
  type AsanaTask,
} from './asana-shapes.js';

export type AsanaFault = { status: 429; retryAfterSeconds: number } | { status: 500 | 503 };

export interface AsanaRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  at: number;
  authorized: boolean;
  status?: number;
}

export interface TaskInput {
  gid: string;
  name?: string;
  /** project gid -> section name (null: no section); the projects must be put first */
  memberships?: { project: string; section?: string | null }[];
  /** the value of the number custom field named `pointsField` (default "Story Points") */
  points?: number | null;
  pointsField?: string;
  tags?: string[];
  completed?: boolean;
  /** the parent task's gid, or null */
  parent?: string | null;
}

const WORKSPACE: AsanaCompact = {
  gid: '1200000000000000',
  resource_type: 'workspace',
  name: 'Acme',
};

/**
 * Asana's REST API on 127.0.0.1, as far as a ticket source reads it: `GET /tasks/{gid}`,
 * `GET /tasks?project=&modified_since=&limit=&offset=` paged by `next_page.offset`,
 * `GET /tasks/{gid}/subtasks`, with `opt_fields` honoured (only the fields asked for, as Asana
 * answers), a Bearer token check (401), 404 for a deleted task, and faults on demand (429 with
 * Retry-After, 5xx). A stale read (Asana is eventually consistent) can be served once. Its clock
 * starts a day ago and moves one second per change, so modified_at orders every change.
 */
export class FakeAsana {
  readonly token: string;
  readonly requests: AsanaRequest[] = [];
  private readonly tasks = new Map<string, AsanaTask>();
  private readonly deleted = new Set<string>();
  private readonly projects = new Map<string, AsanaCompact>();
  private readonly stale = new Map<string, AsanaTask>();
  private readonly faults: AsanaFault[] = [];
  private clock = Math.floor(Date.now() / 1000) * 1000 - 86_400_000;
  private nextGid = 1_201_000_000_000_500;
  private baseUrl = '';

  private constructor(
    private readonly server: Server,
    token: string,
  ) {
    this.token = token;
  }

  static async start(
    token = '2/1200000000000001/1209999999999999:fakeasanatoken',
  ): Promise<FakeAsana> {
    const server = createServer();
    const fake = new FakeAsana(server, token);
    server.on('request', (req, res) => fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/1.0`;
    return fake;
  }

  /** the API's base URL (a source's baseUrl), as https://app.asana.com/api/1.0 */
  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  putProject(gid: string, name: string): void {
    this.projects.set(gid, { gid, resource_type: 'project', name });
  }

  /** Creates or edits a task as a user would: modified_at moves on. */
  putTask(input: TaskInput): AsanaTask {
    const now = this.tick();
    const old = this.tasks.get(input.gid);
    const task: AsanaTask = old
      ? structuredClone(old)
      : {
          gid: input.gid,
          resource_type: 'task',
          resource_subtype: 'default_task',
          name: '',
          notes: '',
          completed: false,
          completed_at: null,
          created_at: now,
          modified_at: now,
          due_on: null,
          assignee: null,
          workspace: WORKSPACE,
          memberships: [],
          projects: [],
          custom_fields: [],
          tags: [],
          parent: null,
          num_subtasks: 0,
          permalink_url: `https://app.asana.com/0/0/${input.gid}`,
        };
    if (input.name !== undefined) task.name = input.name;
    if (input.memberships !== undefined) {
      task.memberships = input.memberships.map((m) => {
        const project = this.projects.get(m.project);
        if (!project) throw new Error(`no project ${m.project}`);
        return {
          project,
          section: m.section
            ? {
                gid: this.sectionGid(m.project, m.section),
                resource_type: 'section',
                name: m.section,
              }
            : null,
        };
      });
      task.projects = task.memberships.map((m) => m.project);
    }
    if (input.points !== undefined) {
      const name = input.pointsField ?? 'Story Points';
      task.custom_fields = [
        {
          gid: '1201000000000200',
          resource_type: 'custom_field',
          name,
          type: 'number',
          resource_subtype: 'number',
          number_value: input.points,
          display_value: input.points === null ? null : String(input.points),
        },
      ];
    }
    if (input.tags !== undefined) {
      task.tags = input.tags.map((name) => ({
        gid: this.tagGid(name),
        resource_type: 'tag',
        name,
      }));
    }
    if (input.completed !== undefined) {
      task.completed = input.completed;
      task.completed_at = input.completed ? now : null;
    }
    if (input.parent !== undefined) {
      const parent = input.parent === null ? null : this.tasks.get(input.parent);
      if (input.parent !== null && !parent) throw new Error(`no task ${input.parent}`);
      task.parent = parent
        ? {
            gid: parent.gid,
            resource_type: 'task',
            name: parent.name,
            resource_subtype: 'default_task',
          }
        : null;
    }
    task.modified_at = now;
    this.tasks.set(task.gid, task);
    for (const t of this.tasks.values()) {
      t.num_subtasks = [...this.tasks.values()].filter((c) => c.parent?.gid === t.gid).length;
    }
    return task;
  }

  deleteTask(gid: string): void {
    if (!this.tasks.delete(gid)) throw new Error(`no task ${gid}`);
    this.deleted.add(gid);
    this.tick();
  }

  /** A copy of the task as it is now: served once later by `serveStaleOnce`. */
  snapshot(gid: string): AsanaTask {
    const task = this.tasks.get(gid);
    if (!task) throw new Error(`no task ${gid}`);
    return structuredClone(task);
  }

  /** The next GET /tasks/{gid} answers this older copy (a read that lags behind a write). */
  serveStaleOnce(copy: AsanaTask): void {
    this.stale.set(copy.gid, copy);
  }

  /**
   * The compact event Asana sends for a task: `changed` (with the field), `added` to / `removed`
   * from a project (its first project unless named), `deleted`, `undeleted`, dated by the fake's
   * clock (the task's modified_at).
   */
  eventFor(
    gid: string,
    action: AsanaAction,
    options: { field?: string; project?: string } = {},
  ): AsanaEvent {
    const task = this.tasks.get(gid);
    const project = options.project
      ? (this.projects.get(options.project) ?? null)
      : (task?.memberships[0]?.project ?? null);
    return {
      user: asanaUser(),
      created_at:
        task && action !== 'deleted' ? task.modified_at : new Date(this.clock).toISOString(),
      action,
      resource: { gid, resource_type: 'task', resource_subtype: 'default_task' },
      parent: action === 'added' || action === 'removed' ? project : null,
      ...(action === 'changed'
        ? { change: { field: options.field ?? 'name', action: 'changed' } }
        : {}),
    };
  }

  /** The next `count` API requests fail with `fault`. */
  failNext(count: number, fault: AsanaFault): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  /** Every API request fails with `fault` for the next `ms` milliseconds (an outage). */
  failFor(ms: number, fault: AsanaFault): void {
    this.outage = { fault, until: Date.now() + ms };
  }

  private outage: { fault: AsanaFault; until: number } | null = null;

  clearRequests(): void {
    this.requests.length = 0;
  }

  private readonly sections = new Map<string, string>();
  private sectionGid(project: string, name: string): string {
    const id = `${project}:${name}`;
    if (!this.sections.has(id)) this.sections.set(id, String(this.nextGid++));
    return this.sections.get(id)!;
  }

  private readonly tagIds = new Map<string, string>();
  private tagGid(name: string): string {
    if (!this.tagIds.has(name)) this.tagIds.set(name, String(this.nextGid++));
    return this.tagIds.get(name)!;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const record: AsanaRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/1\.0/, ''),
      query: Object.fromEntries(url.searchParams),
      at: Date.now(),
      authorized: req.headers.authorization === `Bearer ${this.token}`,
    };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (!record.authorized) {
      send(401, asanaError('Not Authorized'));
      return;
    }
    const fault =
      this.faults.shift() ??
      (this.outage && Date.now() < this.outage.until ? this.outage.fault : undefined);
    if (fault) {
      if (fault.status === 429) {
        send(429, asanaError('You have made too many requests recently. Please, be chill.'), {
          'retry-after': String(fault.retryAfterSeconds),
        });
      } else send(fault.status, asanaError('Server Error'));
      return;
    }
    if (req.method !== 'GET') {
      send(404, asanaError('No matching route for request'));
      return;
    }
    const fields = url.searchParams.get('opt_fields');
    const one = /^\/tasks\/(\d+)$/.exec(record.path);
    const subtasks = /^\/tasks\/(\d+)\/subtasks$/.exec(record.path);
    if (one) {
      const gid = one[1];
      const stale = this.stale.get(gid);
      this.stale.delete(gid);
      const task = stale ?? this.tasks.get(gid);
      if (!task) {
        send(404, asanaError(`task: Unknown object: ${gid}`));
        return;
      }
      send(200, { data: pick(task, fields) });
    } else if (subtasks) {
      if (!this.tasks.has(subtasks[1])) {
        send(404, asanaError(`task: Unknown object: ${subtasks[1]}`));
        return;
      }
      const list = [...this.tasks.values()].filter((t) => t.parent?.gid === subtasks[1]);
      this.page(list, url, fields, send);
    } else if (record.path === '/tasks') {
      const project = url.searchParams.get('project');
      if (!project) {
        send(
          400,
          asanaError(
            'project: Must specify exactly one of project, tag, section, user task list, or assignee + workspace',
          ),
        );
        return;
      }
      if (!this.projects.has(project)) {
        send(404, asanaError(`project: Unknown object: ${project}`));
        return;
      }
      const since = url.searchParams.get('modified_since');
      const sinceMs = since ? Date.parse(since) : NaN;
      if (since && Number.isNaN(sinceMs)) {
        send(400, asanaError('modified_since: Not a valid date-time'));
        return;
      }
      // a project's list holds its top-level tasks, in the project's order (creation here)
      const list = [...this.tasks.values()].filter(
        (t) =>
          t.memberships.some((m) => m.project.gid === project) &&
          (Number.isNaN(sinceMs) || Date.parse(t.modified_at) >= sinceMs),
      );
      this.page(list, url, fields, send);
    } else send(404, asanaError('No matching route for request'));
  }

  /** `limit` 1-100 (Asana refuses others), `offset` an opaque token from `next_page`. */
  private page(
    list: AsanaTask[],
    url: URL,
    fields: string | null,
    send: (status: number, body: unknown) => void,
  ): void {
    const limit = Number(url.searchParams.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      send(400, asanaError('limit: Must be between 1 and 100'));
      return;
    }
    const token = url.searchParams.get('offset');
    let start = 0;
    if (token) {
      const decoded = /^eyJ/.test(token)
        ? JSON.parse(Buffer.from(token, 'base64url').toString())
        : null;
      if (!decoded || typeof decoded.i !== 'number') {
        send(400, asanaError('offset: Your pagination token is invalid.'));
        return;
      }
      start = decoded.i;
    }
    const data = list.slice(start, start + limit).map((t) => pick(t, fields));
    let next_page = null;
    if (start + limit < list.length) {
      const offset = Buffer.from(JSON.stringify({ i: start + limit })).toString('base64url');
      const nextUrl = new URL(url.toString());
      nextUrl.searchParams.set('offset', offset);
      next_page = {
        offset,
        path: `${nextUrl.pathname.replace(/^\/api\/1\.0/, '')}${nextUrl.search}`,
        uri: nextUrl.toString(),
      };
    }
    send(200, { data, next_page });
  }
}

/**
 * Only the fields `opt_fields` asks for (dotted paths into nested objects and lists), with `gid`
 * and `resource_type` of every object, as Asana answers; without opt_fields, the whole record.
 */
export function pick(value: unknown, fields: string | null): unknown {
  if (!fields) return value;
  return pickPaths(
    value,
    fields.split(',').map((f) => f.trim().split('.')),
  );
}

function pickPaths(value: unknown, paths: string[][]): unknown {
  if (Array.isArray(value)) return value.map((v) => pickPaths(v, paths));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ('gid' in record) out.gid = record.gid;
  if ('resource_type' in record) out.resource_type = record.resource_type;
  const byHead = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) byHead.set(head, [...(byHead.get(head) ?? []), rest]);
  for (const [head, rests] of byHead) {
    if (!(head in record)) continue;
    const deeper = rests.filter((r) => r.length > 0);
    out[head] = deeper.length ? pickPaths(record[head], deeper) : compact(record[head]);
  }
  return out;
}

/** A nested record asked for by name alone: its compact form. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (typeof value !== 'object' || value === null) return value;
  const { gid, resource_type, name, resource_subtype } = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries({ gid, resource_type, name, resource_subtype }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}
