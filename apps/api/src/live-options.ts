import type { Request } from 'express';
import {
  execute,
  GraphQLError,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type Source,
} from 'graphql';
import { LoaderRegistry, type Actor, type RequestContext } from '@app/common';
import type { Env } from '@app/config';
import { runInRequestScope } from '@app/database';
import { RateLimitedError } from '@app/domain';
import { BODY_LIMIT_BYTES } from './body-limits.js';
import { errorFormatter, type QueryBudget } from './graphql.options.js';
import { costOf } from './limits/query-cost.plugin.js';
import { armorProtection, QUERY_LIMITS } from './limits/query-limits.js';
import {
  countWsErrors,
  observedWsOperation,
  type WsResult,
} from './observability/ws-operations.js';

/** What one live connection (graphql-ws) may hold of the server. */
export const LIVE_LIMITS = {
  /** a message's size, as an HTTP body's: a query with its variables, a subscription */
  messageBytes: BODY_LIMIT_BYTES,
  /** operations running at once on one connection (the dashboard runs a handful) */
  operationsPerConnection: 25,
  /** connections a member holds open on one server (tabs, devices, scripts) */
  connectionsPerMember: 20,
};

/** Checks a graphql-ws connection's authorization: the member, or why the connection is refused. */
export type ConnectionAuthenticator = (
  authorization: unknown,
) => Promise<Actor | { refused: string }>;

/**
 * graphql-ws's close code for "not authenticated": clients do not retry it (unlike 4403, which
 * graphql-ws sends for a plain `false` and clients retry with the same token).
 */
export const UNAUTHENTICATED_CLOSE = 4401;
/** A member over LIVE_LIMITS.connectionsPerMember: graphql-ws's "too many" code, not retried. */
export const TOO_MANY_CONNECTIONS_CLOSE = 4429;

/** A graphql-ws connection's socket, as far as the server closes it. */
export interface LiveSocket {
  close(code: number, reason: string): void;
}

/** Hears of each authenticated graphql-ws connection while it is open (live-connections.ts). */
export interface LiveConnectionRegistry {
  opened(socket: LiveSocket, authorization: unknown, actor: Actor): void;
  closed(socket: LiveSocket): void;
  /** the connections a user holds open now */
  openFor(userId: string): number;
}

export interface LiveDependencies {
  authenticate: ConnectionAuthenticator;
  spendQueryCost: QueryBudget;
  connections: LiveConnectionRegistry;
}

/** What graphql-ws hands the context function and onConnect (the connection's own state). */
interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: { actor?: Actor; socket?: LiveSocket };
}

/**
 * graphql-ws under the HTTP path's limits: the same token limit while parsing, the same rules
 * while validating, the same cost and budget before running; each operation runs in a request
 * scope of its own (one connection at a time, a deadline) like an HTTP request. Its errors leave
 * as over HTTP, and at most LIVE_LIMITS run at once.
 */
