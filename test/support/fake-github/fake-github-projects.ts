import {
  graphqlFieldValues,
  graphqlIssue,
  itemWebhookBody,
  type FakeItem,
  type FakeIteration,
  type FakeProject,
  type ProjectsV2ItemAction,
  type ProjectsV2ItemWebhookBody,
} from './github-projects.js';
import type { GithubIssue } from './github-shapes.js';

/** What the projects need of the fake's issues and clock. */
export interface IssueStore {
  tick(): string;
  issue(number: number, repo?: string): GithubIssue | undefined;
  issues(): Map<string, GithubIssue>;
}

export interface ProjectInput {
  owner?: string;
  ownerType?: 'Organization' | 'User';
  number: number;
  title?: string;
  numberFields?: string[];
  /** iteration field name -> its iterations */
  iterationFields?: Record<string, Omit<FakeIteration, 'id'>[]>;
}

export interface GraphqlAnswer {
  status: number;
  body: unknown;
  operation?: string;
  variables?: Record<string, unknown>;
}

/** GitHub's connection limit: `first` of more than 100 is refused */
const MAX_FIRST = 100;

/**
 * Projects (v2) in the fake, and GitHub's GraphQL API over them and the fake's issues, for the
 * operations a ticket source sends (told by operation name: GithubProjectId, GithubIssueItems,
 * GithubProjectItems), answering from the variables given, with GitHub's error shapes (a missing
 * variable, an unknown node: NOT_FOUND with a null node). A field edit moves the item's
 * updatedAt, not the issue's updated_at, as on GitHub.
 */
export class FakeProjects {
  private readonly projects = new Map<string, FakeProject>();
  private readonly items = new Map<string, FakeItem>();
  private readonly deleted = new Map<string, FakeItem>();
  private ids = 1;

  constructor(private readonly store: IssueStore) {}

  add(input: ProjectInput): FakeProject {
    const n = this.ids++;
    const project: FakeProject = {
      id: `PVT_kwDOBm${String(n).padStart(4, '0')}`,
      databaseId: 5000 + n,
      owner: input.owner ?? 'acme',
      ownerType: input.ownerType ?? 'Organization',
      number: input.number,
      title: input.title ?? `Project ${input.number}`,
      fields: new Map(),
    };
    for (const name of input.numberFields ?? []) {
      project.fields.set(name, { id: `PVTF_n${n}${name}`, type: 'number', iterations: [] });
    }
    for (const [name, iterations] of Object.entries(input.iterationFields ?? {})) {
      project.fields.set(name, {
        id: `PVTF_i${n}${name}`,
        type: 'iteration',
        iterations: iterations.map((it, i) => ({
          ...it,
          id: `${(0x1a2b3c00 + n * 16 + i).toString(16)}`,
        })),
      });
    }
    this.projects.set(project.id, project);
    return project;
  }

  iteration(project: FakeProject, field: string, title: string): FakeIteration {
    const found = project.fields.get(field)?.iterations.find((i) => i.title === title);
    if (!found) throw new Error(`no iteration "${title}" in field ${field}`);
    return found;
  }

  /**
   * Adds the issue to the project (created) or edits its item's fields (edited); a value null
   * clears the field, an iteration is named by its title. Returns the item and the field touched.
   */
  setItem(
    project: FakeProject,
    issueNumber: number,
    values: Record<string, number | string | null>,
    repo?: string,
  ): { item: FakeItem; created: boolean; field?: { id: string; type: string } } {
    const issue = this.store.issue(issueNumber, repo);
    if (!issue) throw new Error(`no issue #${issueNumber}`);
    const issueKey = this.keyOf(issue);
    const now = this.store.tick();
    let item = [...this.items.values()].find(
      (i) => i.projectId === project.id && i.issueKey === issueKey,
    );
    const created = !item;
    if (!item) {
      const n = this.ids++;
      item = {
        id: `PVTI_lADOBm${String(n).padStart(4, '0')}`,
        databaseId: 80000 + n,
        projectId: project.id,
        issueKey,
        values: new Map(),
        archived: false,
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
      };
      this.items.set(item.id, item);
    }
    let touched: { id: string; type: string } | undefined;
    for (const [name, value] of Object.entries(values)) {
      const field = project.fields.get(name);
      if (!field) throw new Error(`no field ${name}`);
      touched = { id: field.id, type: field.type };
      if (value === null) item.values.delete(name);
      else if (field.type === 'number') item.values.set(name, Number(value));
      else item.values.set(name, this.iteration(project, name, String(value)).id);
    }
    item.updatedAt = now;
    return { item, created, field: touched };
  }

  archive(item: FakeItem, archived = true): void {
    item.archived = archived;
    item.updatedAt = this.store.tick();
    item.archivedAt = archived ? item.updatedAt : null;
  }

  remove(item: FakeItem): void {
    this.items.delete(item.id);
    this.deleted.set(item.id, item);
  }

  /** The `projects_v2_item` webhook GitHub would send about the item. */
  webhookFor(
    action: ProjectsV2ItemAction,
    item: FakeItem,
    field?: { id: string; type: string },
  ): ProjectsV2ItemWebhookBody {
    const project = this.projects.get(item.projectId)!;
    const issue = this.store.issues().get(item.issueKey);
    if (!issue) throw new Error(`no issue ${item.issueKey}`);
    return itemWebhookBody(action, item, project, issue, field);
  }

