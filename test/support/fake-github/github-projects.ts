import type { GithubIssue, GithubUser } from './github-shapes.js';
import { githubUser } from './github-shapes.js';

/** An iteration of a project's iteration field, as GitHub's GraphQL API gives it. */
export interface FakeIteration {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  startDate: string;
  /** days */
  duration: number;
}

export interface FakeProject {
  id: string;
  /** database id, as webhooks give it */
  databaseId: number;
  owner: string;
  ownerType: 'Organization' | 'User';
  number: number;
  title: string;
  /** field name -> field */
  fields: Map<string, { id: string; type: 'number' | 'iteration'; iterations: FakeIteration[] }>;
}

/** A project item: an issue (by key owner/repo#n) in a project, with its field values. */
export interface FakeItem {
  id: string;
  databaseId: number;
  projectId: string;
  issueKey: string;
  /** field name -> a number, or an iteration id */
  values: Map<string, number | string>;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export type ProjectsV2ItemAction =
  'created' | 'edited' | 'converted' | 'archived' | 'restored' | 'deleted' | 'reordered';

/**
 * The `projects_v2_item` webhook payload as GitHub documents it: the item names its project and
 * content by node id only; `changes.field_value` says which field an edit touched.
 */
export interface ProjectsV2ItemWebhookBody {
  action: ProjectsV2ItemAction;
  projects_v2_item: {
    id: number;
    node_id: string;
    project_node_id: string;
    content_node_id: string;
    content_type: 'Issue' | 'PullRequest' | 'DraftIssue';
    creator: GithubUser;
    created_at: string;
    updated_at: string;
    archived_at: string | null;
  };
  changes?: {
    field_value?: { field_node_id: string; field_type: string };
    archived_at?: { from: string | null; to: string | null };
  };
  organization: { login: string; id: number; node_id: string };
  sender: GithubUser;
}

export function itemWebhookBody(
  action: ProjectsV2ItemAction,
  item: FakeItem,
  project: FakeProject,
  issue: GithubIssue,
  field?: { id: string; type: string },
): ProjectsV2ItemWebhookBody {
  const body: ProjectsV2ItemWebhookBody = {
    action,
    projects_v2_item: {
      id: item.databaseId,
      node_id: item.id,
      project_node_id: project.id,
      content_node_id: issue.node_id,
      content_type: 'Issue',
      creator: githubUser(),
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      archived_at: item.archivedAt,
    },
    organization: { login: project.owner, id: 9919, node_id: `O_${project.owner}` },
    sender: githubUser(),
  };
  if (action === 'edited' && field) {
    body.changes = { field_value: { field_node_id: field.id, field_type: field.type } };
  }
  if (action === 'archived' || action === 'restored') {
    body.changes = {
      archived_at: {
        from: action === 'archived' ? null : item.updatedAt,
        to: action === 'archived' ? item.archivedAt : null,
      },
    };
  }
  return body;
}

/** Issue fields as GitHub's GraphQL `Issue` type gives them (enums in upper case). */
export function graphqlIssue(issue: GithubIssue, repo: string) {
  return {
    __typename: 'Issue',
    id: issue.node_id,
    databaseId: issue.id,
    number: issue.number,
    title: issue.title,
    state: issue.state.toUpperCase(),
    stateReason: issue.state_reason ? issue.state_reason.toUpperCase() : null,
    updatedAt: issue.updated_at,
    repository: { nameWithOwner: repo },
    labels: { nodes: issue.labels.map((l) => ({ name: l.name })) },
    milestone: issue.milestone ? { title: issue.milestone.title } : null,
    issueType: null,
  };
}

/** An item's field values as `fieldValues { nodes { ... } }` gives them. */
export function graphqlFieldValues(item: FakeItem, project: FakeProject) {
  // every item has its Title (a text value): the queries select nothing of it but __typename
  const nodes: object[] = [{ __typename: 'ProjectV2ItemFieldTextValue' }];
  for (const [name, value] of item.values) {
    const field = project.fields.get(name);
    if (!field) continue;
    if (field.type === 'number') {
      nodes.push({ __typename: 'ProjectV2ItemFieldNumberValue', number: value, field: { name } });
    } else {
      const iteration = field.iterations.find((i) => i.id === value);
      if (!iteration) continue;
      nodes.push({
        __typename: 'ProjectV2ItemFieldIterationValue',
        iterationId: iteration.id,
        title: iteration.title,
        startDate: iteration.startDate,
        duration: iteration.duration,
        field: { name },
      });
    }
  }
  return { nodes };
}
