/** Who a hostile request is sent as. */
export type Auth = 'owner' | 'none';

/**
 * One request of the corpus. `surface`, `argument` and `kind` name it in the report: the operation
 * (or HTTP route), the argument path (`input.title`, `tickets.0.points`) and the payload kind.
 * The body is built on demand so a corpus of thousands of requests stays small in memory.
 */
export interface HostileRequest {
  surface: string;
  argument: string;
  kind: string;
  auth: Auth;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: () => string | Buffer;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** A GraphQL POST with a JSON body built by `body`. */
export function graphqlPost(
  surface: string,
  argument: string,
  kind: string,
  auth: Auth,
  body: () => string,
): HostileRequest {
  return {
    surface,
    argument,
    kind,
    auth,
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body,
  };
}

/** The same request sent without a token. */
export function anonymous(request: HostileRequest): HostileRequest {
  return { ...request, auth: 'none' };
}
