import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  issueWebhookBody,
  jiraError,
  jiraWebhookUser,
  sprintWebhookBody,
  type IssueWebhookBody,
  type IssueWebhookEvent,
  type JiraChangelog,
  type JiraIssue,
  type JiraSprint,
  type SprintWebhookBody,
  type SprintWebhookEvent,
} from './jira-shapes.js';
import { JiraState, type IssueInput, type SprintInput } from './jira-state.js';
import { boardSprints, searchJql, type RestAnswer } from './rest-endpoints.js';

export type Fault =
  { status: 429; retryAfterSeconds?: number } | { status: 500 | 503 } | { hangMs: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Date.now() when the request arrived: for asserting waits such as Retry-After */
  at: number;
  authorized: boolean;
  /** the answer's status, once answered (undefined for a destroyed socket) */
  status?: number;
}

export interface FakeJiraOptions {
  email?: string;
  apiToken?: string;
  /** the site's clock, for `updated` stamps and relative JQL dates */
  now?: () => number;
  /** who the webhooks built by webhookFor say acted */
  user?: { accountId: string; displayName: string };
}

const MAX_BODY_BYTES = 1_000_000;

/**
 * A Jira Cloud site on 127.0.0.1 speaking the REST endpoints a ticket source reconciles with,
 * answering from state a test edits as a Jira user would, with faults on demand.
 */
export class FakeJira {
  readonly email: string;
  readonly apiToken: string;
  /** every REST request, in arrival order */
  readonly requests: RecordedRequest[] = [];
  private readonly state: JiraState;
  private readonly faults: Fault[] = [];
  private down: false | '503' | 'reset' = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly now: () => number;
  private readonly user: { accountId: string; displayName: string };
  private baseUrl = '';

  private constructor(
    private readonly server: Server,
    options: FakeJiraOptions,
  ) {
    this.email = options.email ?? 'reconciler@example.com';
    this.apiToken = options.apiToken ?? 'fake-jira-api-token';
    this.now = options.now ?? Date.now;
    this.user = options.user ?? {
      accountId: '5b10ac8d82e05b22cc7d4ef5',
      displayName: 'Fake Jira User',
    };
    this.state = new JiraState(() => this.baseUrl, this.now);
  }

