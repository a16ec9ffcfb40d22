import { trackerJson, TrackerHttpError } from '../sources/tracker-http.js';
import {
  PermanentEventError,
  type SyncPage,
  type TrackerConnection,
  type TrackerEvent,
} from '../sources/tracker.js';
import { isObject } from '../jira/cloud/jira-fields.js';
import { asanaTaskChanges, type AsanaTaskChange } from './asana-events.js';
import { asanaSettings, GID, type AsanaSettings } from './asana-settings.js';
import { capReached, readCaps } from '../sources/read-caps.js';
import { asanaKey, asanaTaskEvent, asanaTombstone, TASK_FIELDS } from './asana-task.js';

export const ASANA_API = 'https://app.asana.com/api/1.0';
const PAGE = 100;
/** a change made while a run reads is still found by the next one */
const OVERLAP_MS = 2 * 60_000;

/** Tasks read per delivery; a delivery naming more leaves the rest to reconciliation. */
export const ASANA_DELIVERY = { maxTasks: 100 };

/**
 * The worker's read of a delivery's tasks: each task the events name, once, in order, through
 * `GET /tasks/{gid}?opt_fields=...`, at most ASANA_DELIVERY.maxTasks of them (the rest are a
 * problem of the event, healed by reconciliation). A `deleted` action, or a task that answers
 * 404, is a tombstone; a task `removed` from a covered project and now in none leaves the source
 * the same way. Each task is mapped on its own: one with values that can never apply is a problem
 * of the event (naming the task and the field) while the others apply; a delivery whose every task
 * is such is a dead letter. Plain HTTP through the shared tracker client (timeouts, 429
 * Retry-After, circuit).
 */
export async function fetchAsana(
  body: unknown,
  connection: TrackerConnection,
  signal: AbortSignal,
): Promise<TrackerEvent[]> {
  const settings = asanaSettings(connection.settings);
  const named = asanaTaskChanges(body);
  if (named.length === 0) {
    return [{ kind: 'ignored', reason: 'no task events (a heartbeat, or stories and projects)' }];
  }
  const changes = named.slice(0, ASANA_DELIVERY.maxTasks);
  const headers = authHeaders(connection.credentials);
  const base = baseOf(connection);
  const events: TrackerEvent[] = [];
  const refused: string[] = [];
  for (const change of changes) {
    try {
      events.push(await readTask(change));
    } catch (error) {
      if (!(error instanceof PermanentEventError)) throw error;
      // the message names the task (its key) and the field; else the task is named here
      const message = error.message.includes(change.gid)
        ? error.message
        : `task ${change.gid}: ${error.message}`;
      refused.push(message);
      events.push({ kind: 'ignored', reason: `problem: ${message}` });
    }
  }
  if (refused.length === changes.length) throw new PermanentEventError(refused.join('; '));
  if (named.length > changes.length) {
    events.push({
      kind: 'ignored',
      reason: `problem: the delivery names ${named.length} tasks: the first ${changes.length} were read, the other ${named.length - changes.length} are left to reconciliation`,
    });
  }
  return events;

  async function readTask(change: AsanaTaskChange): Promise<TrackerEvent> {
    const at = change.at ?? new Date();
    if (change.action === 'deleted') return asanaTombstone(change.gid, settings, at);
    let answer: unknown;
    try {
      answer = await trackerJson<unknown>({
        url: `${base}/tasks/${change.gid}?opt_fields=${TASK_FIELDS}`,
        headers,
        signal,
      });
    } catch (error) {
      if (error instanceof TrackerHttpError && error.status === 404) {
        return asanaTombstone(change.gid, settings, at);
      }
      throw error;
    }
    if (!isObject(answer) || !isObject(answer.data)) {
      throw new PermanentEventError(`task ${change.gid}: the answer has no "data" object`);
    }
    const event = asanaTaskEvent(answer.data, settings, change.at);
    // removed from a project the source covers, and now in none it covers: it left the source
    const leftCovered =
      change.removedFrom !== null &&
      (settings.projects.length === 0 || settings.projects.includes(change.removedFrom));
    return event.kind === 'ignored' && leftCovered
      ? asanaTombstone(change.gid, settings, at)
      : event;
  }
}

/**
 * Reconciliation: for each project of settings.projects, `GET /tasks?project=<gid>
 * &modified_since=<iso>&limit=100&opt_fields=...` following `next_page.offset`, then the sub-tasks
 * (a project's list holds its top-level tasks only): `GET /tasks/{gid}/subtasks` of every task
 * that has some, level by level down to readCaps.asanaDepth (sub-tasks of sub-tasks too). Editing
 * a sub-task does not move its parent's modified_at, so an incremental run finds the parents
 * through a light list of the project's tasks (gid and num_subtasks only) and applies the
 * sub-tasks modified since; bounded by the same page caps. A cap reached fails the run.
 */
