import { capReached, readCaps } from '../sources/read-caps.js';
import { TrackerHttpError } from '../sources/tracker-http.js';
import {
  PermanentEventError,
  type SyncPage,
  type TrackerConnection,
  type TrackerEvent,
} from '../sources/tracker.js';
import { projectNodeIdOf } from './github-fetch.js';
import { githubGraphql } from './github-graphql.js';
import { PROJECT_ITEMS_QUERY, type GqlIssue, type GqlItem } from './github-project-queries.js';
import { projectIssueEvents } from './github-project.js';
import type { GithubSettings } from './github-settings.js';

interface ItemsPage {
  node: {
    __typename: string;
    items?: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: ((GqlItem & { content: GqlIssue | { __typename: string } | null }) | null)[];
    };
  } | null;
}

/**
 * Reconciliation through the project (settings.project): its items, 100 a page
 * (`items(first: 100, after:)`), each issue with its field values, mapped as a webhook's read is.
 * GraphQL cannot filter items by time: every page is read and an item counts when its own or its
 * issue's updated time is at or after `since` (less `overlapMs`). Draft issues and pull requests
 * are skipped. Every issue key given is added to `inProject` (the REST read skips those).
 */
export async function* readGithubProject(
  connection: TrackerConnection,
  settings: GithubSettings,
  since: Date | null,
  overlapMs: number,
  inProject: Set<string>,
  signal: AbortSignal,
): AsyncIterable<SyncPage> {
  const project = await projectNodeIdOf(settings.project!, connection, signal);
  const from = since ? since.getTime() - overlapMs : -Infinity;
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages >= readCaps.githubPages) throw capReached(`project ${project}: items`, pages);
    const data: ItemsPage = await githubGraphql<ItemsPage>(
      connection,
      {
        operationName: 'GithubProjectItems',
        query: PROJECT_ITEMS_QUERY,
        variables: { project, after },
      },
      signal,
    );
    const items = data.node?.items;
    if (!items) {
      throw new TrackerHttpError(
        `settings.project: ${project} is not a project the token can read`,
        404,
      );
    }
    const events: TrackerEvent[] = [];
    const sprints = new Set<string>();
    let newest: Date | null = null;
    for (const item of items.nodes) {
      const issue = item?.content;
      if (!item || !issue || issue.__typename !== 'Issue') continue;
      const updated = Math.max(
        Date.parse(item.updatedAt),
        Date.parse((issue as GqlIssue).updatedAt),
      );
      if (Number.isNaN(updated) || updated < from) continue;
      for (const event of mapped(issue as GqlIssue, item, settings)) {
        // read here (a problem too): the REST read leaves it out, and a full run keeps it
        const key =
          event.kind === 'issue'
            ? event.issue.ticket.externalKey
            : event.kind === 'ignored'
              ? event.key
              : undefined;
        if (key) inProject.add(key.toLowerCase());
        // one sprint event per iteration and page
        if (event.kind === 'sprint') {
          if (sprints.has(event.sprint.externalId)) continue;
          sprints.add(event.sprint.externalId);
        }
        events.push(event);
      }
      if (!newest || updated > newest.getTime()) newest = new Date(updated);
    }
    yield { events, newestUpdate: newest };
    if (!items.pageInfo.hasNextPage || !items.pageInfo.endCursor) return;
    after = items.pageInfo.endCursor;
  }
}

function mapped(issue: GqlIssue, item: GqlItem, settings: GithubSettings): TrackerEvent[] {
  try {
    return projectIssueEvents(issue, item, settings);
  } catch (error) {
    if (!(error instanceof PermanentEventError)) throw error;
    const repo = issue.repository?.nameWithOwner;
    const key = typeof repo === 'string' && issue.number ? `${repo}#${issue.number}` : undefined;
    return [{ kind: 'ignored', reason: `problem: ${error.message}`, key }];
  }
}
