import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { mergeMap, type Observable } from 'rxjs';
import type { Actor, RequestContext, RequestWithActor } from '@app/common';
import { PlanEventsService } from './plan-events.service.js';

/**
 * The one hook every write passes through on its way out: after a successful GraphQL mutation or
 * plain HTTP write (plan file and CSV uploads), checks whether the plan of an open cycle changed
 * and publishes the live events before answering (so the writer's own later reads never overlap
 * them). Registered globally (APP_INTERCEPTOR); a failure there is logged, never the write's.
 */
@Injectable()
export class PlanEventsAfterWrite implements NestInterceptor {
  constructor(@Inject(PlanEventsService) private readonly events: PlanEventsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = writer(context);
    if (!actor) return next.handle();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        // PUBLIC writes (signUp, logIn) have no actor, and change no plan.
        const who = actor();
        if (who) await this.events.afterWrite(who);
        return result;
      }),
    );
  }
}

/** For a write, a function giving its actor once the guard has run; null for reads. */
function writer(context: ExecutionContext): (() => Actor | null) | null {
  if (context.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<GraphQLResolveInfo>()?.parentType.name !== 'Mutation') return null;
    const ctx = gql.getContext<RequestContext>();
    return () => ctx.actor;
  }
  if (context.getType<string>() === 'http') {
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    if (req.method === 'GET' || req.method === 'HEAD') return null;
    return () => req.actor ?? null;
  }
  return null;
}