  private keyOf(issue: GithubIssue): string {
    return `${/\/repos\/([^/]+\/[^/]+)$/.exec(issue.repository_url)![1]}#${issue.number}`;
  }

  /** Answers one POST /graphql body. */
  answer(raw: string): GraphqlAnswer {
    let request: { query?: unknown; operationName?: unknown; variables?: unknown };
    try {
      request = JSON.parse(raw) as typeof request;
    } catch {
      return { status: 400, body: { message: 'Problems parsing JSON' } };
    }
    const query = typeof request.query === 'string' ? request.query : '';
    const operation =
      typeof request.operationName === 'string'
        ? request.operationName
        : /^\s*query\s+(\w+)/.exec(query)?.[1];
    const variables =
      typeof request.variables === 'object' && request.variables !== null
        ? (request.variables as Record<string, unknown>)
        : {};
    const ok = (data: unknown, errors?: object[]): GraphqlAnswer => ({
      status: 200,
      body: errors?.length ? { data, errors } : { data },
      operation,
      variables,
    });
    const invalid = (name: string, type: string) =>
      ok(undefined, [
        {
          extensions: {
            value: variables[name] ?? null,
            problems: [{ path: [], explanation: 'Expected value to not be null' }],
          },
          locations: [{ line: 1, column: 1 }],
          message: `Variable $${name} of type ${type} was provided invalid value`,
        },
      ]);
    if (!operation || !new RegExp(`query\\s+${operation}\\b`).test(query)) {
      return ok(undefined, [{ message: `No operation named "${operation ?? ''}"` }]);
    }
    const first = [...query.matchAll(/\bitems\(first:\s*(\d+)/g)].map((m) => Number(m[1]));
    if (first.some((f) => f > MAX_FIRST)) {
      return ok(undefined, [
        {
          type: 'EXCESSIVE_PAGINATION',
          message: `Requesting ${Math.max(...first)} records on the \`items\` connection exceeds the \`first\` limit of 100 records.`,
        },
      ]);
    }
    if (operation === 'GithubProjectId') {
      const { owner, number } = variables;
      if (typeof owner !== 'string') return invalid('owner', 'String!');
      if (typeof number !== 'number' || !Number.isInteger(number)) return invalid('number', 'Int!');
      const owned = [...this.projects.values()].filter((p) => p.owner === owner);
      if (!owned.length) return ok({ repositoryOwner: null });
      const project = owned.find((p) => p.number === number);
      return ok(
        {
          repositoryOwner: {
            __typename: owned[0].ownerType,
            projectV2: project ? { id: project.id } : null,
          },
        },
        project
          ? []
          : [
              {
                type: 'NOT_FOUND',
                path: ['repositoryOwner', 'projectV2'],
                message: `Could not resolve to a ProjectV2 with the number ${number}.`,
              },
            ],
      );
    }
    if (operation === 'GithubIssueItems') {
      const id = variables.id;
      if (typeof id !== 'string') return invalid('id', 'ID!');
      const issue = [...this.store.issues().values()].find((i) => i.node_id === id);
      if (!issue) return ok({ node: null }, [notFound(id)]);
      const key = this.keyOf(issue);
      const withArchived = !/projectItems\([^)]*includeArchived:\s*false/.test(query);
      const items = [...this.items.values()].filter(
        (i) => i.issueKey === key && (withArchived || !i.archived),
      );
      return ok({
        node: {
          ...graphqlIssue(issue, key.split('#')[0]),
          projectItems: {
            nodes: items.map((i) => ({
              id: i.id,
              updatedAt: i.updatedAt,
              project: { id: i.projectId },
              fieldValues: graphqlFieldValues(i, this.projects.get(i.projectId)!),
            })),
          },
        },
      });
    }
    if (operation === 'GithubProjectItems') {
      const { project: projectId, after } = variables;
      if (typeof projectId !== 'string') return invalid('project', 'ID!');
      if (after !== undefined && after !== null && typeof after !== 'string') {
        return invalid('after', 'String');
      }
      const project = this.projects.get(projectId);
      if (!project) return ok({ node: null }, [notFound(projectId)]);
      const size = first[0] ?? MAX_FIRST;
      const all = [...this.items.values()].filter((i) => i.projectId === project.id && !i.archived);
      const start = after
        ? Number(Buffer.from(after, 'base64').toString().replace('cursor:', ''))
        : 0;
      const page = all.slice(start, start + size);
      const issues = this.store.issues();
      return ok({
        node: {
          __typename: 'ProjectV2',
          items: {
            pageInfo: {
              hasNextPage: start + size < all.length,
              endCursor: page.length
                ? Buffer.from(`cursor:${start + page.length}`).toString('base64')
                : null,
            },
            nodes: page.map((i) => {
              const issue = issues.get(i.issueKey);
              return {
                id: i.id,
                updatedAt: i.updatedAt,
                content: issue ? graphqlIssue(issue, i.issueKey.split('#')[0]) : null,
                fieldValues: graphqlFieldValues(i, project),
              };
            }),
          },
        },
      });
    }
    return ok(undefined, [{ message: `No operation named "${operation}"` }]);
  }
}

const notFound = (id: string) => ({
  type: 'NOT_FOUND',
  path: ['node'],
  locations: [{ line: 2, column: 3 }],
  message: `Could not resolve to a node with the global id of '${id}'`,
});
