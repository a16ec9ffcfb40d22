import { createHash } from 'node:crypto';
import { TrackerHttpError } from '../sources/tracker-http.js';
import {
  PermanentEventError,
  type TrackerConnection,
  type TrackerEvent,
} from '../sources/tracker.js';
import { parseGithubEvent } from './github-events.js';
import { githubGraphql, githubGraphqlUrl } from './github-graphql.js';
import type { GithubProject } from './github-project-settings.js';
import { ISSUE_ITEMS_QUERY, PROJECT_ID_QUERY, type GqlIssue } from './github-project-queries.js';
import { projectIssueEvents } from './github-project.js';
import { githubSettings, isObject, type GithubSettings } from './github-settings.js';

/**
 * Project node ids by API, token and owner/number: they never change, so one read per token. The
 * token is part of the key: a project one organization's token resolved is never handed to
 * another organization's source (whose token may not read it, or may name another owner's).
 */
const projectIds = new Map<string, Promise<string>>();

/** The actions a `projects_v2_item` webhook documents. */
const ITEM_ACTIONS = [
  'created',
  'edited',
  'converted',
  'archived',
  'restored',
  'deleted',
  'reordered',
];

/**
 * The adapter's fetch (docs/design.md 4.4 GITHUB). Without settings.project, the body is parsed
 * as before: an `issues` body carries the whole issue. With it, the project's field values are in
 * no webhook body (an `issues` body lacks them; a `projects_v2_item` body names only node ids), so
 * the issue is read through GraphQL with its item in the project: an `issues` event of the
 * source's repositories, and a `projects_v2_item` event of the project whose content is an issue.
 * Items of other projects, draft issues and pull requests are ignored. An item deleted or archived
 * leaves the issue a ticket without the project's points and sprint.
 */
export async function fetchGithubEvent(
  body: unknown,
  connection: TrackerConnection,
  signal: AbortSignal,
): Promise<TrackerEvent[]> {
  const settings = githubSettings(connection.settings);
  const parsed = parseGithubEvent(body, settings);
  if (!settings.project) return [parsed];
  const item = isObject(body) ? body.projects_v2_item : undefined;
  if (isObject(body) && isObject(item)) return itemEvent(body, item, settings, connection, signal);
  // ignored, or a deleted or transferred issue (its body is its last state): nothing to read
  if (parsed.kind !== 'issue') return [parsed];
  const issue = isObject(body) && isObject(body.issue) ? body.issue : {};
  const nodeId = issue.node_id;
  const key = parsed.issue.ticket.externalKey;
  if (typeof nodeId !== 'string' || nodeId.length === 0 || nodeId.length > 200) {
    throw new PermanentEventError(`${key}: issue.node_id is missing`);
  }
  return readIssue(nodeId, key, settings, connection, signal, {});
}

async function itemEvent(
  body: Record<string, unknown>,
  item: Record<string, unknown>,
  settings: GithubSettings,
  connection: TrackerConnection,
  signal: AbortSignal,
): Promise<TrackerEvent[]> {
  const action = body.action;
  if (typeof action !== 'string' || !ITEM_ACTIONS.includes(action)) {
    return [
      { kind: 'ignored', reason: `projects_v2_item.${String(action).slice(0, 50)}: not used` },
    ];
  }
  const projectNodeId = item.project_node_id;
  const contentNodeId = item.content_node_id;
  if (typeof projectNodeId !== 'string' || typeof contentNodeId !== 'string') {
    throw new PermanentEventError(
      'projects_v2_item.project_node_id and projects_v2_item.content_node_id are required',
    );
  }
  const projectId = await projectNodeIdOf(settings.project!, connection, signal);
  if (projectNodeId !== projectId) {
    return [
      { kind: 'ignored', reason: `an item of another project (${projectNodeId.slice(0, 100)})` },
    ];
  }
  if (item.content_type !== 'Issue') {
    return [
      {
        kind: 'ignored',
        reason: `a project item of type ${String(item.content_type).slice(0, 50)} is not a ticket`,
      },
    ];
  }
  if (action === 'reordered')
    return [{ kind: 'ignored', reason: 'an item moved: no field changed' }];
  const removed = action === 'deleted' || action === 'archived';
  return readIssue(contentNodeId, contentNodeId, settings, connection, signal, {
    removedAt: removed ? removalTime(item, action) : undefined,
    projectId,
  });
}

