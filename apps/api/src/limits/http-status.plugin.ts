import type { ApolloServerPlugin } from '@apollo/server';

/** Errors about the document itself: its syntax, its validity, its variables, its limits. */
const REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
]);

/**
 * The response status (and its `cache-control: no-store`), in one place:
 * - RATE_LIMITED: 429 with Retry-After (the longest wait any of its errors names);
 * - an operation that ran (the body has `data`): 200, whatever its errors (as Nest's own plugin,
 *   which this replaces, does: clients read `errors`);
 * - a document refused before it ran (parse, validation, variables, limits): 200 under
 *   `application/json` and Apollo's 4xx under `application/graphql-response+json`, as the
 *   GraphQL-over-HTTP specification asks (a 4xx is meaningful only with the newer media type).
 */
export const httpStatusPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      willSendResponse({ request, response }) {
        // answers are per caller and never cached on the way (Apollo's cache-control plugin, off
        // in graphql.options.ts, sent the same for every answer without cache hints: we have none)
        response.http.headers.set('cache-control', 'no-store');
        if (response.body.kind !== 'single') return Promise.resolve();
        const result = response.body.singleResult;
        const errors = result.errors ?? [];
        const waits = errors
          .filter((e) => e.extensions?.code === 'RATE_LIMITED')
          .map((e) => Number(e.extensions?.retryAfter) || 1);
        if (waits.length) {
          response.http.status = 429;
          response.http.headers.set('retry-after', String(Math.max(...waits)));
        } else if ('data' in result) {
          response.http.status = 200;
        } else if (
          response.http.status === 400 &&
          errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code))) &&
          !prefersGraphqlResponseJson(request.http?.headers.get('accept'))
        ) {
          response.http.status = 200;
        }
        return Promise.resolve();
      },
    });
  },
};

/**
 * Whether Apollo answers in `application/graphql-response+json`, decided as its content negotiation
 * does: the highest quality wins, then the more specific type (an exact type over a wildcard), then
 * the one listed first.
 */
export function prefersGraphqlResponseJson(accept: string | undefined): boolean {
  let best: { graphql: boolean; rank: number[] } | null = null;
  const parts = (accept ?? '').split(',');
  for (const [index, part] of parts.entries()) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(/q=([\d.]+)/.exec(params.join(';'))?.[1] ?? 1);
    if (!(type in SPECIFICITY) || !(q > 0)) continue;
    const rank = [q, SPECIFICITY[type], -index];
    if (!best || outranks(rank, best.rank)) {
      best = { graphql: type === 'application/graphql-response+json', rank };
    }
  }
  return best?.graphql ?? false;
}

const SPECIFICITY: Record<string, number> = {
  'application/graphql-response+json': 2,
  'application/json': 2,
  'application/*': 1,
  '*/*': 0,
};

/** Lexicographic: the first place where the ranks differ decides. */
function outranks(a: number[], b: number[]): boolean {
  const i = a.findIndex((v, k) => v !== b[k]);
  return i >= 0 && a[i] > b[i];
}
