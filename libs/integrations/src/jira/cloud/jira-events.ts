import { type StatusCategory } from '@app/domain';
import { ticketFieldProblem, type IncomingTicket } from '../../tickets/incoming-ticket.js';
import {
  PermanentEventError,
  type IssueState,
  type TrackerEvent,
  type TrackerSprint,
} from '../../sources/tracker.js';
import {
  isObject,
  jiraDate,
  jiraTime,
  objectAt,
  requiredString,
  stringAt,
  type Json,
} from './jira-fields.js';
import type { JiraSettings } from './jira-settings.js';

/** Jira's status categories (statusCategory.key) as ours: used only for an unmapped status name. */
const CATEGORIES: Record<string, StatusCategory> = {
  new: 'TODO',
  indeterminate: 'IN_PROGRESS',
  done: 'DONE',
};

const SPRINT_STATES: Record<string, TrackerSprint['state']> = {
  future: 'FUTURE',
  active: 'ACTIVE',
  closed: 'CLOSED',
};

const SPRINT_EVENTS = {
  sprint_created: 'created',
  sprint_updated: 'updated',
  sprint_started: 'started',
  sprint_closed: 'closed',
  sprint_deleted: 'deleted',
} as const;

/** The event's name and subject, for the inbox (before the event is applied). */
export function describeJiraEvent(body: unknown): { eventType: string; subject: string | null } {
  const type = isObject(body) && typeof body.webhookEvent === 'string' ? body.webhookEvent : '';
  const issue = objectAt(body, 'issue');
  const sprint = objectAt(body, 'sprint');
  const subject =
    (typeof issue?.key === 'string' && issue.key) ||
    (typeof sprint?.name === 'string' && sprint.name) ||
    null;
  return { eventType: type.slice(0, 100) || 'unknown', subject: subject && subject.slice(0, 200) };
}

/** A Jira Cloud webhook body (docs/design.md 4.4 JIRA_CLOUD) as the event the pipeline applies. */
export function parseJiraEvent(body: unknown, settings: JiraSettings): TrackerEvent {
  if (!isObject(body)) throw new PermanentEventError('the body is not a JSON object');
  const type = body.webhookEvent;
  const webhookAt = typeof body.timestamp === 'number' ? new Date(body.timestamp) : null;
  if (type === 'jira:issue_created' || type === 'jira:issue_updated') {
    return issueEvent(body, settings, webhookAt, 'issue');
  }
  if (type === 'jira:issue_deleted') return issueEvent(body, settings, webhookAt, 'issueDeleted');
  if (typeof type === 'string' && type in SPRINT_EVENTS) {
    const sprint = objectAt(body, 'sprint');
    if (!sprint) throw new PermanentEventError(`${type}: sprint is missing`);
    return {
      kind: 'sprint',
      action: SPRINT_EVENTS[type as keyof typeof SPRINT_EVENTS],
      sprint: jiraSprint(sprint, 'sprint', 'originBoardId'),
      webhookAt,
    };
  }
  return { kind: 'ignored', reason: `event type "${String(type).slice(0, 100)}" is not used` };
}

function issueEvent(
  body: Json,
  settings: JiraSettings,
  webhookAt: Date | null,
  kind: 'issue' | 'issueDeleted',
): TrackerEvent {
  const issue = objectAt(body, 'issue');
  if (!issue) throw new PermanentEventError(`${String(body.webhookEvent)}: issue is missing`);
  return jiraIssueEvent(issue, settings, webhookAt, kind);
}

/**
 * One issue (a webhook's `issue`, or one result of /rest/api/3/search/jql): an epic or higher
 * (hierarchy level 1+) only records its id on the initiative; everything else is a ticket.
 */
export function jiraIssueEvent(
  issue: Json,
  settings: JiraSettings,
  webhookAt: Date | null,
  kind: 'issue' | 'issueDeleted' = 'issue',
): TrackerEvent {
  const key = requiredString(issue, 'key', 'issue.key');
  const fields = objectAt(issue, 'fields');
  if (!fields) throw new PermanentEventError(`${key}: issue.fields is missing`);
  const issueType = objectAt(fields, 'issuetype');
  const level = Number(issueType?.hierarchyLevel ?? 0);
  if (level >= 1) {
    if (kind === 'issueDeleted') return { kind: 'ignored', reason: `${key}: an epic was deleted` };
    return { kind: 'epic', key, externalId: requiredString(issue, 'id', `${key}: issue.id`) };
  }
  return { kind, issue: jiraIssueState(key, issue, fields, settings), webhookAt };
}

