import { DomainError, formatBound, ProblemList } from '@app/domain';
import type { IncomingTicket } from '../tickets/incoming-ticket.js';
import { shownKey } from '../tickets/file-tickets.js';
import { MAX_CSV_ROWS } from '../jira/jira-csv.js';
import { PermanentEventError } from '../sources/tracker.js';
import { githubIssueEvent } from './github-events.js';
import { githubSettings, isObject } from './github-settings.js';

export interface GithubRows {
  tickets: IncomingTicket[];
  /** bounded: the first warnings, then a count of the rest */
  warnings: ProblemList;
}

/** owner (1-39) / repository (1-100), as GitHub allows them */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** `repository_url` of the REST API: https://api.github.com/repos/{owner}/{repo} (or GHES's). */
const REPOSITORY_URL = /\/repos\/([^/]+\/[^/]+)\/?$/;

/** A repository given for an import (repository, --repository): owner/repo. */
export function checkGithubRepository(repository: string | null | undefined): string | null {
  if (repository === null || repository === undefined || repository === '') return null;
  if (!GITHUB_REPOSITORY.test(repository)) {
    throw DomainError.badInput('repository', 'must be owner/repo, as GitHub names a repository');
  }
  return repository;
}

/**
 * A JSON array of GitHub issues in the REST API's shape (`GET /repos/{owner}/{repo}/issues`, `gh
 * api repos/{owner}/{repo}/issues --paginate --slurp` flattened, docs/design.md 4.3), parsed whole
 * (the caller checked its size), each issue mapped by the live GitHub source's own rules
 * (githubIssueEvent) with its default settings: the key `<owner>/<repo>#<number>` as the live
 * source keys it, open TODO, closed DONE (CANCELLED when not_planned or duplicate), a label
 * `points:<n>` the points, the milestone's title the initiative's externalKey. The repository
 * comes from each issue's repository_url, else from `repository` (owner/repo). Pull requests
 * (items with `pull_request`) are left out, counted in one warning. An issue that cannot be used,
 * or with a field outside the bounds of docs/design.md 4.5, is reported with its path
 * (`[3] (acme/web#12)`) and left out.
 */
export function readGithubIssues(
  data: string,
  options: { repository?: string | null; maxRows?: number } = {},
): GithubRows {
  let issues: unknown;
  try {
    issues = JSON.parse(data);
  } catch (error) {
    throw DomainError.badInput('data', `is not readable JSON: ${(error as Error).message}`);
  }
  // `gh api --paginate --slurp` wraps each page in an array: one level is flattened.
  if (Array.isArray(issues) && issues.length > 0 && issues.every((p) => Array.isArray(p))) {
    issues = (issues as unknown[][]).flat();
  }
  if (!Array.isArray(issues)) {
    throw DomainError.badInput(
      'data',
      'is not a list of GitHub issues: expected a JSON array of issues as GET /repos/{owner}/{repo}/issues answers',
    );
  }
  const maxRows = options.maxRows ?? MAX_CSV_ROWS;
  const settings = githubSettings({});
  const warnings = new ProblemList(undefined, 'warnings');
  const tickets: IncomingTicket[] = [];
  const seen = new Set<string>();
  let pullRequests = 0;
  issues.forEach((issue: unknown, i: number) => {
    if (!isObject(issue)) {
      warnings.push({ path: `[${i}]`, message: 'is not an issue: skipped' });
      return;
    }
    const fromUrl =
      typeof issue.repository_url === 'string'
        ? REPOSITORY_URL.exec(issue.repository_url)?.[1]
        : undefined;
    const repo = fromUrl && GITHUB_REPOSITORY.test(fromUrl) ? fromUrl : options.repository;
    const number = issue.number;
    const key =
      repo && typeof number === 'number' && Number.isSafeInteger(number) && number > 0
        ? `${repo}#${number}`
        : null;
    const origin = key ? `[${i}] (${shownKey(key)})` : `[${i}]`;
    const problem = (message: string) => warnings.push({ path: origin, message });
    if (issue.pull_request !== undefined) {
      pullRequests++;
      return;
    }
    if (!repo) {
      problem('no repository_url, and no repository (owner/repo) given: issue skipped');
      return;
    }
    if (!key) {
      problem('no number: issue skipped');
      return;
    }
    if (seen.has(key)) {
      problem('comes twice: the first kept');
      return;
    }
    let ticket: IncomingTicket;
    try {
      const event = githubIssueEvent(issue, repo, settings);
      if (event.kind !== 'issue') return;
      ticket = { ...event.issue.ticket, origin };
    } catch (error) {
      if (!(error instanceof PermanentEventError)) throw error;
      const message = error.message.startsWith(`${key}: `)
        ? error.message.slice(key.length + 2)
        : error.message;
      problem(`${message}: issue skipped`);
      return;
    }
    if (tickets.length >= maxRows) {
      throw DomainError.badInput(
        'data',
        `has more than ${formatBound(maxRows)} usable issues: split the file`,
      );
    }
    seen.add(key);
    tickets.push(ticket);
  });
  if (pullRequests > 0) {
    warnings.push({
      path: 'pull_request',
      message: `${pullRequests} pull request${pullRequests === 1 ? '' : 's'} left out`,
    });
  }
  return { tickets, warnings };
}
