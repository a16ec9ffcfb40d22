import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { tap, type Observable } from 'rxjs';
import type { RequestContext } from '@app/common';

/**
 * After a delivery mutation has written, forget what this request's DataLoaders cached, so its
 * result (and a later mutation of the same document) shows what was written. (The same rule as
 * libs/strategy's interceptor; a shared one in @app/common would serve both.)
 */
@Injectable()
export class DeliveryFreshLoaders implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<GraphQLResolveInfo>()?.parentType.name !== 'Mutation') return next.handle();
    const ctx = gql.getContext<RequestContext>();
    return next.handle().pipe(tap(() => ctx.loaders.clearAll()));
  }
}
