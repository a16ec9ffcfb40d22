import { Logger } from '@nestjs/common';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import type { Request } from 'express';
import { createRequestContext, formatGraphqlError } from '@app/common';
import type { Env } from '@app/config';

/** Apollo over Express at /graphql: code-first schema, coded errors, per-request context. */
export function graphqlOptions(env: Env): ApolloDriverConfig {
  const production = env.nodeEnv === 'production';
  const logger = new Logger('GraphQL');
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    context: ({ req }: { req: Request }) => createRequestContext(req),
    formatError: (formatted, error) =>
      formatGraphqlError(formatted, error, {
        production,
        logInternal: (e) => logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e)),
      }),
  };
}
