import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cycleWebhookData,
  issueNode,
  issueWebhookData,
  type LinearCycle,
  type LinearIssue,
  type LinearWebhookBody,
  type StateType,
  type WebhookAction,
} from './linear-shapes.js';

export type LinearFault = { status: 429; retryAfterSeconds?: number } | { status: 503 };

export interface LinearRequest {
  path: string;
  variables: Record<string, unknown>;
  authorized: boolean;
  at: number;
  status: number;
}

export interface IssueInput {
  identifier: string;
  title?: string;
  estimate?: number | null;
  /** a workflow state's name; its type from STATES, else 'unstarted' */
  state?: string;
  labels?: string[];
  cycleId?: string | null;
  /** a project's name (its id is made from it) */
  project?: string | null;
  parent?: string | null;
}

const STATES: Record<string, StateType> = {
  Triage: 'triage',
  Backlog: 'backlog',
  Todo: 'unstarted',
  'In Progress': 'started',
  Done: 'completed',
  Canceled: 'canceled',
};

/**
 * A Linear workspace on 127.0.0.1 answering `POST /graphql` for the `issues` query a ticket source
 * reconciles with (filter by updatedAt and team key, `first`/`after` cursor paging), with an API
 * key check, faults on demand and a request log; its state builds webhook bodies shaped like
 * Linear's documented payloads.
 */
