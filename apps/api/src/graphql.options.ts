import { Logger } from '@nestjs/common';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
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
  type GraphQLFormattedError,
} from 'graphql';
import {
  createRequestContext,
  formatGraphqlError,
  LoaderRegistry,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Env } from '@app/config';
import { currentRequestId, runInRequestScope } from '@app/database';
import { RateLimitedError } from '@app/domain';
import { httpStatusPlugin } from './limits/http-status.plugin.js';
import { operationLabelsPlugin } from './observability/operation-labels.plugin.js';
import {
  countWsErrors,
  observedWsOperation,
  type WsResult,
} from './observability/ws-operations.js';
import { costOf, queryCostPlugin } from './limits/query-cost.plugin.js';
import { armorProtection, QUERY_LIMITS } from './limits/query-limits.js';
import { subscriptionsOverWsOnly } from './subscriptions-over-ws.plugin.js';

/** Checks a graphql-ws connection's authorization: the member, or why the connection is refused. */
export type ConnectionAuthenticator = (
  authorization: unknown,
) => Promise<Actor | { refused: string }>;

/**
 * graphql-ws's close code for "not authenticated": clients do not retry it (unlike 4403, which
 * graphql-ws sends for a plain `false` and clients retry with the same token).
 */
export const UNAUTHENTICATED_CLOSE = 4401;

/** Spends an operation's cost from its caller's budget; throws RATE_LIMITED once it is used up. */
export type QueryBudget = (ctx: RequestContext, cost: number) => Promise<void>;

/** A graphql-ws connection's socket, as far as the server closes it. */
export interface LiveSocket {
  close(code: number, reason: string): void;
}

/** Hears of each authenticated graphql-ws connection while it is open (live-connections.ts). */
export interface LiveConnectionRegistry {
  opened(socket: LiveSocket, authorization: unknown, actor: Actor): void;
  closed(socket: LiveSocket): void;
}

export interface GraphqlDependencies {
  /** with it, subscriptions (and other operations) over graphql-ws on the same path */
  authenticate?: ConnectionAuthenticator;
  spendQueryCost?: QueryBudget;
  connections?: LiveConnectionRegistry;
}

/** What graphql-ws hands the context function and onConnect (the connection's own state). */
interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: { actor?: Actor; socket?: LiveSocket };
}

/**
 * Apollo over Express at /graphql: code-first schema, coded errors, per-request context, the
 * query limits (document shape, cost, budget); with an authenticator, graphql-ws on the same path
 * under the same limits.
 */
export function graphqlOptions(env: Env, deps: GraphqlDependencies = {}): ApolloDriverConfig {
  const production = env.nodeEnv === 'production';
  const logger = new Logger('GraphQL');
  const armor = armorProtection(production);
  const maxCost = env.limits.maxQueryCost;
  const formatError = (formatted: GraphQLFormattedError, error: unknown) => {
    const shown = formatGraphqlError(formatted, error, {
      production,
      logInternal: (e) => logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e)),
    });
    // the id the request's log lines carry: what a user quotes when reporting the error
    const requestId = currentRequestId();
    return requestId === undefined
      ? shown
      : { ...shown, extensions: { ...shown.extensions, requestId } };
  };
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // In production the armor's rule answers only `__type(name) { name kind }` (see there).
    introspection: true,
    includeStacktraceInErrorResponses: !production,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    plugins: [
      // no cache hints in this schema: Apollo's plugin would only compute "uncacheable" for every
      // answer, with a hook on every field it resolves (httpStatusPlugin sends `no-store` instead)
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      queryCostPlugin({ maxCost, spend: deps.spendQueryCost }),
      subscriptionsOverWsOnly,
      httpStatusPlugin,
      operationLabelsPlugin,
    ],
    // httpStatusPlugin sets the status of responses that ran (200), as Nest's plugin would
    preserveHttpStatusForExecutionErrors: false,
    context: (arg: { req: Request } | WsContext): RequestContext =>
      'req' in arg ? createRequestContext(arg.req) : subscriptionContext(arg),
    ...(deps.authenticate
      ? {
          subscriptions: {
            'graphql-ws': graphqlWsOptions(env, deps, armor.validationRules, formatError),
          },
        }
      : {}),
    formatError,
  };
}

/**
 * graphql-ws under the HTTP path's limits: the same token limit while parsing, the same rules
 * while validating, the same cost and budget before running; each operation runs in a request
 * scope of its own (one connection at a time, a deadline) like an HTTP request.
 */
function graphqlWsOptions(
  env: Env,
  deps: GraphqlDependencies,
  rules: ReturnType<typeof armorProtection>['validationRules'],
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  // Errors leave as they do over HTTP: coded, and masked in production (graphql-ws would send
  // graphql-js's errors as they are, an internal error's message included).
  const formatted = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatError(error.toJSON(), error));
  const authenticate = deps.authenticate!;
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
      if (cost !== null) await deps.spendQueryCost?.(args.contextValue as RequestContext, cost);
    } catch (error) {
      return { errors: [asGraphqlError(error)] };
    }
    return runInRequestScope(env.requestTimeoutMs, () => run(args));
  };
  return {
    // a document over the token limit is refused as an error of that operation (graphql-ws would
    // treat an error thrown by `parse` as the server's own and close the connection)
    onSubscribe: (_ctx: unknown, _id: string, payload: { query: string }) => {
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
    parse: (source: string) => parse(source, { maxTokens: QUERY_LIMITS.maxTokens }),
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
      const result = await authenticate(ctx.connectionParams?.authorization);
      if ('refused' in result) {
        // a close frame's reason holds at most 123 bytes
        const reason = `UNAUTHENTICATED: ${result.refused}`.slice(0, 120);
        (ctx.extra as WsContext['extra']).socket?.close(UNAUTHENTICATED_CLOSE, reason);
        return false;
      }
      const extra = ctx.extra as WsContext['extra'];
      extra.actor = result;
      if (extra.socket)
        deps.connections?.opened(extra.socket, ctx.connectionParams?.authorization, result);
      return true;
    },
    onClose: (ctx: { extra: unknown }) => {
      const socket = (ctx.extra as WsContext['extra']).socket;
      if (socket) deps.connections?.closed(socket);
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

/** graphql-ws sends errors as they are: give a refusal its code (and wait) in `extensions`. */
function asGraphqlError(error: unknown): GraphQLError {
  if (error instanceof RateLimitedError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, retryAfter: error.retryAfterSeconds },
    });
  }
  if (error instanceof GraphQLError) {
    return new GraphQLError(error.message, { extensions: { code: error.extensions.code } });
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
