/**
 * Linear's documented shapes, as far as a ticket source reads them: the Issue and Cycle entities
 * of the data-change webhooks (`{ action, type, data, url, createdAt, organizationId,
 * webhookTimestamp, webhookId, updatedFrom }`) and the GraphQL `issues` connection's nodes.
 */
export type StateType = 'triage' | 'backlog' | 'unstarted' | 'started' | 'completed' | 'canceled';

export interface LinearCycle {
  id: string;
  number: number;
  name: string | null;
  startsAt: string;
  endsAt: string;
  completedAt: string | null;
  team: { id: string; key: string };
}

export interface LinearIssue {
  id: string;
  identifier: string;
  title: string;
  /** points; null: not estimated */
  estimate: number | null;
  createdAt: string;
  updatedAt: string;
  state: { id: string; name: string; type: StateType };
  labels: { id: string; name: string }[];
  cycle: LinearCycle | null;
  project: { id: string; name: string } | null;
  team: { id: string; key: string };
  parent: { id: string; identifier: string } | null;
}

export type WebhookAction = 'create' | 'update' | 'remove';

export interface LinearWebhookBody {
  action: WebhookAction;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
  url: string;
  updatedFrom?: Record<string, unknown>;
  organizationId: string;
  webhookTimestamp: number;
  webhookId: string;
}

/** An issue as the Issue webhook's `data`: labels as a list, with labelIds, ids of relations. */
export function issueWebhookData(issue: LinearIssue): Record<string, unknown> {
  const { cycle, ...rest } = issue;
  return {
    ...rest,
    labelIds: issue.labels.map((l) => l.id),
    stateId: issue.state.id,
    teamId: issue.team.id,
    projectId: issue.project?.id ?? null,
    cycleId: cycle?.id ?? null,
    parentId: issue.parent?.id ?? null,
    cycle: cycle && {
      id: cycle.id,
      number: cycle.number,
      name: cycle.name,
      startsAt: cycle.startsAt,
      endsAt: cycle.endsAt,
    },
  };
}

/** An issue as a node of the GraphQL `issues` connection (labels are a connection too). */
export function issueNode(issue: LinearIssue): Record<string, unknown> {
  return {
    id: issue.id,
    identifier: issue.identifier,
    title: issue.title,
    estimate: issue.estimate,
    updatedAt: issue.updatedAt,
    state: issue.state,
    labels: { nodes: issue.labels },
    cycle: issue.cycle && {
      id: issue.cycle.id,
      number: issue.cycle.number,
      name: issue.cycle.name,
      startsAt: issue.cycle.startsAt,
      endsAt: issue.cycle.endsAt,
      completedAt: issue.cycle.completedAt,
    },
    project: issue.project,
    team: { id: issue.team.id, key: issue.team.key },
    parent: issue.parent && { identifier: issue.parent.identifier },
  };
}

/** A Cycle webhook's `data`. */
export function cycleWebhookData(cycle: LinearCycle): Record<string, unknown> {
  return { ...cycle, teamId: cycle.team.id };
}
