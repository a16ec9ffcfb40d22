import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { mergeMap, type Observable } from 'rxjs';
import { writeOf } from '@app/common';
import { PlanEventsService } from './plan-events.service.js';

/**
 * The one hook every write passes through on its way out: after a successful GraphQL mutation or
 * plain HTTP write (plan file and CSV uploads), checks whether the plan of an open cycle changed
 * and publishes the live events before answering (so the writer's own later reads never overlap
 * them). Registered globally by the API's composition root; a failure there is logged, never the
 * write's.
 */
@Injectable()
export class PlanEventsAfterWrite implements NestInterceptor {
  constructor(@Inject(PlanEventsService) private readonly events: PlanEventsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const write = writeOf(context);
    if (!write) return next.handle();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        // The actor as the guard has set it by now; PUBLIC writes (signUp, logIn) have none, and
        // change no plan.
        const who = write.kind === 'graphql' ? write.context.actor : (write.request.actor ?? null);
        if (who) await this.events.afterWrite(who);
        return result;
      }),
    );
  }
}
