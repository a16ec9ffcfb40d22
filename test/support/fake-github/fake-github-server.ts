import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeProjects } from './fake-github-projects.js';
import {
  githubLabel,
  githubRepository,
  githubUser,
  pingBody,
  type GithubIssue,
  type GithubMilestone,
  type IssuesAction,
  type IssuesWebhookBody,
  type PingBody,
} from './github-shapes.js';

export type GithubFault =
  /** the primary rate limit used up: 403 with x-ratelimit-remaining 0 and a reset this far out */
  | { status: 403; resetInSeconds: number }
  /** a secondary rate limit: 429 with retry-after */
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 503 }
  /**
   * GraphQL's primary rate limit as GitHub documents it: status 200, an error of type
   * RATE_LIMITED, x-ratelimit-remaining 0 and the reset this far out
   */
  | { status: 200; graphqlRateLimitedForSeconds: number };

export interface GithubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  at: number;
  authorized: boolean;
  status?: number;
  /** answered by a fault of failNext */
  fault?: boolean;
  /** a GraphQL request's operation name and variables */
  operation?: string;
  variables?: Record<string, unknown>;
}

export interface IssueInput {
  /** owner/repo; the fake's default repository when absent */
  repo?: string;
  number: number;
  title?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  stateReason?: GithubIssue['state_reason'];
  /** a milestone title, or null for none */
  milestone?: string | null;
  pullRequest?: boolean;
}

const LIMIT = 5000;

/**
 * GitHub's REST API on 127.0.0.1, as far as a ticket source reads it: `GET
 * /repos/{owner}/{repo}/issues` with state, since, sort, direction, per_page, page and Link
 * paging; a token check (401); rate-limit headers on every answer; faults on demand (403 with the
 * limit used up, 429 with retry-after, 5xx, down). Its clock starts a day ago and moves one second
 * per change, so updated_at (whole seconds, as GitHub writes it) orders every change.
 */
export class FakeGithub {
  readonly token: string;
  readonly defaultRepo: string;
  readonly requests: GithubRequest[] = [];
  private readonly issues = new Map<string, GithubIssue>();
  /** Projects (v2): projects, their fields and items, and the GraphQL API over them */
  readonly projects: FakeProjects;
  private readonly deleted = new Map<string, GithubIssue>();
  private readonly milestones = new Map<string, GithubMilestone>();
  private readonly faults: GithubFault[] = [];
  private down = false;
  private clock = Math.floor(Date.now() / 1000) * 1000 - 86_400_000;
  private remaining = LIMIT;
  private nextId = 1_000_000;
  private baseUrl = '';

  private constructor(
    private readonly server: Server,
    options: { token?: string; repo?: string },
  ) {
    this.token = options.token ?? 'ghp_fakeGithubToken000000000000000000000';
    this.defaultRepo = options.repo ?? 'acme/payments';
    this.projects = new FakeProjects({
      tick: () => this.tick(),
      issue: (number, repo) => this.issues.get(`${repo ?? this.defaultRepo}#${number}`),
      issues: () => this.issues,
    });
  }