  static async start(options: FakeJiraOptions = {}): Promise<FakeJira> {
    const server = createServer();
    const fake = new FakeJira(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** the site's base URL, e.g. http://127.0.0.1:41234 */
  get url(): string {
    return this.baseUrl;
  }

  /** the Authorization header a client configured with this site's email and token sends */
  get authorization(): string {
    return `Basic ${Buffer.from(`${this.email}:${this.apiToken}`).toString('base64')}`;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // hung requests and keep-alive sockets would otherwise hold close() open
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- state, changed as a user editing in Jira would -------------------------------------------

  /** Creates or edits an issue; without `updated`, it becomes strictly later than before. */
  putIssue(input: IssueInput): JiraIssue {
    return this.state.putIssue(input).issue;
  }

  /** Deletes an issue; webhookFor('jira:issue_deleted', key) still answers its last state. */
  deleteIssue(key: string): JiraIssue {
    return this.state.deleteIssue(key);
  }

  issue(key: string): JiraIssue | undefined {
    return this.state.issue(key);
  }

  /** Every current issue, in creation order: what a full reconciliation should end up holding. */
  issues(): JiraIssue[] {
    return this.state.issueSubjects().map((subject) => this.state.issue(subject.key)!);
  }

  /** Creates or replaces a sprint (its board comes to exist with it). */
  putSprint(input: SprintInput): JiraSprint {
    return this.state.putSprint(input);
  }

  deleteSprint(id: number): JiraSprint {
    return this.state.deleteSprint(id);
  }

  /** A board with no sprints yet: boards the fake has not heard of answer 404. */
  putBoard(id: number): void {
    this.state.putBoard(id);
  }

  /**
   * The webhook Jira would send now for `key`: the issue as the fake holds it (its last state for
   * a deletion) and, for an update, the changelog of the issue's last putIssue.
   */
  webhookFor(event: IssueWebhookEvent, key: string): IssueWebhookBody {
    const issue =
      event === 'jira:issue_deleted'
        ? (this.state.deletedIssue(key) ?? this.state.issue(key))
        : this.state.issue(key);
    if (!issue) throw new Error(`issue ${key} is not in the fake`);
    const changelog: JiraChangelog | undefined =
      event === 'jira:issue_updated' ? this.state.lastChangelog(key) : undefined;
    return issueWebhookBody({
      event,
      issue,
      user: jiraWebhookUser(this.baseUrl, this.user),
      changelog,
      timestamp: this.now(),
    });
  }

  /** The sprint webhook Jira would send now for sprint `id` (its last state once deleted). */
  webhookForSprint(event: SprintWebhookEvent, id: number): SprintWebhookBody {
    const sprint = this.state.sprint(id);
    if (!sprint) throw new Error(`sprint ${id} is not in the fake`);
    return sprintWebhookBody({ event, sprint, timestamp: this.now() });
  }

  // --- faults -----------------------------------------------------------------------------------

  /** The next `count` REST requests meet `fault` (queued after any faults already pending). */
  failNext(count: number, fault: Fault): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  /** While down, every REST request answers 503, or (how = 'reset') has its socket destroyed. */
  setDown(down: boolean, how: '503' | 'reset' = '503'): void {
    this.down = down ? how : false;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  // --- HTTP -------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      at: Date.now(),
      authorized: req.headers.authorization === this.authorization,
    };
    this.requests.push(record);
    try {
      const raw = await readBody(req);
      record.body = parseJson(raw);
      if (this.down === 'reset') return void req.socket.destroy();
      if (this.down === '503') return this.answer(res, record, unavailable());
      const fault = this.faults.shift();
      if (fault && 'hangMs' in fault) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            resolve();
          }, fault.hangMs);
          this.timers.add(timer);
        });
        if (res.destroyed || req.socket.destroyed) return;
      } else if (fault) {
        return this.answer(res, record, faultAnswer(fault));
      }
      if (!record.authorized) {
        return this.answer(res, record, {
          status: 401,
          body: jiraError('Client must be authenticated to access this resource.'),
          headers: { 'WWW-Authenticate': 'Basic realm="protected-area"' },
        });
      }
      this.answer(res, record, this.route(record, url));
    } catch (error) {
      this.answer(res, record, {
        status: 500,
        body: jiraError(`fake Jira failed: ${(error as Error).message}`),
      });
    }
  }

  private route(record: RecordedRequest, url: URL): RestAnswer {
    const { method, path } = record;
    if (path === '/rest/api/3/search/jql' && method === 'GET') {
      const fields = url.searchParams.getAll('fields');
      return searchJql(
        this.state,
        {
          jql: url.searchParams.get('jql') ?? undefined,
          nextPageToken: url.searchParams.get('nextPageToken') ?? undefined,
          maxResults: url.searchParams.get('maxResults') ?? undefined,
          fields: fields.length > 0 ? fields : undefined,
        },
        this.now(),
      );
    }
    if (path === '/rest/api/3/search/jql' && method === 'POST') {
      const body = record.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { status: 400, body: jiraError('The request body must be a JSON object.') };
      }
      const { jql, nextPageToken, maxResults, fields } = body as Record<string, unknown>;
      if (fields !== undefined && !(Array.isArray(fields) && fields.every(isString))) {
        return { status: 400, body: jiraError("'fields' must be an array of strings.") };
      }
      return searchJql(
        this.state,
        {
          jql: typeof jql === 'string' ? jql : undefined,
          nextPageToken: typeof nextPageToken === 'string' ? nextPageToken : undefined,
          maxResults: typeof maxResults === 'number' ? maxResults : undefined,
          fields: fields as string[] | undefined,
        },
        this.now(),
      );
    }
    const issueMatch = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(path);
    if (issueMatch && method === 'GET') {
      const idOrKey = decodeURIComponent(issueMatch[1]!);
      const issue =
        this.state.issue(idOrKey) ?? this.issues().find((candidate) => candidate.id === idOrKey);
      return issue
        ? { status: 200, body: issue }
        : {
            status: 404,
            body: jiraError('Issue does not exist or you do not have permission to see it.'),
          };
    }
    const boardMatch = /^\/rest\/agile\/1\.0\/board\/(\d+)\/sprint$/.exec(path);
    if (boardMatch && method === 'GET') {
      return boardSprints(this.state, Number(boardMatch[1]), url.searchParams);
    }
    return { status: 404, body: jiraError(`The fake has no ${method} ${path}.`) };
  }

  private answer(res: ServerResponse, record: RecordedRequest, answer: RestAnswer): void {
    record.status = answer.status;
    if (res.destroyed) return;
    res.writeHead(answer.status, {
      'content-type': 'application/json;charset=UTF-8',
      ...answer.headers,
    });
    res.end(JSON.stringify(answer.body));
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function unavailable(): RestAnswer {
  return { status: 503, body: jiraError('Service Unavailable') };
}

function faultAnswer(fault: Exclude<Fault, { hangMs: number }>): RestAnswer {
  if (fault.status !== 429) return fault.status === 503 ? unavailable() : internalError();
  const headers: Record<string, string> = {};
  // Jira sends Retry-After on most, not all, 429s: a client must cope without it
  if (fault.retryAfterSeconds !== undefined)
    headers['Retry-After'] = String(fault.retryAfterSeconds);
  return { status: 429, body: jiraError('Rate limit exceeded.'), headers };
}

function internalError(): RestAnswer {
  return { status: 500, body: jiraError('Internal server error') };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return raw.toString('utf8');
  }
}