function jiraIssueState(
  key: string,
  issue: Json,
  fields: Json,
  settings: JiraSettings,
): IssueState {
  const at = (path: string) => `${key}: fields.${path}`;
  const issueType = objectAt(fields, 'issuetype');
  const status = objectAt(fields, 'status');
  const parent = objectAt(fields, 'parent');
  const parentLevel = Number(
    objectAt(objectAt(parent, 'fields'), 'issuetype')?.hierarchyLevel ?? NaN,
  );
  const subtask = issueType?.subtask === true;
  const updatedAt = jiraTime(stringAt(fields, 'updated', at('updated')), at('updated'));
  if (!updatedAt) throw new PermanentEventError(`${at('updated')} is missing`);

  const points = fields[settings.storyPointsField];
  if (points !== undefined && points !== null && typeof points !== 'number') {
    throw new PermanentEventError(
      `${at(settings.storyPointsField)} must be a number of story points`,
    );
  }
  const labels = fields.labels ?? [];
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string')) {
    throw new PermanentEventError(`${at('labels')} must be a list of strings`);
  }
  const sprints = jiraSprints(fields[settings.sprintField], at(settings.sprintField));
  const ticket: IncomingTicket = {
    externalKey: key,
    externalId: stringAt(issue, 'id', `${key}: issue.id`),
    title: stringAt(fields, 'summary', at('summary')) ?? '',
    type: stringAt(issueType, 'name', at('issuetype.name')) ?? 'Task',
    labels: labels as string[],
    rawStatus: stringAt(status, 'name', at('status.name')) ?? '',
    sourceCategory:
      CATEGORIES[stringAt(objectAt(status, 'statusCategory'), 'key', at('status')) ?? ''] ?? null,
    points: (points as number | null | undefined) ?? null,
    sprintNames: [],
    epicKey: !subtask && parentLevel === 1 ? stringAt(parent, 'key', at('parent.key')) : null,
    parentKey: subtask ? stringAt(parent, 'key', at('parent.key')) : null,
    origin: key,
  };
  const problem = ticketFieldProblem(ticket, {
    externalKey: 'key',
    externalId: 'id',
    title: 'fields.summary',
    type: 'fields.issuetype.name',
    labels: 'fields.labels',
    rawStatus: 'fields.status.name',
    points: `fields.${settings.storyPointsField}`,
    sprintNames: `fields.${settings.sprintField}`,
    epicKey: 'fields.parent.key',
    parentKey: 'fields.parent.key',
  });
  if (problem) throw new PermanentEventError(`${key}: ${problem}`);
  return { ticket, sprints: currentLast(sprints), updatedAt };
}

/** The issue's sprint list: the current sprint is the active or future one, else the last. */
function currentLast(sprints: TrackerSprint[]): TrackerSprint[] {
  const current =
    sprints.find((s) => s.state === 'ACTIVE') ??
    sprints.find((s) => s.state === 'FUTURE') ??
    sprints.at(-1);
  return current ? [...sprints.filter((s) => s !== current), current] : [];
}

function jiraSprints(value: unknown, path: string): TrackerSprint[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 100) {
    throw new PermanentEventError(`${path} must be a list of at most 100 sprints`);
  }
  return value.map((s, i) => {
    if (!isObject(s)) throw new PermanentEventError(`${path}[${i}] must be a sprint object`);
    return jiraSprint(s, `${path}[${i}]`, 'boardId');
  });
}

/** A sprint object: on an issue (`boardId`) or in a sprint event (`originBoardId`). */
export function jiraSprint(
  sprint: Json,
  path: string,
  boardField: 'boardId' | 'originBoardId',
): TrackerSprint {
  const name = requiredString(sprint, 'name', `${path}.name`).trim();
  if (name.length > 200)
    throw new PermanentEventError(`${path}.name must be at most 200 characters`);
  const state = SPRINT_STATES[(stringAt(sprint, 'state', `${path}.state`) ?? '').toLowerCase()];
  if (!state) throw new PermanentEventError(`${path}.state must be future, active or closed`);
  const board = sprint[boardField] ?? sprint.boardId ?? sprint.originBoardId;
  return {
    externalId: requiredString(sprint, 'id', `${path}.id`),
    name,
    state,
    boardId: typeof board === 'number' || typeof board === 'string' ? String(board) : null,
    startDate: jiraDate(stringAt(sprint, 'startDate', `${path}.startDate`), `${path}.startDate`),
    endDate: jiraDate(stringAt(sprint, 'endDate', `${path}.endDate`), `${path}.endDate`),
  };
}