export function liveOptions(env: Env, deps: LiveDependencies) {
  const formatError = errorFormatter(env.nodeEnv === 'production');
  const rules = armorProtection(env.nodeEnv === 'production').validationRules;
  // Errors leave as they do over HTTP: coded, and masked in production (graphql-ws would send
  // graphql-js's errors as they are, an internal error's message included).
  const formatted = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatError(error.toJSON(), error));
  const guarded =
    (run: (args: ExecutionArgs) => WsResult | Promise<WsResult>) => (args: ExecutionArgs) =>
      observedWsOperation(args, () => limited(run, args));
  const limited = async (
    run: (args: ExecutionArgs) => WsResult | Promise<WsResult>,
    args: ExecutionArgs,
  ): Promise<WsResult> => {
    try {
      const cost = costOf(
        {
          schema: args.schema,
          document: args.document,
          variables: args.variableValues as Record<string, unknown> | undefined,
          operationName: args.operationName,
        },
        env.limits.maxQueryCost,
      );
      if (cost !== null) await deps.spendQueryCost(args.contextValue as RequestContext, cost);
    } catch (error) {
      return { errors: [asGraphqlError(error)] };
    }
    return runInRequestScope(env.requestTimeoutMs, () => run(args));
  };
  return {
    // a document over the token limit is refused as an error of that operation (graphql-ws would
    // treat an error thrown by `parse` as the server's own and close the connection)
    onSubscribe: (
      ctx: { subscriptions: Record<string, unknown> },
      _id: string,
      payload: { query: string },
    ) => {
      // graphql-ws has reserved this operation's id before asking: it counts itself
      if (Object.keys(ctx.subscriptions).length > LIVE_LIMITS.operationsPerConnection) {
        return [
          new GraphQLError(
            `at most ${LIVE_LIMITS.operationsPerConnection} operations run at once on one connection: complete one first`,
            { extensions: { code: 'RATE_LIMITED' } },
          ),
        ];
      }
      try {
        parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        const tokens = /more th\w+ (\d+) tokens/.test(error.message);
        return [
          new GraphQLError(
            tokens
              ? `the document has more than ${QUERY_LIMITS.maxTokens} tokens, the limit: send large values as variables`
              : error.message,
            { extensions: { code: tokens ? 'QUERY_TOO_COMPLEX' : 'GRAPHQL_PARSE_FAILED' } },
          ),
        ];
      }
      return undefined;
    },
    context: (ctx: WsContext): RequestContext => subscriptionContext(ctx),
    parse: (source: string | Source) => parse(source, { maxTokens: QUERY_LIMITS.maxTokens }),
    validate: (...[schema, document]: Parameters<typeof validate>) =>
      validate(schema, document, [...specifiedRules, ...rules]),
    execute: guarded(execute),
    subscribe: guarded(subscribe),
    onNext: (
      _ctx: unknown,
      _id: string,
      _payload: unknown,
      args: ExecutionArgs,
      result: ExecutionResult,
    ) => {
      if (!result.errors?.length) return undefined;
      const errors = formatted(result.errors);
      countWsErrors(args, errors);
      return { ...result, errors };
    },
    // a document refused before it ran: graphql-js's validation errors carry no code, and
    // Apollo's over HTTP is GRAPHQL_VALIDATION_FAILED
    onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) => {
      const shown = formatted(errors.map(validationFailed));
      countWsErrors(null, shown);
      return shown;
    },
    onConnect: async (ctx: { connectionParams?: Record<string, unknown>; extra: unknown }) => {
      const result = await deps.authenticate(ctx.connectionParams?.authorization);
      if ('refused' in result) {
        // a close frame's reason holds at most 123 bytes
        const reason = `UNAUTHENTICATED: ${result.refused}`.slice(0, 120);
        (ctx.extra as WsContext['extra']).socket?.close(UNAUTHENTICATED_CLOSE, reason);
        return false;
      }
      const extra = ctx.extra as WsContext['extra'];
      if (deps.connections.openFor(result.userId) >= LIVE_LIMITS.connectionsPerMember) {
        extra.socket?.close(
          TOO_MANY_CONNECTIONS_CLOSE,
          `RATE_LIMITED: at most ${LIVE_LIMITS.connectionsPerMember} live connections per member`,
        );
        return false;
      }
      extra.actor = result;
      if (extra.socket)
        deps.connections.opened(extra.socket, ctx.connectionParams?.authorization, result);
      return true;
    },
    onClose: (ctx: { extra: unknown }) => {
      const socket = (ctx.extra as WsContext['extra']).socket;
      if (socket) deps.connections.closed(socket);
    },
  };
}

/** A refusal of the document without a code of its own: Apollo's code for it over HTTP. */
function validationFailed(error: GraphQLError): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}

/**
 * A refusal before the operation ran (its cost, its budget) as an error of the operation: the
 * refusal itself is kept as the original error, so onNext's formatter gives it its code (and a
 * budget's wait in `retryAfter`) exactly as over HTTP. Anything else is the server's own failure.
 */
function asGraphqlError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof RateLimitedError) {
    return new GraphQLError(error.message, { originalError: error });
  }
  throw error;
}

/**
 * A subscription's context: the member its connection authenticated as (the access guard then
 * checks the operation's rule against that role), and DataLoaders of its own.
 */
function subscriptionContext(ctx: WsContext): RequestContext {
  const authorization = ctx.connectionParams?.authorization;
  return {
    req: {
      headers: { authorization: typeof authorization === 'string' ? authorization : undefined },
    } as Request,
    actor: ctx.extra.actor ?? null,
    loaders: new LoaderRegistry(),
  };
}
