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

/** Checks a graphql-ws connection's authorization: the member, or why the connection is refused. */
export type ConnectionAuthenticator = (
  authorization: unknown,
) => Promise<Actor | { refused: string }>;

/**
 * graphql-ws's close code for "not authenticated": clients do not retry it (unlike 4403, which
 * graphql-ws sends for a plain `false` and clients retry with the same token).
 */
export const UNAUTHENTICATED_CLOSE = 4401;

/** What graphql-ws hands the context function and onConnect (the connection's own state). */
interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: { actor?: Actor; socket?: { close(code: number, reason: string): void } };
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
                const result = await authenticate(ctx.connectionParams?.authorization);
                if ('refused' in result) {
                  // a close frame's reason holds at most 123 bytes
                  const reason = `UNAUTHENTICATED: ${result.refused}`.slice(0, 120);
                  (ctx.extra as WsContext['extra']).socket?.close(UNAUTHENTICATED_CLOSE, reason);
                  return false;
                }
                (ctx.extra as WsContext['extra']).actor = result;
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
