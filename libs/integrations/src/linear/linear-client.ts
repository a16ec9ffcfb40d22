import { setTimeout as sleep } from 'node:timers/promises';
import { capReached, readCaps } from '../sources/read-caps.js';
import { trackerJson, TrackerHttpError } from '../sources/tracker-http.js';
import {
  PermanentEventError,
  type SyncPage,
  type TrackerConnection,
  type TrackerEvent,
} from '../sources/tracker.js';
import { isObject, objectAt, type Json } from '../jira/cloud/jira-fields.js';
import { linearCycle, linearIssueEvent, linearTime } from './linear-events.js';
import { linearSettings, type LinearSettings } from './linear-settings.js';

const PAGE = 100;
/** a change made while a run reads is still found by the next one */
const OVERLAP_MS = 2 * 60_000;
/** Linear answers a spent budget with a RATELIMITED error: waited for this often, then failed */
const RATELIMITED_RETRIES = 3;
export const LINEAR_API = 'https://api.linear.app';

/** The one query reconciliation needs: issues by update time, paged by cursor. */
export const ISSUES_QUERY = `query Issues($filter: IssueFilter, $first: Int!, $after: String) {
  issues(filter: $filter, first: $first, after: $after, orderBy: updatedAt) {
    nodes {
      id identifier title estimate updatedAt
      state { id name type }
      labels { nodes { id name } }
      cycle { id number name startsAt endsAt completedAt }
      project { id name }
      team { id key }
      parent { identifier }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Reconciliation through Linear's GraphQL API (`POST /graphql`): the issues updated since the last
 * run (`filter: { updatedAt: { gt } }`, two minutes of overlap), or all of them for a full read,
 * 100 a page, paged with `pageInfo.endCursor`. Plain fetch through trackerJson (timeouts,
 * 429 Retry-After, the circuit), not @linear/sdk: one query, no extra dependency. Linear may also
 * refuse a spent budget as a GraphQL error with code RATELIMITED: waited for with backoff.
 * Problems with single issues (a value outside its bound) are returned as events that fail.
 * The cycles of the issues read come last, as sprint events (their states from their dates).
 */
export async function* readLinear(
  connection: TrackerConnection,
  since: Date | null,
  signal: AbortSignal,
): AsyncIterable<SyncPage> {
  const settings = linearSettings(connection.settings);
  const url = `${(connection.baseUrl || LINEAR_API).replace(/\/+$/, '')}/graphql`;
  const headers = authHeaders(connection.credentials);
  const filter = issueFilter(settings, since);
  let after: string | null = null;
  /** the cycles the issues are in: their states (from the dates) are applied after the issues */
  const cycles = new Map<string, TrackerEvent>();
  for (let pages = 0; ; pages++) {
    if (pages >= readCaps.linearPages) throw capReached('issues', pages);
    const data = await query(url, headers, { filter, first: PAGE, after }, signal);
    const issues = objectAt(data, 'issues');
    const nodes = Array.isArray(issues?.nodes) ? issues.nodes : [];
    const events: TrackerEvent[] = [];
    let newest: Date | null = null;
    for (const node of nodes) {
      events.push(issueEvent(node, settings));
      const cycle = cycleEvent(node);
      if (cycle?.kind === 'sprint') cycles.set(cycle.sprint.externalId, cycle);
      const updated = safeTime(isObject(node) ? node.updatedAt : null);
      if (updated && (!newest || updated > newest)) newest = updated;
    }
    yield { events, newestUpdate: newest };
    const pageInfo = objectAt(issues, 'pageInfo');
    const cursor = pageInfo?.endCursor;
    if (pageInfo?.hasNextPage !== true || typeof cursor !== 'string' || nodes.length === 0) break;
    after = cursor;
  }
  // Linear has no sprint list to read as Jira's boards do: the cycles seen on issues are
  // written as sprint events, so a cycle that ended closes here even when its webhook was missed.
  if (cycles.size) yield { events: [...cycles.values()], newestUpdate: null };
}

function cycleEvent(node: unknown): TrackerEvent | null {
  const cycle = objectAt(node, 'cycle');
  if (!cycle) return null;
  try {
    const team = objectAt(node, 'team');
    const sprint = linearCycle(cycle, 'cycle', typeof team?.key === 'string' ? team.key : null);
    return { kind: 'sprint', action: 'updated', sprint, webhookAt: null };
  } catch (error) {
    if (error instanceof PermanentEventError) return null;
    throw error;
  }
}

async function query(
  url: string,
  headers: Record<string, string>,
  variables: Json,
  signal: AbortSignal,
): Promise<Json> {
  for (let attempt = 1; ; attempt++) {
    const answer = await trackerJson<Json>({
      url,
      method: 'POST',
      headers,
      body: { query: ISSUES_QUERY, variables },
      signal,
    }).catch((error: unknown) => {
      // Linear answers a spent budget with an error whose extensions.code is RATELIMITED (400)
      if (error instanceof TrackerHttpError && /RATELIMITED/.test(error.message)) return null;
      throw error;
    });
    const errors = answer && Array.isArray(answer.errors) ? answer.errors : [];
    const limited =
      answer === null || errors.some((e) => objectAt(e, 'extensions')?.code === 'RATELIMITED');
    if (limited) {
      if (attempt > RATELIMITED_RETRIES) {
        throw new TrackerHttpError(`${new URL(url).host} is rate limiting: try again later`, 429);
      }
      await sleep(1000 * 2 ** attempt, undefined, { signal });
      continue;
    }
    if (errors.length) {
      const message = errors
        .map((e) => (isObject(e) && typeof e.message === 'string' ? e.message : 'error'))
        .join('; ');
      throw new TrackerHttpError(`Linear refused the query: ${message.slice(0, 300)}`, null);
    }
    const data = objectAt(answer, 'data');
    if (!data) throw new TrackerHttpError('Linear answered without data', null);
    return data;
  }
}

function issueFilter(settings: LinearSettings, since: Date | null): Json {
  const filter: Json = {};
  if (since) filter.updatedAt = { gt: new Date(since.getTime() - OVERLAP_MS).toISOString() };
  if (settings.teams.length) filter.team = { key: { in: settings.teams } };
  return filter;
}

function issueEvent(node: unknown, settings: LinearSettings): TrackerEvent {
  if (!isObject(node)) return failed('an issue in the answer is not an object');
  try {
    return linearIssueEvent(node, settings, null);
  } catch (error) {
    const id = node.identifier;
    const key = typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
    if (error instanceof PermanentEventError) return failed(error.message, key);
    throw error;
  }
}

/** An issue that cannot be used: reported by the run, the rest goes on; its key keeps it unarchived. */
const failed = (reason: string, key?: string): TrackerEvent => ({
  kind: 'ignored',
  reason: `problem: ${reason}`,
  key,
});

/** A Linear personal API key goes in Authorization as it is (no "Bearer"). */
function authHeaders(credentials: string | null): Record<string, string> {
  if (!credentials) {
    throw new TrackerHttpError(
      'the source has no API credentials: set a Linear API key to reconcile through Linear',
      null,
    );
  }
  return { authorization: credentials.trim() };
}

function safeTime(value: unknown): Date | null {
  try {
    return typeof value === 'string' ? linearTime(value, 'updatedAt') : null;
  } catch {
    return null;
  }
}