export class FakeLinear {
  readonly apiKey = 'lin_api_fake_0123456789';
  readonly organizationId = randomUUID();
  readonly team = { id: randomUUID(), key: 'ENG' };
  readonly requests: LinearRequest[] = [];
  private readonly issues = new Map<string, LinearIssue>();
  private readonly removed = new Map<string, LinearIssue>();
  private readonly cycles = new Map<string, LinearCycle>();
  private readonly faults: LinearFault[] = [];
  private down = false;
  private clock = 0;
  url = '';

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeLinear> {
    const server = createServer();
    const fake = new FakeLinear(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** a strictly increasing update time, so every edit is newer than the last */
  private tick(): string {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return new Date(this.clock).toISOString();
  }

  putCycle(cycle: Omit<LinearCycle, 'team' | 'completedAt'> & { completedAt?: string | null }) {
    this.cycles.set(cycle.id, { completedAt: null, team: this.team, ...cycle });
  }

  /** Creates or edits an issue as a Linear user would; its updatedAt moves on. */
  putIssue(input: IssueInput): LinearIssue {
    const old = this.issues.get(input.identifier);
    const at = this.tick();
    const stateName = input.state ?? old?.state.name ?? 'Todo';
    const project = input.project === undefined ? (old?.project?.name ?? null) : input.project;
    const cycleId = input.cycleId === undefined ? (old?.cycle?.id ?? null) : input.cycleId;
    const parent = input.parent === undefined ? (old?.parent?.identifier ?? null) : input.parent;
    const issue: LinearIssue = {
      id: old?.id ?? randomUUID(),
      identifier: input.identifier,
      title: input.title ?? old?.title ?? input.identifier,
      estimate: input.estimate === undefined ? (old?.estimate ?? null) : input.estimate,
      createdAt: old?.createdAt ?? at,
      updatedAt: at,
      state: { id: `state-${stateName}`, name: stateName, type: STATES[stateName] ?? 'unstarted' },
      labels: (input.labels ?? old?.labels.map((l) => l.name) ?? []).map((name) => ({
        id: `label-${name}`,
        name,
      })),
      cycle: cycleId ? (this.cycles.get(cycleId) ?? null) : null,
      project: project ? { id: `project-${project.toLowerCase()}`, name: project } : null,
      team: this.team,
      parent: parent
        ? { id: this.issues.get(parent)?.id ?? randomUUID(), identifier: parent }
        : null,
    };
    this.issues.set(issue.identifier, issue);
    return issue;
  }

  deleteIssue(identifier: string): void {
    const issue = this.issues.get(identifier);
    if (!issue) return;
    this.issues.delete(identifier);
    this.removed.set(identifier, { ...issue, updatedAt: this.tick() });
  }

  /** A webhook body for the issue's current state (or, for remove, its last one). */
  webhookFor(action: WebhookAction, identifier: string, at = Date.now()): LinearWebhookBody {
    const issue = this.issues.get(identifier) ?? this.removed.get(identifier);
    if (!issue) throw new Error(`no issue ${identifier}`);
    return this.envelope(action, 'Issue', issueWebhookData(issue), issue.identifier, at);
  }

  webhookForCycle(action: WebhookAction, id: string, at = Date.now()): LinearWebhookBody {
    const cycle = this.cycles.get(id);
    if (!cycle) throw new Error(`no cycle ${id}`);
    return this.envelope(action, 'Cycle', cycleWebhookData(cycle), `cycle/${id}`, at);
  }

  private envelope(
    action: WebhookAction,
    type: string,
    data: Record<string, unknown>,
    path: string,
    at: number,
  ): LinearWebhookBody {
    return {
      action,
      type,
      createdAt: new Date(at).toISOString(),
      data,
      url: `https://linear.app/fake/${type.toLowerCase()}/${path}`,
      organizationId: this.organizationId,
      webhookTimestamp: at,
      webhookId: 'fake-webhook',
    };
  }

  /** The next calls fail so, in order. */
  fail(...faults: LinearFault[]): void {
    this.faults.push(...faults);
  }

  setDown(down: boolean): void {
    this.down = down;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: { query?: unknown; variables?: Record<string, unknown> } = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      /* answered 400 below */
    }
    const record: LinearRequest = {
      path: req.url ?? '',
      variables: body.variables ?? {},
      authorized: req.headers.authorization === this.apiKey,
      at: Date.now(),
      status: 0,
    };
    this.requests.push(record);
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const fault = this.faults.shift();
    if (fault?.status === 429) {
      return answer(
        429,
        { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] },
        {
          'retry-after': String(fault.retryAfterSeconds ?? 1),
          'x-ratelimit-requests-remaining': '0',
        },
      );
    }
    if (fault?.status === 503) return answer(503, { errors: [{ message: 'unavailable' }] });
    if (req.method !== 'POST' || record.path !== '/graphql') {
      return answer(404, { errors: [{ message: 'not found' }] });
    }
    if (!record.authorized) {
      return answer(401, {
        errors: [
          { message: 'Authentication required', extensions: { code: 'AUTHENTICATION_ERROR' } },
        ],
      });
    }
    if (typeof body.query !== 'string' || !/\bissues\s*\(/.test(body.query)) {
      return answer(400, { errors: [{ message: 'only the issues query is served' }] });
    }
    answer(
      200,
      { data: { issues: this.issuesPage(record.variables) } },
      {
        'x-ratelimit-requests-remaining': '4999',
      },
    );
  }

  /** `issues(filter, first, after, orderBy: updatedAt)`: newest first, as Linear orders it. */
  private issuesPage(variables: Record<string, unknown>) {
    const filter = (variables.filter ?? {}) as {
      updatedAt?: { gt?: string };
      team?: { key?: { in?: string[] } };
    };
    const gt = filter.updatedAt?.gt ? Date.parse(filter.updatedAt.gt) : -Infinity;
    const teams = filter.team?.key?.in;
    const all = [...this.issues.values()]
      .filter((i) => Date.parse(i.updatedAt) > gt && (!teams || teams.includes(i.team.key)))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    const first = Math.min(Number(variables.first ?? 50), 250);
    const after = typeof variables.after === 'string' ? variables.after : null;
    const start = after ? Number(Buffer.from(after, 'base64url').toString('utf8')) : 0;
    const nodes = all.slice(start, start + first);
    const end = start + nodes.length;
    return {
      nodes: nodes.map(issueNode),
      pageInfo: {
        hasNextPage: end < all.length,
        endCursor: nodes.length ? Buffer.from(String(end), 'utf8').toString('base64url') : null,
      },
    };
  }
}
