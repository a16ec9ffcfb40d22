import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext, RequestWithActor } from './request-context.js';

/** A write as the hooks around it see it. */
export type Write =
  | { kind: 'graphql'; fieldName: string; context: RequestContext }
  | { kind: 'http'; request: RequestWithActor };

/**
 * The one answer to "is this a write?" for guards and interceptors: a GraphQL mutation field (a
 * field of the Mutation type: once per mutation, never for the fields of its result), or a plain
 * HTTP request other than GET and HEAD (plan file and CSV uploads, webhooks). Null for reads.
 */
export function writeOf(context: ExecutionContext): Write | null {
  if (context.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo | undefined>();
    if (info?.parentType.name !== 'Mutation') return null;
    return {
      kind: 'graphql',
      fieldName: info.fieldName,
      context: gql.getContext<RequestContext>(),
    };
  }
  if (context.getType<string>() === 'http') {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    if (request.method === 'GET' || request.method === 'HEAD') return null;
    return { kind: 'http', request };
  }
  return null;
}
