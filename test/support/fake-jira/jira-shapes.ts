/**
 * Builders for the JSON that Jira Cloud sends and answers, so the fake and the tests agree on one
 * shape. Each builder names the documentation it follows; where Atlassian documents a shape only
 * loosely (sprint webhooks), the shape is the one jira.js types from observed deliveries.
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';
export type IssueTypeName = 'Epic' | 'Story' | 'Task' | 'Bug' | 'Sub-task';
export type SprintState = 'future' | 'active' | 'closed';
export type IssueWebhookEvent = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';
export type SprintWebhookEvent =
  'sprint_created' | 'sprint_updated' | 'sprint_started' | 'sprint_closed' | 'sprint_deleted';

/** A sprint as the Agile REST API answers it (GET /rest/agile/1.0/board/{id}/sprint, "Sprint"). */
export interface JiraSprint {
  id: number;
  self: string;
  state: SprintState;
  name: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  createdDate?: string;
  originBoardId: number;
  goal: string;
}

/** A sprint as it sits in an issue's sprint custom field (customfield_10020 on Jira Cloud). */
export interface JiraIssueSprint {
  id: number;
  name: string;
  state: SprintState;
  boardId: number;
  goal: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

export interface JiraIssueType {
  self: string;
  id: string;
  name: IssueTypeName;
  subtask: boolean;
  hierarchyLevel: number;
}

export interface JiraStatus {
  self: string;
  id: string;
  name: string;
  statusCategory: { id: number; key: StatusCategoryKey; name: string; colorName: string };
}

export interface JiraParent {
  id: string;
  key: string;
  self: string;
  fields: {
    summary: string;
    status: JiraStatus;
    issuetype: JiraIssueType;
  };
}

export interface JiraIssueFields {
  summary: string;
  issuetype: JiraIssueType;
  status: JiraStatus;
  project: { self: string; id: string; key: string; name: string };
  labels: string[];
  created: string;
  updated: string;
  parent?: JiraParent;
  /** "Story point estimate" on team-managed and new company-managed projects */
  customfield_10016: number | null;
  /** "Sprint": every sprint the issue has been in, null when none */
  customfield_10020: JiraIssueSprint[] | null;
  [field: string]: unknown;
}

/** An issue in Jira REST v3 shape (GET /rest/api/3/issue/{key}, "IssueBean"). */
export interface JiraIssue {
  id: string;
  key: string;
  self: string;
  fields: JiraIssueFields;
}

export interface JiraChangelogItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface JiraChangelog {
  id: string;
  items: JiraChangelogItem[];
}

export interface JiraWebhookUser {
  self: string;
  accountId: string;
  displayName: string;
  active: boolean;
  timeZone: string;
  accountType: 'atlassian';
}

export interface IssueWebhookBody {
  timestamp: number;
  webhookEvent: IssueWebhookEvent;
  issue_event_type_name: string;
  user: JiraWebhookUser;
  issue: JiraIssue;
  changelog?: JiraChangelog;
}

export interface SprintWebhookBody {
  timestamp: number;
  webhookEvent: SprintWebhookEvent;
  sprint: JiraSprint;
}

/** Jira's error answer ("ErrorCollection" in the REST v3 docs). */
export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

/**
 * Jira writes timestamps with a colon-less offset (2026-12-05T10:00:00.000+0000), which
 * `Date.parse` does not promise to read: the fake always writes UTC, as a site set to UTC does.
 */
export function jiraDate(at: Date | number): string {
  return new Date(at).toISOString().replace('Z', '+0000');
}

/** Reads Jira's timestamp format (and plain ISO), so tests can compare what the fake wrote. */
export function parseJiraDate(text: string): Date {
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const at = new Date(normalised);
  if (Number.isNaN(at.getTime())) throw new Error(`not a Jira timestamp: ${text}`);
  return at;
}

const ISSUE_TYPES: Record<IssueTypeName, { id: string; subtask: boolean; hierarchyLevel: number }> =
  {
    Epic: { id: '10000', subtask: false, hierarchyLevel: 1 },
    Story: { id: '10001', subtask: false, hierarchyLevel: 0 },
    Task: { id: '10002', subtask: false, hierarchyLevel: 0 },
    Bug: { id: '10004', subtask: false, hierarchyLevel: 0 },
    'Sub-task': { id: '10003', subtask: true, hierarchyLevel: -1 },
  };

/** Issue type as in IssueBean.fields.issuetype ("IssueTypeDetails"). */
export function jiraIssueType(base: string, name: IssueTypeName): JiraIssueType {
  const type = ISSUE_TYPES[name];
  return { self: `${base}/rest/api/3/issuetype/${type.id}`, name, ...type };
}

const CATEGORIES: Record<StatusCategoryKey, { id: number; name: string; colorName: string }> = {
  new: { id: 2, name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, name: 'Done', colorName: 'green' },
};

/** The categories of Jira's default workflow statuses; any other status needs its category said. */
export const DEFAULT_STATUS_CATEGORIES: Record<string, StatusCategoryKey> = {
  'To Do': 'new',
  Backlog: 'new',
  Open: 'new',
  'Selected for Development': 'new',
  'In Progress': 'indeterminate',
  'In Review': 'indeterminate',
  Done: 'done',
  Closed: 'done',
  Resolved: 'done',
};

/** A stable id per status name, so changelog from/to ids agree between calls. */
export function statusId(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 90_000;
  return String(10_000 + hash);
}

/** Status as in IssueBean.fields.status ("StatusDetails" with its "StatusCategory"). */
export function jiraStatus(base: string, name: string, category: StatusCategoryKey): JiraStatus {
  const id = statusId(name);
  return {
    self: `${base}/rest/api/3/status/${id}`,
    id,
    name,
    statusCategory: { ...CATEGORIES[category], key: category },
  };
}

/** Sprint as the Agile REST API answers it ("Sprint" in the Jira Software Cloud REST docs). */
export function agileSprint(
  base: string,
  sprint: Omit<JiraSprint, 'self' | 'goal'> & { goal?: string },
): JiraSprint {
  return {
    ...sprint,
    self: `${base}/rest/agile/1.0/sprint/${sprint.id}`,
    goal: sprint.goal ?? '',
  };
}

/** The sprint custom field's entry: the Agile sprint with boardId in place of originBoardId. */
export function issueSprint(sprint: JiraSprint): JiraIssueSprint {
  const entry: JiraIssueSprint = {
    id: sprint.id,
    name: sprint.name,
    state: sprint.state,
    boardId: sprint.originBoardId,
    goal: sprint.goal,
  };
  if (sprint.startDate) entry.startDate = sprint.startDate;
  if (sprint.endDate) entry.endDate = sprint.endDate;
  if (sprint.completeDate) entry.completeDate = sprint.completeDate;
  return entry;
}

/** Everything an issue's REST representation is made from. */
export interface IssueSpec {
  id: string;
  key: string;
  summary: string;
  type: IssueTypeName;
  status: string;
  statusCategory: StatusCategoryKey;
  labels: string[];
  created: Date;
  updated: Date;
  parent?: {
    id: string;
    key: string;
    summary: string;
    type: IssueTypeName;
    status: string;
    statusCategory: StatusCategoryKey;
  };
  storyPoints: number | null;
  sprints: JiraSprint[];
  project: { id: string; key: string; name: string };
  /** any other fields, as Jira would answer them (e.g. customfield_10014, assignee) */
  extraFields?: Record<string, unknown>;
}

/**
 * An issue as GET /rest/api/3/issue/{key} answers it with fields=*all (REST v3 "IssueBean"):
 * the parent carries only summary, status and issuetype, as Jira's embedded parent does.
 */
export function jiraIssue(base: string, spec: IssueSpec): JiraIssue {
  const fields: JiraIssueFields = {
    ...spec.extraFields,
    summary: spec.summary,
    issuetype: jiraIssueType(base, spec.type),
    status: jiraStatus(base, spec.status, spec.statusCategory),
    project: {
      self: `${base}/rest/api/3/project/${spec.project.id}`,
      ...spec.project,
    },
    labels: [...spec.labels],
    created: jiraDate(spec.created),
    updated: jiraDate(spec.updated),
    customfield_10016: spec.storyPoints,
    customfield_10020: spec.sprints.length > 0 ? spec.sprints.map(issueSprint) : null,
  };
  if (spec.parent) {
    fields.parent = {
      id: spec.parent.id,
      key: spec.parent.key,
      self: `${base}/rest/api/3/issue/${spec.parent.id}`,
      fields: {
        summary: spec.parent.summary,
        status: jiraStatus(base, spec.parent.status, spec.parent.statusCategory),
        issuetype: jiraIssueType(base, spec.parent.type),
      },
    };
  }
  return { id: spec.id, key: spec.key, self: `${base}/rest/api/3/issue/${spec.id}`, fields };
}

export function jiraWebhookUser(
  base: string,
  user: { accountId: string; displayName: string },
): JiraWebhookUser {
  return {
    self: `${base}/rest/api/2/user?accountId=${user.accountId}`,
    accountId: user.accountId,
    displayName: user.displayName,
    active: true,
    timeZone: 'UTC',
    accountType: 'atlassian',
  };
}

/**
 * Body of jira:issue_created / _updated / _deleted, after Atlassian's documented example
 * (developer.atlassian.com "Webhooks", "Example callback for an issue-related event"): the
 * issue in full, the acting user, and on updates the changelog of that one change.
 * issue_event_type_name is issue_created, issue_generic for a workflow transition,
 * issue_updated for a field edit, and issue_deleted.
 */
export function issueWebhookBody(args: {
  event: IssueWebhookEvent;
  issue: JiraIssue;
  user: JiraWebhookUser;
  changelog?: JiraChangelog;
  timestamp?: number;
}): IssueWebhookBody {
  const statusChanged = args.changelog?.items.some((item) => item.field === 'status') ?? false;
  const typeName =
    args.event === 'jira:issue_created'
      ? 'issue_created'
      : args.event === 'jira:issue_deleted'
        ? 'issue_deleted'
        : statusChanged
          ? 'issue_generic'
          : 'issue_updated';
  const body: IssueWebhookBody = {
    timestamp: args.timestamp ?? Date.now(),
    webhookEvent: args.event,
    issue_event_type_name: typeName,
    user: args.user,
    issue: args.issue,
  };
  if (args.changelog && args.event === 'jira:issue_updated') body.changelog = args.changelog;
  return body;
}

/**
 * Body of the sprint_* events. Atlassian lists the events but shows no example; this is the shape
 * jira.js types from real deliveries (SprintWebhookPayload): timestamp, webhookEvent and the sprint
 * as the Agile API answers it.
 */
export function sprintWebhookBody(args: {
  event: SprintWebhookEvent;
  sprint: JiraSprint;
  timestamp?: number;
}): SprintWebhookBody {
  return { timestamp: args.timestamp ?? Date.now(), webhookEvent: args.event, sprint: args.sprint };
}

export function jiraError(...messages: string[]): JiraErrorBody {
  return { errorMessages: messages, errors: {} };
}
