import {
  agileSprint,
  DEFAULT_STATUS_CATEGORIES,
  jiraIssue,
  statusId,
  type IssueSpec,
  type IssueTypeName,
  type JiraChangelog,
  type JiraChangelogItem,
  type JiraIssue,
  type JiraSprint,
  type SprintState,
  type StatusCategoryKey,
} from './jira-shapes.js';

/** An edit to an issue, as a user would make it in Jira; omitted attributes stay as they are. */
export interface IssueInput {
  key: string;
  summary?: string;
  type?: IssueTypeName;
  /** a status name; its category comes from Jira's defaults unless `statusCategory` says it */
  status?: string;
  statusCategory?: StatusCategoryKey;
  labels?: string[];
  /** the parent's key (an epic, or the story of a sub-task); null removes the parent */
  parentKey?: string | null;
  storyPoints?: number | null;
  /** the sprints the issue is or was in, by id; each must have been put with putSprint */
  sprintIds?: number[];
  created?: Date | string;
  /** when omitted, a time strictly later than the issue's previous `updated` */
  updated?: Date | string;
  /** further raw fields, merged into `fields` as given */
  fields?: Record<string, unknown>;
}

export interface SprintInput {
  id: number;
  name: string;
  state: SprintState;
  originBoardId: number;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  createdDate?: string;
  goal?: string;
}

interface IssueRecord {
  id: string;
  key: string;
  project: string;
  summary: string;
  type: IssueTypeName;
  status: string;
  statusCategory: StatusCategoryKey;
  labels: string[];
  parentKey: string | null;
  storyPoints: number | null;
  sprintIds: number[];
  created: number;
  updated: number;
  extraFields: Record<string, unknown>;
}

function toMillis(value: Date | string): number {
  const at =
    typeof value === 'string' ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : +value;
  if (Number.isNaN(at)) throw new Error(`not a time: ${String(value)}`);
  return at;
}

/**
 * What the fake Jira site holds: issues by key and sprints by id. Issues are rendered on every
 * read, so an issue's parent summary and sprint states are always the current ones, as in Jira
 * (where editing a sprint does not touch the issues' `updated`: reconciling by `updated` alone
 * misses sprint changes, and the fake keeps that true).
 */
export class JiraState {
  private readonly issueRecords = new Map<string, IssueRecord>();
  private readonly deletedIssues = new Map<string, JiraIssue>();
  private readonly sprintRecords = new Map<number, JiraSprint>();
  private readonly deletedSprints = new Map<number, JiraSprint>();
  private readonly lastChangelogs = new Map<string, JiraChangelog>();
  private readonly boards = new Set<number>();
  private readonly projectIds = new Map<string, string>();
  private nextIssueId = 10001;
  private nextChangelogId = 20001;

  constructor(
    private readonly base: () => string,
    private readonly now: () => number,
  ) {}

  putIssue(input: IssueInput): { issue: JiraIssue; changelog: JiraChangelog | null } {
    const key = input.key.toUpperCase();
    const match = /^([A-Z][A-Z0-9_]*)-(\d+)$/.exec(key);
    if (!match) throw new Error(`not a Jira issue key: ${input.key}`);
    const before = this.issueRecords.get(key);
    const status = input.status ?? before?.status ?? 'To Do';
    const statusCategory =
      input.statusCategory ??
      (input.status === undefined ? before?.statusCategory : undefined) ??
      DEFAULT_STATUS_CATEGORIES[status];
    if (!statusCategory) {
      throw new Error(`status "${status}" is not one of Jira's defaults: give its statusCategory`);
    }
    const parentKey =
      input.parentKey === undefined
        ? (before?.parentKey ?? null)
        : (input.parentKey?.toUpperCase() ?? null);
    if (parentKey !== null && !this.issueRecords.has(parentKey)) {
      throw new Error(`parent ${parentKey} of ${key} is not in the fake: put it first`);
    }
    const type = input.type ?? before?.type ?? 'Story';
    if (type === 'Sub-task' && parentKey === null)
      throw new Error(`sub-task ${key} needs a parent`);
    const sprintIds = input.sprintIds ?? before?.sprintIds ?? [];
    for (const id of sprintIds) {
      if (!this.sprintRecords.has(id))
        throw new Error(`sprint ${id} is not in the fake: put it first`);
    }
    const updated =
      input.updated !== undefined
        ? toMillis(input.updated)
        : Math.max(this.now(), before ? before.updated + 1 : 0);
    const record: IssueRecord = {
      id: before?.id ?? String(this.nextIssueId++),
      key,
      project: match[1]!,
      summary: input.summary ?? before?.summary ?? `${key} summary`,
      type,
      status,
      statusCategory,
      labels: [...(input.labels ?? before?.labels ?? [])],
      parentKey,
      storyPoints:
        input.storyPoints === undefined ? (before?.storyPoints ?? null) : input.storyPoints,
      sprintIds: [...sprintIds],
      created: input.created !== undefined ? toMillis(input.created) : (before?.created ?? updated),
      updated,
      extraFields: { ...before?.extraFields, ...input.fields },
    };
    this.issueRecords.set(key, record);
    this.deletedIssues.delete(key);
    let changelog: JiraChangelog | null = null;
    if (before) {
      changelog = { id: String(this.nextChangelogId++), items: this.diff(before, record) };
      this.lastChangelogs.set(key, changelog);
    } else {
      this.lastChangelogs.delete(key);
    }
    return { issue: this.render(record), changelog };
  }

  /** Removes the issue, keeping its last state for a jira:issue_deleted webhook. */
  deleteIssue(key: string): JiraIssue {
    const upper = key.toUpperCase();
    const record = this.issueRecords.get(upper);
    if (!record) throw new Error(`issue ${key} is not in the fake`);
    const last = this.render(record);
    this.issueRecords.delete(upper);
    this.deletedIssues.set(upper, last);
    return last;
  }

