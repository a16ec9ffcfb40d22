import { jiraError, type JiraErrorBody, type JiraIssue, type JiraSprint } from './jira-shapes.js';
import type { JiraState } from './jira-state.js';
import { compareByJql, JqlError, matchesJql, parseJql } from './jql.js';

/** An answer before it is written: status and JSON body (and any headers). */
export interface RestAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface SearchParams {
  jql?: string;
  nextPageToken?: string;
  maxResults?: string | number;
  /** as given: GET's comma-separated `fields` params, or POST's array */
  fields?: string[];
}

export interface SearchPage {
  issues: (JiraIssue | { id: string } | Record<string, unknown>)[];
  nextPageToken?: string;
  isLast: boolean;
}

const bad = (...messages: string[]): RestAnswer => ({
  status: 400,
  body: jiraError(...messages) satisfies JiraErrorBody,
});

/** The token carries the query too, so a token used with another query is refused, not misread. */
function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: jql })).toString('base64url');
}

function decodeToken(token: string, jql: string): number | null {
  try {
    const { o, q } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o: unknown;
      q: unknown;
    };
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 && q === jql ? o : null;
  } catch {
    return null;
  }
}

/**
 * The fields the caller asked for. The enhanced search answers only issue ids when `fields` is
 * not given (Atlassian: "The default is id"), so a client that forgets `fields` gets `{ id }`.
 */
function selectFields(issue: JiraIssue, requested: string[]): Record<string, unknown> {
  const names = requested.flatMap((entry) => entry.split(',')).map((name) => name.trim());
  const wanted = names.filter((name) => name !== '' && !name.startsWith('-'));
  const excluded = new Set(names.filter((name) => name.startsWith('-')).map((n) => n.slice(1)));
  if (wanted.length === 0 || (wanted.length === 1 && wanted[0] === 'id')) return { id: issue.id };
  const all = wanted.includes('*all') || wanted.includes('*navigable');
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(issue.fields)) {
    if ((all || wanted.includes(name)) && !excluded.has(name)) fields[name] = value;
  }
  return { expand: '', id: issue.id, self: issue.self, key: issue.key, fields };
}

/**
 * GET and POST /rest/api/3/search/jql ("Search for issues using JQL enhanced search"). Paging is
 * by offset under an opaque token, so an issue edited between pages can move across pages just as
 * it can in Jira; a client must not assume the set stands still while it pages.
 */
export function searchJql(state: JiraState, params: SearchParams, now: number): RestAnswer {
  const jql = (params.jql ?? '').trim();
  let query;
  try {
    query = parseJql(jql, now);
  } catch (error) {
    if (error instanceof JqlError) return bad(error.message);
    throw error;
  }
  if (query.clauses.length === 0) {
    return bad(
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  }
  const fields = params.fields ?? [];
  // Atlassian: up to 5000 a page when only ids or keys are asked for, else (as observed) 100
  const idsOnly = fields
    .flatMap((entry) => entry.split(','))
    .every((name) => ['', 'id', 'key'].includes(name.trim()));
  const cap = idsOnly ? 5000 : 100;
  const asked = params.maxResults === undefined ? 50 : Number(params.maxResults);
  if (!Number.isInteger(asked) || asked < 0) {
    return bad(`The value '${String(params.maxResults)}' is invalid for maxResults.`);
  }
  const pageSize = Math.min(asked, cap);
  let offset = 0;
  if (params.nextPageToken !== undefined && params.nextPageToken !== '') {
    const decoded = decodeToken(params.nextPageToken, jql);
    if (decoded === null) return bad('The provided next page token is invalid or expired.');
    offset = decoded;
  }
  const matching = state
    .issueSubjects()
    .filter((subject) => matchesJql(query, subject))
    .sort((a, b) => compareByJql(query, a, b));
  const slice = matching.slice(offset, offset + pageSize);
  const isLast = offset + slice.length >= matching.length;
  const page: SearchPage = {
    issues: slice.map((subject) => selectFields(state.issue(subject.key)!, fields)),
    isLast,
  };
  if (!isLast) page.nextPageToken = encodeToken(offset + slice.length, jql);
  return { status: 200, body: page };
}

/** GET /rest/agile/1.0/board/{boardId}/sprint ("Get all sprints"), with its `state` filter. */
export function boardSprints(
  state: JiraState,
  boardId: number,
  query: URLSearchParams,
): RestAnswer {
  if (!state.hasBoard(boardId)) {
    return {
      status: 404,
      body: jiraError(
        'The requested board cannot be viewed because it either does not exist or you do not have permission to view it.',
      ),
    };
  }
  const startAt = Number(query.get('startAt') ?? 0);
  const maxResults = Math.min(Number(query.get('maxResults') ?? 50), 50);
  if (
    !Number.isInteger(startAt) ||
    startAt < 0 ||
    !Number.isInteger(maxResults) ||
    maxResults < 1
  ) {
    return bad('startAt and maxResults must be non-negative integers.');
  }
  const states =
    query
      .get('state')
      ?.split(',')
      .map((s) => s.trim()) ?? [];
  const sprints: JiraSprint[] = state
    .sprintsOfBoard(boardId)
    .filter((sprint) => states.length === 0 || states.includes(sprint.state));
  const values = sprints.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    body: { maxResults, startAt, isLast: startAt + values.length >= sprints.length, values },
  };
}
