import { Logger } from '@nestjs/common';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { createRequestContext, formatGraphqlError, type RequestContext } from '@app/common';
import type { Env } from '@app/config';
import { currentRequestId } from '@app/database';
import { httpStatusPlugin } from './limits/http-status.plugin.js';
import { operationLabelsPlugin } from './observability/operation-labels.plugin.js';
import { queryCostPlugin } from './limits/query-cost.plugin.js';
import { armorProtection, QUERY_LIMITS } from './limits/query-limits.js';
import { subscriptionsOverWsOnly } from './subscriptions-over-ws.plugin.js';

/** Spends an operation's cost from its caller's budget; throws RATE_LIMITED once it is used up. */
export type QueryBudget = (ctx: RequestContext, cost: number) => Promise<void>;

export interface GraphqlDependencies {
  spendQueryCost?: QueryBudget;
}

/**
 * Apollo over Express at /graphql: code-first schema, coded errors, per-request context, the
 * query limits (document shape, cost, budget). Live connections on the same path: live-server.ts.
 */
export function graphqlOptions(env: Env, deps: GraphqlDependencies = {}): ApolloDriverConfig {
  const production = env.nodeEnv === 'production';
  const armor = armorProtection(production);
  const maxCost = env.limits.maxQueryCost;
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
    context: ({ req }: { req: Request }): RequestContext => createRequestContext(req),
    // live connections (graphql-ws) are served by LiveServer (live-server.ts), not by Nest's
    // subscription server, which sets no limit on a message's size
    formatError: errorFormatter(production),
  };
}

/** Apollo's formatError, for live connections too: coded errors, masked in production. */
export function errorFormatter(
  production: boolean,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const logger = new Logger('GraphQL');
  return (formatted, error) => {
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
}
