import {
  issueWebhookBody,
  jiraIssue,
  jiraWebhookUser,
  signJira,
} from '../../../../test/support/fake-jira/index.js';
import type { Answer } from './http.js';
import type { LoadTargets } from './setup.js';

/** A write the server acknowledged, to look for in the database afterwards. */
export type Acknowledged =
  /** a check-in, known by its note (checkIn answers with the key result, not the check-in) */
  | { kind: 'checkIn'; note: string }
  /** a ticket of one client's upserts, with the sequence number of the upsert that wrote it */
  | { kind: 'ticket'; key: string; seq: number }
  /** a webhook delivery the API answered 202: stored, so it must be applied */
  | { kind: 'webhook'; deliveryId: string; issueKey: string };

export type OperationName =
  | 'Overview'
  | 'Trend'
  | 'Gaps'
  | 'AlignmentTree'
  | 'CheckInKeyResult'
  | 'upsertTickets'
  | 'webhook'
  | 'Floor';

export const READS: OperationName[] = ['Overview', 'Trend', 'Gaps', 'AlignmentTree'];

/** The operations the dashboard itself sends, read from its generated documents. */
export const DASHBOARD_OPERATIONS = [
  'Overview',
  'Trend',
  'Gaps',
  'AlignmentTree',
  'CheckInKeyResult',
] as const;
export type DashboardDocuments = Record<(typeof DASHBOARD_OPERATIONS)[number], string>;

/**
 * The floor: the cheapest authenticated read that reaches the database (one row, one statement in
 * one transaction, nothing computed). What it costs at the load's number of clients is the least
 * any dashboard read can cost on the machine the load runs on.
 */
const FLOOR = 'query Floor { vision { statement } }';
export const FLOOR_MIX: OperationName[] = ['Floor'];

/** What a tracker integration or a script sends (the dashboard has no ticket upsert). */
const UPSERT_TICKETS = `mutation UpsertTickets($tickets: [TicketInput!]!) {
  upsertTickets(tickets: $tickets) { created updated warnings { path message } }
}`;
export const WRITES: OperationName[] = ['CheckInKeyResult', 'upsertTickets', 'webhook'];

/**
 * Each client's cycle of operations: the four dashboard reads twice, then one of each write
 * (8 reads to 3 writes), each client starting at another place in it.
 */
export const MIX: OperationName[] = [...READS, ...READS, ...WRITES];

export interface Request {
  name: OperationName;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** whether the answer is a success, and what it acknowledges */
  judge(answer: Answer): { ok: boolean; error: string | null; acknowledged: Acknowledged[] };
}

/** Tickets per upsert, and how many batches of them a client cycles over (then updates them). */
const TICKETS_PER_UPSERT = 5;
const BATCHES = 4;

/**
 * The requests of one load client. The dashboard's reads with its default filters (the active
 * sprints, by points); a check-in with a unique note; an upsert of five of this client's own
 * tickets (created by the first round of batches, updated after, with the upsert's sequence number
 * in the title: only this client writes them, one request at a time, so the newest acknowledged
 * title must be the one stored, unless a later unacknowledged one landed); a Jira issue created by
 * a signed webhook with a unique delivery id.
 */
export class ClientOperations {
  private seq = 0;

  constructor(
    private readonly client: number,
    private readonly run: string,
    private readonly targets: LoadTargets,
    private readonly documents: DashboardDocuments,
  ) {}

