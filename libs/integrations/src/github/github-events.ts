import type { StatusCategory } from '@app/domain';
import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import {
  PermanentEventError,
  type IssueState,
  type TrackerEvent,
  type TrackerSprint,
} from '../sources/tracker.js';
import { isObject, type GithubSettings } from './github-settings.js';

type Json = Record<string, unknown>;

const objectAt = (value: unknown, key: string): Json | null => {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : null;
};

/** A key as tickets take it: 1-64 characters without spaces. */
const KEY = /^\S{1,64}$/;

/**
 * The inbox hands an adapter the body only, not the `X-GitHub-Event` header, so the event is told
 * by its documented shape: `ping` has `zen` and `hook_id`; `issues` has `action`, `issue` and
 * `repository`, and neither `comment` (that is `issue_comment`, same `issue` and `action`) nor an
 * `issue.pull_request` (a pull request's issue, not a ticket); `projects_v2_item` has `action` and
 * `projects_v2_item`.
 */
function eventName(
  body: Json,
): 'ping' | 'issues' | 'pull_request_issue' | 'projects_v2_item' | null {
  if (typeof body.zen === 'string' && body.hook_id !== undefined) return 'ping';
  if (typeof body.action === 'string' && objectAt(body, 'projects_v2_item')) {
    return 'projects_v2_item';
  }
  const issue = objectAt(body, 'issue');
  if (typeof body.action !== 'string' || !issue || !objectAt(body, 'repository')) return null;
  if ('comment' in body) return null;
  return issue.pull_request === undefined ? 'issues' : 'pull_request_issue';
}

/** The event's name and subject, for the inbox (before the event is applied). */
export function describeGithubEvent(body: unknown): { eventType: string; subject: string | null } {
  if (!isObject(body)) return { eventType: 'unknown', subject: null };
  const name = eventName(body);
  const action = typeof body.action === 'string' ? body.action.slice(0, 50) : '';
  const repo = objectAt(body, 'repository')?.full_name;
  const number = objectAt(body, 'issue')?.number;
  const content = objectAt(body, 'projects_v2_item')?.content_node_id;
  const subject =
    typeof repo === 'string' && typeof number === 'number'
      ? `${repo}#${number}`
      : typeof content === 'string'
        ? content
        : null;
  const eventType =
    name === 'ping'
      ? 'ping'
      : name === 'projects_v2_item'
        ? `projects_v2_item.${action}`
        : name === 'issues'
          ? `issues.${action}`
          : name === 'pull_request_issue'
            ? `pull_request.${action}`
            : action || 'unknown';
  return { eventType, subject: subject && subject.slice(0, 200) };
}

/** A GitHub webhook body (docs/design.md 4.4 GITHUB) as the event the pipeline applies. */
export function parseGithubEvent(body: unknown, settings: GithubSettings): TrackerEvent {
  if (!isObject(body)) throw new PermanentEventError('the body is not a JSON object');
  const name = eventName(body);
  if (name === 'ping') return { kind: 'ignored', reason: 'ping: the webhook was created' };
  if (name === 'pull_request_issue') {
    return { kind: 'ignored', reason: 'a pull request is not a ticket' };
  }
  if (name === 'projects_v2_item') {
    return { kind: 'ignored', reason: 'a project item: settings.project names no project' };
  }
  if (name !== 'issues') {
    return { kind: 'ignored', reason: 'not an issues event (only "Issues" is used)' };
  }
  const repo = objectAt(body, 'repository')?.full_name;
  if (typeof repo !== 'string' || !repo.includes('/')) {
    throw new PermanentEventError('repository.full_name is missing');
  }
  // A source covers its listed repositories: an organization webhook also sends the others,
  // which a full reconciliation would never see (and would archive again).
  const listed = settings.repositories.map((r) => r.toLowerCase());
  if (listed.length && !listed.includes(repo.toLowerCase())) {
    return { kind: 'ignored', reason: `${repo} is not in settings.repositories` };
  }
  // transferred: the issue left this repository (its new copy arrives with the other one's
  // webhooks): the key here is gone, as for a delete
  const gone = body.action === 'deleted' || body.action === 'transferred';
  return githubIssueEvent(
    objectAt(body, 'issue')!,
    repo,
    settings,
    gone ? 'issueDeleted' : 'issue',
  );
}

/** One issue (a webhook's `issue`, or one item of the issues list) of repository `repo`. */
export function githubIssueEvent(
  issue: Json,
  repo: string,
  settings: GithubSettings,
  kind: 'issue' | 'issueDeleted' = 'issue',
): TrackerEvent {
  const number = issue.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new PermanentEventError(`${repo}: issue.number is missing`);
  }
  const key = `${repo}#${number}`;
  if (issue.pull_request !== undefined) {
    return { kind: 'ignored', reason: `${key}: a pull request is not a ticket` };
  }
  // GitHub's payloads carry no event time (webhookAt), and a delete does not move updated_at: a
  // tombstone is stamped with the time it is applied, so a late edit with the same updated_at
  // (sent before the delete) is older and never brings the issue back.
  const webhookAt = kind === 'issueDeleted' ? new Date() : null;
  return { kind, issue: githubIssueState(key, issue, settings), webhookAt };
}

