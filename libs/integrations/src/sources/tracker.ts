import type { SourceKind } from '@app/database';
import type { IncomingTicket } from '../tickets/incoming-ticket.js';

/** A sprint as a tracker describes it (on an issue, or in a sprint event). */
export interface TrackerSprint {
  externalId: string;
  name: string;
  state: 'FUTURE' | 'ACTIVE' | 'CLOSED';
  /** the board (Jira) the sprint belongs to: settings map it to a team */
  boardId: string | null;
  /** YYYY-MM-DD, or null when the tracker has none yet (a future sprint) */
  startDate: string | null;
  endDate: string | null;
  /**
   * A sprint the tracker only names (a GitHub label): matched by name among the stored sprints,
   * whoever owns them, never created or changed from here
   */
  nameOnly?: boolean;
}

/**
 * One issue's complete state (docs/design.md 4.4 "Applying"): a field that is absent clears the
 * stored value. `ticket.sprintNames` is left empty: the sprints are listed here, matched to stored
 * sprints (by external id, then name) and only then named.
 */
export interface IssueState {
  ticket: IncomingTicket;
  /** the issue's sprints, oldest first, the current one last */
  sprints: TrackerSprint[];
  /** the tracker's updated time: decides the order of events */
  updatedAt: Date;
}

/** What one webhook event (or one reconciled record) asks for, as the pipeline applies it. */
export type TrackerEvent =
  | { kind: 'issue'; issue: IssueState; webhookAt: Date | null }
  | { kind: 'issueDeleted'; issue: IssueState; webhookAt: Date | null }
  /** an epic (or higher): not a ticket; records its tracker id on the initiative of that key */
  | { kind: 'epic'; key: string; externalId: string }
  | {
      kind: 'sprint';
      action: 'created' | 'updated' | 'started' | 'closed' | 'deleted';
      sprint: TrackerSprint;
      webhookAt: Date | null;
    }
  /**
   * validly signed, but of a type this source does not use: stored and ignored. `key`: a record
   * read while reconciling whose values cannot be used ("problem: ..."): the tracker still has
   * it, so a full run must not take it for deleted.
   */
  | { kind: 'ignored'; reason: string; key?: string };

/** The raw request as the webhook route received it. */
export interface WebhookDelivery {
  /** header names in lower case */
  headers: Record<string, string | undefined>;
  raw: Buffer;
  /**
   * The URL the tracker called, as it would have registered it (Trello signs it with the body):
   * PUBLIC_URL and the path when set, else the request's protocol, host and path (behind a proxy,
   * the forwarded ones when TRUST_PROXY trusts it).
   */
  url: string;
}

/**
 * A tracker's first request that hands over its own webhook secret (Asana's `X-Hook-Secret`): the
 * secret to keep in place of the generated one, and the headers the answer must echo.
 */
export interface WebhookHandshake {
  secret: string;
  echo: Record<string, string>;
}

/**
 * An event that can never be applied, whatever the retries (a value outside its bound, a body
 * without the fields the tracker always sends): it becomes a dead letter at once, with this
 * message naming the field and the issue.
 */
export class PermanentEventError extends Error {}

/** The settings of a source as its tracker reads them; refused with a message per field. */
export interface SettingsCheck {
  /** the settings with defaults written out */
  settings: Record<string, unknown>;
  problems: { path: string; message: string }[];
}

/** A page of records read through a tracker's API while reconciling. */
export interface SyncPage {
  events: TrackerEvent[];
  /** the largest updated time on the page (the next run starts there) */
  newestUpdate: Date | null;
}

/**
 * Reads shared by the fetches of one batch of one source (a Trello board's lists and fields): the
 * first caller's promise is handed to the others; a failed read is not kept.
 */
export type FetchMemo = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/** How the pipeline reaches a tracker's API (baseUrl, decrypted credentials, settings). */
export interface TrackerConnection {
  baseUrl: string;
  credentials: string | null;
  settings: Record<string, unknown>;
}

/**
 * One tracker: its webhook signature, its delivery ids, its payloads mapped to TrackerEvents, and
 * its API read for reconciliation. One implementation per tracker folder (jira/cloud, ...); the
 * pipeline (inbox, workers, ordering, dead letters, the one ticket upsert) is shared.
 */
export interface TrackerAdapter {
  kind: SourceKind;
  /** the API a source reconciles through when it names no baseUrl (a hosted tracker's one API) */
  defaultBaseUrl?: string;
  /**
   * The tracker signs with a secret of its own that the user pastes (Trello's app secret): a
   * `webhookSecret` must be given when the source is created and when its secret is rotated.
   */
  secretGiven?: boolean;
  /** what is wrong with API credentials as given, before they are sealed (null: nothing) */
  checkCredentials?(credentials: string): string | null;
  /** checks the signature over the raw bytes, in constant time */
  verify(delivery: WebhookDelivery, secret: string): boolean;
  /**
   * Recognizes a handshake (a tracker that sends its own secret before any event, unsigned): the
   * inbox keeps that secret when the source has taken no handshake yet, else refuses it (401).
   */
  handshake?(delivery: WebhookDelivery): WebhookHandshake | null;
  /** the tracker's delivery id, or null (the pipeline then uses the body's SHA-256) */
  deliveryId(delivery: WebhookDelivery): string | null;
  /** the event's type name and what it is about, from the parsed body (stored with it) */
  describe(body: unknown): { eventType: string; subject: string | null };
  checkSettings(settings: unknown): SettingsCheck;
  /** maps a stored event; throws PermanentEventError for what can never apply */
  parse(body: unknown, settings: Record<string, unknown>): TrackerEvent;
  /**
   * For trackers whose webhook bodies do not carry an issue's complete state (Asana's compact
   * events, Trello's actions): reads each record the stored event names through the tracker's API
   * and maps it, in place of `parse`. Runs in the event worker, outside any transaction; a failure
   * is retried with the worker's backoff (PermanentEventError: a dead letter at once; a
   * TrackerHttpError that is `unreachable`, or a 401/403, holds the event without using its
   * attempts). One delivery may give several events (Asana batches them). Fetches of one batch run
   * a few at a time and share `memo`.
   */
  fetch?(
    body: unknown,
    connection: TrackerConnection,
    signal: AbortSignal,
    memo?: FetchMemo,
  ): Promise<TrackerEvent[]>;
  /** reads what changed since `since` (null: everything), page by page */
  reconcile(
    connection: TrackerConnection,
    since: Date | null,
    signal: AbortSignal,
  ): AsyncIterable<SyncPage>;
}