  next(name: OperationName): Request {
    const n = this.seq++;
    switch (name) {
      case 'Overview':
        return this.gql(name, this.documents[name], {
          scope: { measure: 'POINTS' },
          cycleKey: null,
        });
      case 'Trend':
        return this.gql(name, this.documents[name], { teamKeys: null, last: 6, measure: 'POINTS' });
      case 'Gaps':
      case 'AlignmentTree':
        return this.gql(name, this.documents[name], { scope: { measure: 'POINTS' } });
      case 'CheckInKeyResult': {
        const all = this.targets.keyResults;
        const keyResult = all[(this.client + n) % all.length];
        const note = `load ${this.run} client ${this.client} #${n}`;
        const input = {
          keyResultId: keyResult.id,
          // a BOOLEAN key result is checked in as 0 (not done) or 1 (done)
          value: keyResult.kind === 'BOOLEAN' ? n % 2 : n % 100,
          confidence: 'ON_TRACK',
          note,
        };
        return this.gql(name, this.documents[name], { input }, [{ kind: 'checkIn', note }]);
      }
      case 'upsertTickets': {
        const batch = n % BATCHES;
        const tickets = Array.from({ length: TICKETS_PER_UPSERT }, (_, i) => ({
          externalKey: ticketKey(this.run, this.client, batch, i),
          title: `Load ticket #${n}`,
          rawStatus: 'In Progress',
          points: (n % 13) + 1,
          sprintNames: [this.targets.sprintName],
          epicKey: this.targets.epicKey,
        }));
        return this.gql(
          name,
          UPSERT_TICKETS,
          { tickets },
          tickets.map((t) => ({ kind: 'ticket' as const, key: t.externalKey, seq: n })),
        );
      }
      case 'webhook':
        return this.webhook(n);
      case 'Floor':
        return this.gql(name, FLOOR, {});
    }
  }

  private gql(
    name: OperationName,
    query: string,
    variables: Record<string, unknown>,
    acknowledges: Acknowledged[] = [],
  ): Request {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    return {
      name,
      path: '/graphql',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.targets.token}`,
      },
      body,
      judge: (answer) => {
        const error = graphqlError(answer);
        return { ok: error === null, error, acknowledged: error === null ? acknowledges : [] };
      },
    };
  }

  private webhook(n: number): Request {
    const issueKey = `LD${this.run.toUpperCase()}-${this.client * 100_000 + n}`;
    const deliveryId = `load-${this.run}-${this.client}-${n}`;
    const now = new Date();
    const epic = this.targets.epicKey;
    const issue = jiraIssue(JIRA_SITE, {
      id: String(1_000_000_000 + this.client * 1_000_000 + n),
      key: issueKey,
      summary: `Load issue ${issueKey}`,
      type: 'Story',
      status: 'In Progress',
      statusCategory: 'indeterminate',
      labels: [],
      created: now,
      updated: now,
      parent: {
        id: String(900_000 + n),
        key: epic,
        summary: epic,
        type: 'Epic',
        status: 'In Progress',
        statusCategory: 'indeterminate',
      },
      storyPoints: (n % 8) + 1,
      // in no sprint: the load must not add a sprint to the demo organization's active ones
      sprints: [],
      project: { id: '10000', key: issueKey.split('-')[0], name: 'Load' },
    });
    const raw = Buffer.from(
      JSON.stringify(
        issueWebhookBody({
          event: 'jira:issue_created',
          issue,
          user: jiraWebhookUser(JIRA_SITE, { accountId: 'load', displayName: 'Load' }),
        }),
      ),
    );
    return {
      name: 'webhook',
      path: this.targets.source.webhookPath,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Atlassian Webhook HTTP Client',
        'x-atlassian-webhook-identifier': deliveryId,
        'x-hub-signature': signJira(this.targets.source.secret, raw),
      },
      body: raw,
      judge: (answer) => {
        const ok = answer.status === 202;
        return {
          ok,
          error: ok ? null : (answer.failure ?? `HTTP ${answer.status}`),
          acknowledged: ok ? [{ kind: 'webhook', deliveryId, issueKey }] : [],
        };
      },
    };
  }
}

/** The site the load's issues claim to come from (only their links name it). */
const JIRA_SITE = 'https://load.atlassian.net';

export const ticketKey = (run: string, client: number, batch: number, i: number) =>
  `LOAD-${run}-${client}-${batch}-${i}`;

/**
 * Why a GraphQL answer is not a success, or null: no answer, a status other than 200, or an
 * `errors` entry (its code). A JSON string cannot hold a bare `"`, so `"errors":[` in the text is
 * the key itself, never a value: the large reports need no parsing to be judged.
 */
function graphqlError(answer: Answer): string | null {
  if (answer.status === 0) return answer.failure ?? 'no answer';
  if (answer.status !== 200) return `HTTP ${answer.status}`;
  if (!answer.body.includes('"errors":[')) return null;
  return /"code":"([A-Z_]+)"/.exec(answer.body)?.[1] ?? 'GraphQL error';
}
