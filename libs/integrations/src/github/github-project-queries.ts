/**
 * The GraphQL queries a source with a Projects (v2) project sends (docs/design.md 4.4 GITHUB). An
 * issue is read with the fields the REST shape gives (githubIssueEvent maps both) and its items'
 * field values: number values (points) and iteration values (the sprint), each with its field's
 * name, since settings name the fields.
 */

const FIELD_VALUES = `fieldValues(first: 50) {
      nodes {
        __typename
        ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { name } } }
        ... on ProjectV2ItemFieldIterationValue {
          iterationId title startDate duration
          field { ... on ProjectV2FieldCommon { name } }
        }
      }
    }`;

const ISSUE_FIELDS = `id databaseId number title state stateReason updatedAt
    repository { nameWithOwner }
    labels(first: 100) { nodes { name } }
    milestone { title }
    issueType { name }`;

/** The node id of a project named by its owner's login and number (kept per process). */
export const PROJECT_ID_QUERY = `query GithubProjectId($owner: String!, $number: Int!) {
  repositoryOwner(login: $owner) {
    __typename
    ... on Organization { projectV2(number: $number) { id } }
    ... on User { projectV2(number: $number) { id } }
  }
}`;

/** One issue by node id with its (unarchived) project items: a webhook's issue as it is now. */
export const ISSUE_ITEMS_QUERY = `query GithubIssueItems($id: ID!) {
  node(id: $id) {
    __typename
    ... on Issue {
      ${ISSUE_FIELDS}
      projectItems(first: 50, includeArchived: false) {
        nodes { id updatedAt project { id } ${FIELD_VALUES} }
      }
    }
  }
}`;

/** A page of a project's items with their content (issues) and field values: reconciliation. */
export const PROJECT_ITEMS_QUERY = `query GithubProjectItems($project: ID!, $after: String) {
  node(id: $project) {
    __typename
    ... on ProjectV2 {
      items(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id updatedAt
          content { __typename ... on Issue { ${ISSUE_FIELDS} } }
          ${FIELD_VALUES}
        }
      }
    }
  }
}`;

/** A field value as the queries give it. */
export interface GqlFieldValue {
  __typename: string;
  number?: number | null;
  iterationId?: string;
  title?: string;
  startDate?: string;
  duration?: number;
  field?: { name?: string } | null;
}

export interface GqlItem {
  id: string;
  updatedAt: string;
  project?: { id: string };
  fieldValues?: { nodes: (GqlFieldValue | null)[] };
}

export interface GqlIssue {
  __typename: 'Issue';
  id: string;
  databaseId: number | null;
  number: number;
  title: string;
  state: 'OPEN' | 'CLOSED';
  stateReason: string | null;
  updatedAt: string;
  repository: { nameWithOwner: string };
  labels?: { nodes: ({ name: string } | null)[] } | null;
  milestone: { title: string } | null;
  issueType?: { name: string } | null;
  projectItems?: { nodes: (GqlItem | null)[] };
}