  issue(key: string): JiraIssue | undefined {
    const record = this.issueRecords.get(key.toUpperCase());
    return record ? this.render(record) : undefined;
  }

  deletedIssue(key: string): JiraIssue | undefined {
    return this.deletedIssues.get(key.toUpperCase());
  }

  lastChangelog(key: string): JiraChangelog | undefined {
    return this.lastChangelogs.get(key.toUpperCase());
  }

  /** Every current issue with the figures JQL matches on, in creation order. */
  issueSubjects(): {
    id: string;
    key: string;
    project: string;
    updated: number;
    created: number;
  }[] {
    return [...this.issueRecords.values()]
      .map(({ id, key, project, updated, created }) => ({ id, key, project, updated, created }))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  putSprint(input: SprintInput): JiraSprint {
    const sprint = agileSprint(this.base(), input);
    this.sprintRecords.set(sprint.id, sprint);
    this.deletedSprints.delete(sprint.id);
    this.boards.add(sprint.originBoardId);
    return sprint;
  }

  deleteSprint(id: number): JiraSprint {
    const sprint = this.sprintRecords.get(id);
    if (!sprint) throw new Error(`sprint ${id} is not in the fake`);
    this.sprintRecords.delete(id);
    this.deletedSprints.set(id, sprint);
    // as Jira does, the issues simply lose the sprint, without an `updated` bump
    for (const record of this.issueRecords.values()) {
      record.sprintIds = record.sprintIds.filter((sprintId) => sprintId !== id);
    }
    return sprint;
  }

  sprint(id: number): JiraSprint | undefined {
    return this.sprintRecords.get(id) ?? this.deletedSprints.get(id);
  }

  putBoard(id: number): void {
    this.boards.add(id);
  }

  hasBoard(id: number): boolean {
    return this.boards.has(id);
  }

  sprintsOfBoard(boardId: number): JiraSprint[] {
    return [...this.sprintRecords.values()]
      .filter((sprint) => sprint.originBoardId === boardId)
      .sort((a, b) => a.id - b.id);
  }

  private render(record: IssueRecord): JiraIssue {
    const parent = record.parentKey ? this.issueRecords.get(record.parentKey) : undefined;
    const spec: IssueSpec = {
      id: record.id,
      key: record.key,
      summary: record.summary,
      type: record.type,
      status: record.status,
      statusCategory: record.statusCategory,
      labels: record.labels,
      created: new Date(record.created),
      updated: new Date(record.updated),
      storyPoints: record.storyPoints,
      sprints: record.sprintIds
        .map((id) => this.sprintRecords.get(id))
        .filter((sprint): sprint is JiraSprint => sprint !== undefined),
      project: { id: this.projectId(record.project), key: record.project, name: record.project },
      extraFields: record.extraFields,
    };
    if (parent) {
      spec.parent = {
        id: parent.id,
        key: parent.key,
        summary: parent.summary,
        type: parent.type,
        status: parent.status,
        statusCategory: parent.statusCategory,
      };
    }
    return jiraIssue(this.base(), spec);
  }

  private projectId(key: string): string {
    let id = this.projectIds.get(key);
    if (!id) {
      id = String(10000 + this.projectIds.size);
      this.projectIds.set(key, id);
    }
    return id;
  }

  /** Changelog items named as Jira Cloud names them in webhooks and in the issue changelog. */
  private diff(before: IssueRecord, after: IssueRecord): JiraChangelogItem[] {
    const items: JiraChangelogItem[] = [];
    const text = (field: string, fieldId: string, from: string, to: string): void => {
      if (from !== to) {
        items.push({
          field,
          fieldtype: 'jira',
          fieldId,
          from: null,
          fromString: from,
          to: null,
          toString: to,
        });
      }
    };
    text('summary', 'summary', before.summary, after.summary);
    if (before.status !== after.status) {
      items.push({
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: statusId(before.status),
        fromString: before.status,
        to: statusId(after.status),
        toString: after.status,
      });
    }
    if (before.type !== after.type) {
      items.push({
        field: 'issuetype',
        fieldtype: 'jira',
        fieldId: 'issuetype',
        from: null,
        fromString: before.type,
        to: null,
        toString: after.type,
      });
    }
    text('labels', 'labels', before.labels.join(' '), after.labels.join(' '));
    if (before.parentKey !== after.parentKey) {
      const idOf = (key: string | null) => (key ? (this.issueRecords.get(key)?.id ?? null) : null);
      items.push({
        field: 'IssueParentAssociation',
        fieldtype: 'jira',
        from: idOf(before.parentKey),
        fromString: before.parentKey,
        to: idOf(after.parentKey),
        toString: after.parentKey,
      });
    }
    if (before.storyPoints !== after.storyPoints) {
      items.push({
        field: 'Story point estimate',
        fieldtype: 'custom',
        fieldId: 'customfield_10016',
        from: null,
        fromString: before.storyPoints === null ? null : String(before.storyPoints),
        to: null,
        toString: after.storyPoints === null ? null : String(after.storyPoints),
      });
    }
    if (before.sprintIds.join() !== after.sprintIds.join()) {
      const names = (ids: number[]) =>
        ids.map((id) => this.sprintRecords.get(id)?.name ?? String(id)).join(', ');
      items.push({
        field: 'Sprint',
        fieldtype: 'custom',
        fieldId: 'customfield_10020',
        from: before.sprintIds.join(', ') || null,
        fromString: names(before.sprintIds) || null,
        to: after.sprintIds.join(', ') || null,
        toString: names(after.sprintIds) || null,
      });
    }
    return items;
  }
}
