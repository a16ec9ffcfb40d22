import { Logger } from '@nestjs/common';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import type { Request } from 'express';
import {
  createRequestContext,
  formatGraphqlError,
  LoaderRegistry,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Env } from '@app/config';

/** Checks a graphql-ws connection's authorization; null refuses the connection. */
export type ConnectionAuthenticator = (authorization: unknown) => Promise<Actor | null>;

/** What graphql-ws hands the context function and onConnect (the connection's own state). */
interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: { actor?: Actor };
}

/**
 * Apollo over Express at /graphql: code-first schema, coded errors, per-request context; with an
 * authenticator, subscriptions over graphql-ws on the same path.
 */
export function graphqlOptions(
  env: Env,
  authenticate?: ConnectionAuthenticator,
): ApolloDriverConfig {
  const production = env.nodeEnv === 'production';
  const logger = new Logger('GraphQL');
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    context: (arg: { req: Request } | WsContext): RequestContext =>
      'req' in arg ? createRequestContext(arg.req) : subscriptionContext(arg),
    ...(authenticate
      ? {
          subscriptions: {
            'graphql-ws': {
              onConnect: async (ctx: {
                connectionParams?: Record<string, unknown>;
                extra: unknown;
              }) => {
                const actor = await authenticate(ctx.connectionParams?.authorization);
                if (!actor) return false;
                (ctx.extra as WsContext['extra']).actor = actor;
                return true;
              },
            },
          },
        }
      : {}),
    formatError: (formatted, error) =>
      formatGraphqlError(formatted, error, {
        production,
        logInternal: (e) => logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e)),
      }),
  };
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
