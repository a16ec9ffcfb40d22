import { trackerJson, TrackerHttpError } from '../../sources/tracker-http.js';
import {
  PermanentEventError,
  type SyncPage,
  type TrackerConnection,
  type TrackerEvent,
} from '../../sources/tracker.js';
import { isObject, jiraTime, objectAt, type Json } from './jira-fields.js';
import { jiraIssueEvent, jiraSprint } from './jira-events.js';
import { jiraSettings, type JiraSettings } from './jira-settings.js';

const PAGE = 100;
/** a change made while a run reads is still found by the next one */
const OVERLAP_MINUTES = 2;

/**
 * Reconciliation through Jira Cloud's REST API: the issues updated since the last run through
 * `GET /rest/api/3/search/jql` (JQL `updated >= -<n>m`, a relative time, so the site's time zone
 * does not matter; `nextPageToken` paging), then the sprints of every mapped board through the
 * Agile API. Problems with single issues (a value outside its bound) are returned as events that
 * fail, not as a failed run.
 */
export async function* readJira(
  connection: TrackerConnection,
  since: Date | null,
  signal: AbortSignal,
): AsyncIterable<SyncPage> {
  const settings = jiraSettings(connection.settings);
  const headers = authHeaders(connection.credentials);
  const base = connection.baseUrl.replace(/\/+$/, '');
  const jql = searchJql(settings, since);
  const fields = [
    'summary',
    'issuetype',
    'status',
    'labels',
    'updated',
    'parent',
    settings.storyPointsField,
    settings.sprintField,
  ].join(',');
  let token: string | null = null;
  do {
    const query = new URLSearchParams({ jql, fields, maxResults: String(PAGE) });
    if (token) query.set('nextPageToken', token);
    const page = await trackerJson<Json>({
      url: `${base}/rest/api/3/search/jql?${query}`,
      headers,
      signal,
    });
    const issues = Array.isArray(page.issues) ? page.issues : [];
    const events: TrackerEvent[] = [];
    let newest: Date | null = null;
    for (const issue of issues) {
      events.push(issueEvent(issue, settings));
      const updated = safeTime(objectAt(issue, 'fields')?.updated);
      if (updated && (!newest || updated > newest)) newest = updated;
    }
    yield { events, newestUpdate: newest };
    // The enhanced search answers isLast; a token without it still means "more".
    token =
      page.isLast !== true && typeof page.nextPageToken === 'string' && issues.length > 0
        ? page.nextPageToken
        : null;
  } while (token);

  for (const board of Object.keys(settings.boardTeams)) {
    yield { events: await boardSprints(base, headers, board, signal), newestUpdate: null };
  }
}

function issueEvent(issue: unknown, settings: JiraSettings): TrackerEvent {
  if (!isObject(issue)) return failed('an issue in the answer is not an object');
  try {
    return jiraIssueEvent(issue, settings, null);
  } catch (error) {
    const key = typeof issue.key === 'string' && issue.key.length <= 64 ? issue.key : undefined;
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

async function boardSprints(
  base: string,
  headers: Record<string, string>,
  board: string,
  signal: AbortSignal,
): Promise<TrackerEvent[]> {
  const events: TrackerEvent[] = [];
  for (let startAt = 0; startAt < 10_000;) {
    const page = await trackerJson<Json>({
      url: `${base}/rest/agile/1.0/board/${board}/sprint?startAt=${startAt}&maxResults=50`,
      headers,
      signal,
    });
    const values = Array.isArray(page.values) ? page.values : [];
    for (const value of values) {
      if (!isObject(value)) continue;
      try {
        const sprint = jiraSprint(
          { originBoardId: board, ...value },
          `board ${board} sprint`,
          'originBoardId',
        );
        events.push({ kind: 'sprint', action: 'updated', sprint, webhookAt: null });
      } catch (error) {
        if (error instanceof PermanentEventError) events.push(failed(error.message));
        else throw error;
      }
    }
    if (page.isLast !== false || values.length === 0) break;
    startAt += values.length;
  }
  return events;
}

function searchJql(settings: JiraSettings, since: Date | null): string {
  const parts: string[] = [];
  if (settings.projects.length) parts.push(`project in (${settings.projects.join(', ')})`);
  if (since) {
    const minutes = Math.ceil((Date.now() - since.getTime()) / 60_000) + OVERLAP_MINUTES;
    parts.push(`updated >= -${minutes}m`);
  } else {
    // Jira Cloud refuses a search without a condition: the first run reads every issue.
    parts.push(`updated >= "2000/01/01 00:00"`);
  }
  return `${parts.join(' AND ')} ORDER BY updated ASC`.trim();
}

/** Jira Cloud's API takes Basic auth with the account's e-mail and an API token. */
function authHeaders(credentials: string | null): Record<string, string> {
  if (!credentials) {
    throw new TrackerHttpError(
      'the source has no API credentials: set "email:api-token" to reconcile through Jira',
      null,
    );
  }
  return { authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` };
}

function safeTime(value: unknown): Date | null {
  try {
    return typeof value === 'string' ? jiraTime(value, 'updated') : null;
  } catch {
    return null;
  }
}