function githubIssueState(key: string, issue: Json, settings: GithubSettings): IssueState {
  const at = (path: string) => `${key}: issue.${path}`;
  const updated = issue.updated_at;
  const updatedAt = typeof updated === 'string' ? new Date(updated) : null;
  if (!updatedAt || Number.isNaN(updatedAt.getTime())) {
    throw new PermanentEventError(`${at('updated_at')} is missing or not a time`);
  }
  const labels = labelNames(issue.labels, at('labels'));
  const { rawStatus, category } = status(issue, labels, settings, at);
  const milestone = objectAt(issue, 'milestone');
  const type = objectAt(issue, 'type')?.name;
  const title = issue.title;
  if (typeof title !== 'string') throw new PermanentEventError(`${at('title')} must be a string`);
  const ticket: IncomingTicket = {
    externalKey: key,
    externalId:
      typeof issue.id === 'number' || typeof issue.id === 'string' ? String(issue.id) : null,
    title,
    type: typeof type === 'string' && type ? type : 'Issue',
    labels,
    rawStatus,
    sourceCategory: category,
    points: points(labels, settings, at),
    sprintNames: [],
    epicKey:
      settings.initiativeFrom === 'milestone'
        ? milestoneKey(milestone?.title)
        : (prefixed(labels, settings.initiativeLabelPrefix)[0] ?? null),
    parentKey: null,
    origin: key,
  };
  const problem = ticketFieldProblem(ticket, {
    externalKey: 'key',
    externalId: 'id',
    title: 'title',
    type: 'type.name',
    labels: 'labels',
    rawStatus: 'state',
    points: `labels (${settings.pointsLabelPrefix})`,
    epicKey: `labels (${settings.initiativeLabelPrefix})`,
  });
  if (problem) throw new PermanentEventError(`${key}: ${problem}`);
  const sprintName = settings.sprintLabelPrefix
    ? (prefixed(labels, settings.sprintLabelPrefix)[0]?.trim() ?? '')
    : '';
  if (sprintName.length > 200) {
    throw new PermanentEventError(
      `${key}: labels (${settings.sprintLabelPrefix}) must name a sprint of at most 200 characters`,
    );
  }
  const sprints: TrackerSprint[] = sprintName
    ? [
        {
          externalId: `github-label:${sprintName}`,
          nameOnly: true,
          name: sprintName,
          state: 'ACTIVE',
          boardId: null,
          startDate: null,
          endDate: null,
        },
      ]
    : [];
  return { ticket, sprints, updatedAt };
}

function labelNames(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PermanentEventError(`${path} must be a list`);
  // the REST API and webhooks send label objects; a label may also be given as its name
  return value.map((l, i) => {
    const name = isObject(l) ? l.name : l;
    if (typeof name !== 'string')
      throw new PermanentEventError(`${path}[${i}].name must be a string`);
    return name;
  });
}

const prefixed = (labels: string[], prefix: string | null): string[] =>
  prefix
    ? labels
        .filter((l) => l.startsWith(prefix) && l.length > prefix.length)
        .map((l) => l.slice(prefix.length))
    : [];

/**
 * open: TODO, or IN_PROGRESS with an inProgressLabels label; closed with state_reason
 * not_planned (or duplicate): CANCELLED; closed otherwise (completed, or no reason): DONE. The raw
 * statuses are names the organization's status mapping may remap.
 */
function status(
  issue: Json,
  labels: string[],
  settings: GithubSettings,
  at: (path: string) => string,
): { rawStatus: string; category: StatusCategory } {
  if (issue.state === 'open') {
    return settings.inProgressLabels.some((l) => labels.includes(l))
      ? { rawStatus: 'in progress', category: 'IN_PROGRESS' }
      : { rawStatus: 'open', category: 'TODO' };
  }
  if (issue.state === 'closed') {
    return issue.state_reason === 'not_planned' || issue.state_reason === 'duplicate'
      ? { rawStatus: 'not planned', category: 'CANCELLED' }
      : { rawStatus: 'closed', category: 'DONE' };
  }
  throw new PermanentEventError(`${at('state')} must be open or closed`);
}

/** The first `points:<n>` label's number; a label that is no number is refused. */
function points(labels: string[], settings: GithubSettings, at: (path: string) => string) {
  const value = prefixed(labels, settings.pointsLabelPrefix)[0];
  if (value === undefined) return null;
  const n = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(value) ? Number(value) : NaN;
  if (Number.isNaN(n)) {
    throw new PermanentEventError(
      `${at('labels')} "${settings.pointsLabelPrefix}${value.slice(0, 40)}" must be a number of story points`,
    );
  }
  return n;
}

/**
 * A milestone's title names an initiative by its externalKey; a title that cannot be a key
 * (spaces, longer than 64: a release named in prose) links to no initiative rather than failing.
 */
function milestoneKey(title: unknown): string | null {
  if (typeof title !== 'string') return null;
  const t = title.trim();
  return KEY.test(t) ? t : null;
}