  static async start(options: { token?: string; repo?: string } = {}): Promise<FakeGithub> {
    const server = createServer();
    const fake = new FakeGithub(server, options);
    server.on('request', (req, res) => fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** the API's base URL (a source's baseUrl) */
  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Creates or edits an issue as a user would: updated_at moves on. */
  putIssue(input: IssueInput): GithubIssue {
    const repo = input.repo ?? this.defaultRepo;
    const id = `${repo}#${input.number}`;
    const now = this.tick();
    const api = this.baseUrl;
    const old = this.issues.get(id);
    const issue: GithubIssue = old
      ? { ...old }
      : {
          id: this.nextId++,
          node_id: `I_${this.nextId}`,
          url: `${api}/repos/${repo}/issues/${input.number}`,
          repository_url: `${api}/repos/${repo}`,
          html_url: `https://github.com/${repo}/issues/${input.number}`,
          number: input.number,
          title: '',
          body: null,
          user: githubUser(),
          labels: [],
          state: 'open',
          state_reason: null,
          locked: false,
          assignee: null,
          assignees: [],
          milestone: null,
          comments: 0,
          created_at: now,
          updated_at: now,
          closed_at: null,
          author_association: 'OWNER',
        };
    if (input.title !== undefined) issue.title = input.title;
    if (input.labels !== undefined)
      issue.labels = input.labels.map((l) => githubLabel(l, api, repo));
    if (input.state !== undefined) {
      issue.state = input.state;
      issue.closed_at = input.state === 'closed' ? now : null;
      issue.state_reason =
        input.stateReason ?? (input.state === 'closed' ? 'completed' : old ? 'reopened' : null);
    }
    if (input.milestone !== undefined) {
      issue.milestone = input.milestone === null ? null : this.milestone(repo, input.milestone);
    }
    if (input.pullRequest) {
      issue.pull_request = {
        url: `${api}/repos/${repo}/pulls/${input.number}`,
        html_url: `https://github.com/${repo}/pull/${input.number}`,
        merged_at: null,
      };
    }
    issue.updated_at = now;
    this.issues.set(id, issue);
    return issue;
  }

  deleteIssue(number: number, repo = this.defaultRepo): void {
    const id = `${repo}#${number}`;
    const issue = this.issues.get(id);
    if (!issue) throw new Error(`no issue ${id}`);
    this.issues.delete(id);
    this.deleted.set(id, issue);
  }

  private milestone(repo: string, title: string): GithubMilestone {
    const id = `${repo}:${title}`;
    let m = this.milestones.get(id);
    if (!m) {
      const number = this.milestones.size + 1;
      m = { id: 1002604 + number, number, title, state: 'open', description: null, due_on: null };
      this.milestones.set(id, m);
    }
    return m;
  }

  /** The `issues` webhook GitHub would send for the issue's current (or last) state. */
  webhookFor(action: IssuesAction, number: number, repo = this.defaultRepo): IssuesWebhookBody {
    const id = `${repo}#${number}`;
    const issue = this.issues.get(id) ?? this.deleted.get(id);
    if (!issue) throw new Error(`no issue ${id}`);
    const body: IssuesWebhookBody = {
      action,
      issue: structuredClone(issue),
      repository: githubRepository(repo, this.baseUrl),
      sender: githubUser(),
    };
    if (action === 'labeled' || action === 'unlabeled') body.label = issue.labels.at(-1);
    if (action === 'milestoned' || action === 'demilestoned') {
      body.milestone = issue.milestone ?? undefined;
    }
    if (action === 'transferred') {
      body.changes = {
        new_issue: { ...issue, number: issue.number + 1000 },
        new_repository: githubRepository(`${repo}-moved`, this.baseUrl),
      };
    }
    return body;
  }

  pingFor(repo = this.defaultRepo): PingBody {
    return pingBody(githubRepository(repo, this.baseUrl));
  }

  /** The next `count` API requests fail with `fault`. */
  failNext(count: number, fault: GithubFault): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  setDown(down: boolean): void {
    this.down = down;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const auth = req.headers.authorization ?? '';
    const record: GithubRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      at: Date.now(),
      authorized: auth === `Bearer ${this.token}` || auth === `token ${this.token}`,
    };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-limit': String(LIMIT),
        'x-ratelimit-remaining': String(this.remaining),
        'x-ratelimit-used': String(LIMIT - this.remaining),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (this.down) {
      send(503, { message: 'Service Unavailable' });
      return;
    }
    if (!record.authorized) {
      send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }
    const fault = this.faults.shift();
    if (fault) {
      record.fault = true;
      if (fault.status === 403) {
        const reset = Math.ceil(Date.now() / 1000 + fault.resetInSeconds);
        send(
          403,
          { message: 'API rate limit exceeded for user ID 1.', documentation_url: '' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        );
      } else if (fault.status === 429) {
        send(
          429,
          { message: 'You have exceeded a secondary rate limit.', documentation_url: '' },
          { 'retry-after': String(fault.retryAfterSeconds) },
        );
      } else if (fault.status === 200) {
        const reset = Math.ceil(Date.now() / 1000 + fault.graphqlRateLimitedForSeconds);
        send(
          200,
          {
            errors: [
              {
                type: 'RATE_LIMITED',
                code: 'graphql_rate_limit',
                message: 'API rate limit already exceeded for user ID 1.',
              },
            ],
          },
          {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(reset),
            'x-ratelimit-resource': 'graphql',
          },
        );
      } else send(fault.status, { message: 'Server Error' });
      return;
    }
    this.remaining = Math.max(1, this.remaining - 1);
    if (url.pathname === '/graphql') {
      if (req.method !== 'POST') {
        send(404, { message: 'Not Found', documentation_url: '' });
        return;
      }
      readBody(req)
        .then((raw) => {
          const answer = this.projects.answer(raw);
          record.operation = answer.operation;
          record.variables = answer.variables;
          send(answer.status, answer.body, { 'x-ratelimit-resource': 'graphql' });
        })
        .catch(() => send(500, { message: 'Server Error' }));
      return;
    }
    const match = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      send(404, { message: 'Not Found', documentation_url: '' });
      return;
    }
    this.listIssues(decodeURIComponent(match[1]), url, send);
  }

  private listIssues(
    repo: string,
    url: URL,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const q = url.searchParams;
    const state = q.get('state') ?? 'open';
    const since = q.get('since');
    const sinceMs = since ? Date.parse(since) : NaN;
    if (since && Number.isNaN(sinceMs)) {
      send(422, { message: 'Validation Failed', errors: [{ field: 'since', code: 'invalid' }] });
      return;
    }
    const perPage = Math.min(100, Math.max(1, Number(q.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    const asc = q.get('direction') === 'asc';
    const field = q.get('sort') === 'updated' ? 'updated_at' : 'created_at';
    const all = [...this.issues.values()]
      .filter((i) => i.repository_url.endsWith(`/repos/${repo}`))
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => Number.isNaN(sinceMs) || Date.parse(i.updated_at) >= sinceMs)
      .sort((a, b) => {
        const d = Date.parse(a[field]) - Date.parse(b[field]) || a.number - b.number;
        return asc ? d : -d;
      });
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number, rel: string) => {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(p));
      return `<${next.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    send(
      200,
      all.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
