import { setTimeout as sleep } from 'node:timers/promises';
import { TRACKER_HTTP, trackerResponse, TrackerHttpError } from '../sources/tracker-http.js';
import type { TrackerConnection } from '../sources/tracker.js';
import { githubAuthHeaders } from './github-auth.js';

/** GitHub's answer to a GraphQL request: data, and errors (which may come with data). */
interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { type?: string; message?: string; path?: unknown[] }[];
}

/** answers of `RATE_LIMITED` waited out per call, before the call fails (and is retried later) */
const RATE_LIMITED_WAITS = 3;

/**
 * The GraphQL endpoint beside the source's REST base URL: https://api.github.com/graphql, and
 * GitHub Enterprise Server's https://<host>/api/graphql beside its https://<host>/api/v3.
 */
export function githubGraphqlUrl(baseUrl: string): string {
  const base = (baseUrl || 'https://api.github.com').replace(/\/+$/, '');
  return /\/api\/v3$/.test(base) ? base.replace(/\/v3$/, '/graphql') : `${base}/graphql`;
}

/**
 * One GraphQL query (POST /graphql, `{ query, operationName, variables }`) through the shared
 * tracker client: its timeouts, 5xx retries, circuit, and GitHub's rate limits as REST has them
 * (403/429 with x-ratelimit-remaining 0 waits until x-ratelimit-reset; a secondary limit's
 * retry-after). GraphQL may also answer 200 with an error of type RATE_LIMITED: waited out here
 * the same way (until x-ratelimit-reset, at most TRACKER_HTTP.maxRetryAfterMs). Errors of type
 * NOT_FOUND leave their node null (a deleted issue); any other error fails the call.
 */
export async function githubGraphql<T>(
  connection: TrackerConnection,
  operation: { operationName: string; query: string; variables: Record<string, unknown> },
  signal: AbortSignal,
): Promise<T> {
  const url = githubGraphqlUrl(connection.baseUrl);
  const headers = githubAuthHeaders(connection.credentials);
  for (let waits = 0; ; waits++) {
    const answer = await trackerResponse<GraphqlAnswer<T>>({
      url,
      method: 'POST',
      headers,
      body: operation,
      signal,
    });
    const errors = answer.body?.errors ?? [];
    if (errors.some((e) => e.type === 'RATE_LIMITED')) {
      const wait = resetWaitMs(answer.headers);
      if (waits >= RATE_LIMITED_WAITS || wait > TRACKER_HTTP.maxRetryAfterMs) {
        throw new TrackerHttpError(
          `${new URL(url).host} asked to wait ${Math.round(wait / 1000)} s (GraphQL rate limit): try again later`,
          429,
        );
      }
      await sleep(wait, undefined, { signal });
      continue;
    }
    const failing = errors.filter((e) => e.type !== 'NOT_FOUND');
    if (failing.length || !answer.body?.data) {
      const message = failing.map((e) => e.message ?? e.type ?? '?').join('; ') || 'no data';
      throw new TrackerHttpError(
        `GitHub GraphQL ${operation.operationName}: ${message.slice(0, 300)}`,
        null,
      );
    }
    return answer.body.data;
  }
}

/** Until x-ratelimit-reset (epoch seconds); 1 s when the answer names no reset. */
function resetWaitMs(headers: Headers): number {
  const reset = Number(headers.get('x-ratelimit-reset'));
  const retryAfter = headers.get('retry-after');
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1000;
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : 1000;
}