/**
 * When the item left the project, by GitHub's clock: `archived_at` for an archive, else the
 * item's `updated_at`. Never the local clock: an archive processed late would then beat a later
 * restore for ever.
 */
function removalTime(item: Record<string, unknown>, action: string): Date {
  const field = action === 'archived' && item.archived_at ? 'archived_at' : 'updated_at';
  const value = item[field];
  const at = typeof value === 'string' ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw new PermanentEventError(
      `projects_v2_item.${field} is missing or not a time (item ${String(item.node_id).slice(0, 100)})`,
    );
  }
  return at;
}

/** Reads the issue with its items and maps it with its item in the project (none when removed). */
async function readIssue(
  nodeId: string,
  named: string,
  settings: GithubSettings,
  connection: TrackerConnection,
  signal: AbortSignal,
  options: { removedAt?: Date; projectId?: string },
): Promise<TrackerEvent[]> {
  const projectId =
    options.projectId ?? (await projectNodeIdOf(settings.project!, connection, signal));
  const data = await githubGraphql<{ node: GqlIssue | null }>(
    connection,
    { operationName: 'GithubIssueItems', query: ISSUE_ITEMS_QUERY, variables: { id: nodeId } },
    signal,
  );
  const issue = data.node;
  if (!issue || issue.__typename !== 'Issue') {
    // deleted or transferred since: the issues event saying so is applied on its own
    return [{ kind: 'ignored', reason: `${named}: the issue is no longer readable` }];
  }
  const item = options.removedAt
    ? null
    : (issue.projectItems?.nodes.find((i) => i?.project?.id === projectId) ?? null);
  return projectIssueEvents(issue, item, settings, { removedAt: options.removedAt });
}

/**
 * The project's node id: given in settings, or read once (per API and token) from its owner's
 * login and number. A project the token cannot read fails the call (retried: a token or setting
 * fixed meanwhile heals it).
 */
export async function projectNodeIdOf(
  project: GithubProject,
  connection: TrackerConnection,
  signal: AbortSignal,
): Promise<string> {
  if ('id' in project) return project.id;
  const token = createHash('sha256')
    .update(connection.credentials ?? '')
    .digest('hex');
  const cacheKey = `${githubGraphqlUrl(connection.baseUrl)} ${token} ${project.owner}/${project.number}`;
  // Deliveries applied together ask at once: they share the one read in flight. A failed read is
  // forgotten, so the next call (the retry) reads again.
  let known = projectIds.get(cacheKey);
  if (!known) {
    known = readProjectNodeId(project, connection, signal);
    projectIds.set(cacheKey, known);
    known.catch(() => projectIds.delete(cacheKey));
  }
  return known;
}

async function readProjectNodeId(
  project: { owner: string; number: number },
  connection: TrackerConnection,
  signal: AbortSignal,
): Promise<string> {
  const data = await githubGraphql<{
    repositoryOwner: { projectV2?: { id: string } | null } | null;
  }>(
    connection,
    {
      operationName: 'GithubProjectId',
      query: PROJECT_ID_QUERY,
      variables: { owner: project.owner, number: project.number },
    },
    signal,
  );
  const id = data.repositoryOwner?.projectV2?.id;
  if (typeof id !== 'string') {
    throw new TrackerHttpError(
      `settings.project: no project ${project.owner} #${project.number} is readable with the source's token`,
      404,
    );
  }
  return id;
}
