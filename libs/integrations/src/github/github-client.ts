import { capReached, readCaps } from '../sources/read-caps.js';
import { trackerResponse, TrackerHttpError } from '../sources/tracker-http.js';
import {
  PermanentEventError,
  type SyncPage,
  type TrackerConnection,
  type TrackerEvent,
} from '../sources/tracker.js';
import { githubAuthHeaders } from './github-auth.js';
import { githubIssueEvent } from './github-events.js';
import { readGithubProject } from './github-project-reader.js';
import { labelRules } from './github-project.js';
import { githubSettings, isObject, type GithubSettings } from './github-settings.js';

const PAGE = 100;
/** a change made while a run reads is still found by the next one */
const OVERLAP_MS = 2 * 60_000;

/**
 * Reconciliation through GitHub's REST API: for every repository of settings.repositories,
 * `GET /repos/{owner}/{repo}/issues?state=all&since=...&sort=updated&direction=asc&per_page=100`,
 * following `Link: <...>; rel="next"`. The list includes pull requests (skipped). Plain fetch
 * through the shared tracker client (timeouts, Retry-After, GitHub's x-ratelimit-reset, circuit),
 * not @octokit/rest: one read call, and no extra dependency.
 *
 * With settings.project, the project's items are read first (GraphQL, github-project-reader.ts):
 * they give their issues with the project's points and sprint; the REST read then gives the
 * repositories' other issues (outside the project: without the project's fields), so a full read
 * still sees every issue and archives only the deleted ones.
 */
export async function* readGithub(
  connection: TrackerConnection,
  since: Date | null,
  signal: AbortSignal,
): AsyncIterable<SyncPage> {
  const settings = githubSettings(connection.settings);
  if (settings.repositories.length === 0) {
    throw new TrackerHttpError(
      'settings.repositories lists no repository: name the "owner/repo" to reconcile',
      null,
    );
  }
  const headers = githubAuthHeaders(connection.credentials);
  const base = (connection.baseUrl || 'https://api.github.com').replace(/\/+$/, '');
  /** issue keys (lower case) the project's items gave: the REST read leaves them out */
  const inProject = new Set<string>();
  if (settings.project) {
    yield* readGithubProject(connection, settings, since, OVERLAP_MS, inProject, signal);
  }
  for (const repo of settings.repositories) {
    const query = new URLSearchParams({
      state: 'all',
      per_page: String(PAGE),
      sort: 'updated',
      direction: 'asc',
    });
    if (since) query.set('since', new Date(since.getTime() - OVERLAP_MS).toISOString());
    let url: string | null = `${base}/repos/${repo}/issues?${query}`;
    for (let pages = 0; url; pages++) {
      if (pages >= readCaps.githubPages) throw capReached(`${repo}: issues`, pages);
      const page: { body: unknown; headers: Headers } = await trackerResponse<unknown>({
        url,
        headers,
        signal,
      });
      const issues: unknown[] = Array.isArray(page.body) ? page.body : [];
      const events: TrackerEvent[] = [];
      let newest: Date | null = null;
      for (const issue of issues) {
        const event = issueEvent(issue, repo, settings);
        if (event.kind === 'issue' && inProject.has(event.issue.ticket.externalKey.toLowerCase())) {
          continue;
        }
        events.push(event);
        const updated = isObject(issue) ? Date.parse(String(issue.updated_at)) : NaN;
        if (!Number.isNaN(updated) && (!newest || updated > newest.getTime())) {
          newest = new Date(updated);
        }
      }
      yield { events, newestUpdate: newest };
      url = issues.length ? nextLink(page.headers.get('link'), base) : null;
    }
  }
}

function issueEvent(issue: unknown, repo: string, settings: GithubSettings): TrackerEvent {
  if (!isObject(issue)) return failed(`${repo}: an issue in the answer is not an object`);
  // the repository as GitHub spells it (settings may differ in case): the same key as webhooks
  const url = typeof issue.repository_url === 'string' ? issue.repository_url : '';
  const named = /\/repos\/([^/]+\/[^/]+)$/.exec(url)?.[1];
  const fullName = named && named.toLowerCase() === repo.toLowerCase() ? named : repo;
  try {
    return githubIssueEvent(issue, fullName, labelRules(settings));
  } catch (error) {
    const n = issue.number;
    const key =
      typeof n === 'number' && Number.isInteger(n) && n > 0 ? `${fullName}#${n}` : undefined;
    if (error instanceof PermanentEventError) return failed(error.message, key);
    throw error;
  }
}

/** A record that cannot be used: reported by the run; its key (when known) keeps it unarchived. */
const failed = (reason: string, key?: string): TrackerEvent => ({
  kind: 'ignored',
  reason: `problem: ${reason}`,
  key,
});

/** The `rel="next"` URL of a Link header, only on the API's own host (never followed elsewhere). */
export function nextLink(header: string | null, base: string): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2].split(/\s+/).includes('next')) {
      const next = new URL(match[1], base);
      return next.origin === new URL(base).origin ? next.toString() : null;
    }
  }
  return null;
}
