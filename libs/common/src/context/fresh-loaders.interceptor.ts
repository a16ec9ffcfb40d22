import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { tap, type Observable } from 'rxjs';
import type { RequestContext } from './request-context.js';

/**
 * After a mutation has written, forget what this request's DataLoaders cached: the mutation's
 * result (and a later mutation of the same document) must show what was written, not what an
 * earlier field of the request had loaded. Registered once, globally (APP_INTERCEPTOR), so that
 * every mutation of every module gets it; queries and plain HTTP requests pass through.
 */
@Injectable()
export class FreshLoadersAfterWrite implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<GraphQLResolveInfo>()?.parentType.name !== 'Mutation') return next.handle();
    const ctx = gql.getContext<RequestContext>();
    return next.handle().pipe(tap(() => ctx.loaders.clearAll()));
  }
}