export async function* readAsana(
  connection: TrackerConnection,
  since: Date | null,
  signal: AbortSignal,
): AsyncIterable<SyncPage> {
  const settings = asanaSettings(connection.settings);
  if (settings.projects.length === 0) {
    throw new TrackerHttpError(
      'settings.projects lists no project: name the project gids to reconcile',
      null,
    );
  }
  const headers = authHeaders(connection.credentials);
  const base = baseOf(connection);
  const from = since ? since.getTime() - OVERLAP_MS : null;
  for (const project of settings.projects) {
    const query = new URLSearchParams({
      project,
      limit: String(PAGE),
      opt_fields: TASK_FIELDS,
    });
    if (from !== null) query.set('modified_since', new Date(from).toISOString());
    let parents: string[] = [];
    for await (const tasks of pages(`${base}/tasks`, query, headers, signal)) {
      yield mapped(tasks, settings);
      if (from === null) parents.push(...withSubtasks(tasks));
    }
    if (from !== null) {
      const all = new URLSearchParams({ project, limit: String(PAGE), opt_fields: 'num_subtasks' });
      for await (const tasks of pages(`${base}/tasks`, all, headers, signal)) {
        parents.push(...withSubtasks(tasks));
      }
    }
    for (let depth = 1; parents.length > 0; depth++) {
      if (depth > readCaps.asanaDepth) {
        throw capReached(`task ${parents[0]}: sub-tasks`, readCaps.asanaDepth, 'levels');
      }
      const next: string[] = [];
      for (const parent of parents) {
        const sub = new URLSearchParams({ limit: String(PAGE), opt_fields: TASK_FIELDS });
        const url = `${base}/tasks/${encodeURIComponent(parent)}/subtasks`;
        for await (const subtasks of pages(url, sub, headers, signal)) {
          const changed = from === null ? subtasks : subtasks.filter((t) => modifiedAt(t) >= from);
          yield mapped(changed, settings);
          next.push(...withSubtasks(subtasks));
        }
      }
      parents = next;
    }
  }
}

/** The gids of the tasks that have sub-tasks. */
function withSubtasks(tasks: unknown[]): string[] {
  return tasks.flatMap((task) =>
    isObject(task) &&
    typeof task.gid === 'string' &&
    typeof task.num_subtasks === 'number' &&
    task.num_subtasks > 0
      ? [task.gid]
      : [],
  );
}

const modifiedAt = (task: unknown) => (isObject(task) ? Date.parse(String(task.modified_at)) : NaN);

/**
 * One list read page by page: Asana answers `{ data: [...], next_page: { offset } | null }`. More
 * than readCaps.asanaPages pages fails the run.
 */
async function* pages(
  url: string,
  query: URLSearchParams,
  headers: Record<string, string>,
  signal: AbortSignal,
): AsyncIterable<unknown[]> {
  for (let page = 0; page < readCaps.asanaPages; page++) {
    const answer = await trackerJson<unknown>({ url: `${url}?${query}`, headers, signal });
    if (!isObject(answer) || !Array.isArray(answer.data)) {
      throw new TrackerHttpError(`${url}: the answer has no "data" list`, null);
    }
    yield answer.data;
    const offset = isObject(answer.next_page) ? answer.next_page.offset : null;
    if (typeof offset !== 'string' || offset === '' || answer.data.length === 0) return;
    query.set('offset', offset);
  }
  throw capReached(url, readCaps.asanaPages);
}

function mapped(tasks: unknown[], settings: AsanaSettings): SyncPage {
  const events: TrackerEvent[] = [];
  let newest: Date | null = null;
  for (const task of tasks) {
    try {
      events.push(asanaTaskEvent(task, settings, null));
    } catch (error) {
      if (!(error instanceof PermanentEventError)) throw error;
      // the task is still in Asana: its key keeps a full run from archiving it
      const gid = isObject(task) && typeof task.gid === 'string' ? task.gid : null;
      const key = gid && GID.test(gid) ? asanaKey(gid, settings) : undefined;
      events.push({ kind: 'ignored', reason: `problem: ${error.message}`, key });
    }
    const modified = modifiedAt(task);
    if (!Number.isNaN(modified) && (!newest || modified > newest.getTime())) {
      newest = new Date(modified);
    }
  }
  return { events, newestUpdate: newest };
}

const baseOf = (connection: TrackerConnection) =>
  (connection.baseUrl || ASANA_API).replace(/\/+$/, '');

/** A personal access token (or an OAuth access token) as a Bearer token. */
function authHeaders(credentials: string | null): Record<string, string> {
  if (!credentials) {
    throw new TrackerHttpError(
      'the source has no API credentials: set an Asana personal access token to read tasks',
      null,
    );
  }
  return { authorization: `Bearer ${credentials}` };
}
