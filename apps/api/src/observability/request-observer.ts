import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { acceptRequestId, operationDuration, operationErrors, withRequestId } from '@app/common';
import type { RootLogger } from '@app/config';
import { runInRequestScope } from '@app/database';

/**
 * What the GraphQL plugin leaves on `res.locals` for the request's one observation: the
 * operation's labels and its errors' codes (the HTTP route then stays out of the histogram).
 */
export const GRAPHQL_OPERATION = 'graphqlOperation';
export interface GraphqlOperationLabels {
  type: string;
  operation: string;
  codes: string[];
}

/** Paths probed every few seconds: counted in the metrics, kept out of the access log. */
const QUIET = /^\/(health\/|metrics$)/;

/**
 * The first middleware of every request: its id (the caller's X-Request-Id when it is a safe
 * token, else a new UUID) answered in X-Request-Id and current for everything the request runs
 * (log lines, error bodies), its request scope (one database connection at a time, a deadline),
 * and, once the answer is sent, one histogram observation, an error count when it failed, and one
 * access log line (method, path without its query, status, time). The query string is never
 * logged: a tracker's handshake URL carries a secret there.
 */
export function observeRequests(logger: RootLogger, requestTimeoutMs: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = acceptRequestId(req.headers['x-request-id']);
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const started = performance.now();
    res.once('finish', () => finished(logger, req, res, id, started));
    runInRequestScope(requestTimeoutMs, next, id);
  };
}

function finished(
  logger: RootLogger,
  req: Request,
  res: Response,
  requestId: string,
  started: number,
): void {
  const seconds = (performance.now() - started) / 1000;
  const status = res.statusCode;
  const graphql = res.locals[GRAPHQL_OPERATION] as GraphqlOperationLabels | undefined;
  if (graphql) {
    const labels = { protocol: 'graphql', type: graphql.type, operation: graphql.operation };
    operationDuration.observe(labels, seconds);
    for (const code of graphql.codes) operationErrors.inc({ ...labels, code });
  } else {
    const labels = { protocol: 'http', type: req.method, operation: routeOf(req, status) };
    operationDuration.observe(labels, seconds);
    if (status >= 400) {
      const code = (res.locals.errorCode as string | undefined) ?? String(status);
      operationErrors.inc({ ...labels, code });
    }
  }
  // the whole path: `req.path` is relative to the router that answered (Apollo's is mounted at
  // /graphql, so it says "/"); the query string is left out (a handshake carries a secret there)
  const path = (req.originalUrl ?? req.url).split('?', 1)[0]!;
  if (QUIET.test(path) && status < 500) return;
  logger[status >= 500 ? 'error' : 'info'](
    {
      requestId,
      method: req.method,
      path: path.length > 200 ? `${path.slice(0, 200)}...` : path,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      ...(graphql ? { operation: `${graphql.type} ${graphql.operation}` } : {}),
    },
    'request completed',
  );
}

/**
 * The route pattern (`/webhooks/:kind/:id`), never the raw path: one series per route, whatever
 * ids the paths carry. Requests no route answered: `unmatched` (404) or `other` (the dashboard's
 * files, the GraphQL path refused before Apollo ran).
 */
function routeOf(req: Request, status: number): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return status === 404 ? 'unmatched' : 'other';
}

/**
 * Error bodies sent as JSON by any route, filter or middleware (`res.json` with a 4xx/5xx) carry
 * the request id, and their code is kept for the error counter. Set once on the app's response
 * prototype: nothing is added to a request that succeeds.
 */
export function requestIdInErrorBodies(response: Response): void {
  const json = response.json;
  response.json = function (this: Response, body?: unknown) {
    if (this.statusCode >= 400) {
      const id = this.locals.requestId as string | undefined;
      this.locals.errorCode ??= codeOf(body);
      if (id) return json.call(this, withRequestId(body, id));
    }
    return json.call(this, body);
  };
}

/** `code` of a REST error body, or the first GraphQL-shaped error's `extensions.code`. */
function codeOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { code, errors } = body as {
    code?: unknown;
    errors?: { extensions?: { code?: unknown } }[];
  };
  if (typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code)) return code;
  const first = Array.isArray(errors) ? errors[0]?.extensions?.code : undefined;
  return typeof first === 'string' && /^[A-Z_]{1,40}$/.test(first) ? first : undefined;
}
