import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Observable } from 'rxjs';
import type { RequestContext, RequestWithActor } from './request-context.js';

/**
 * Names the operation a write belongs to, for the audit log: a mutation's field name
 * (`updateObjective`), or a plain HTTP route's method and path (`POST /imports/jira-csv`). It goes
 * on the actor the access guard has set, and `Tenant.run` passes it into the transaction. The
 * mutations of one document run one after another, so naming each as it starts is safe.
 * Registered once, globally (APP_INTERCEPTOR); queries pass through.
 */
@Injectable()
export class OperationNameForAudit implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      const info = gql.getInfo<GraphQLResolveInfo>();
      const actor = gql.getContext<RequestContext>().actor;
      if (info?.parentType.name === 'Mutation' && actor) actor.operation = info.fieldName;
    } else if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<RequestWithActor>();
      if (req.actor && req.method !== 'GET' && req.method !== 'HEAD') {
        req.actor.operation = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
      }
    }
    return next.handle();
  }
}
