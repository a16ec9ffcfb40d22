import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { writeOf } from './write-of.js';

/**
 * Names the operation a write belongs to, for the audit log: a mutation's field name
 * (`updateObjective`), or a plain HTTP route's method and path (`POST /imports/jira-csv`). It goes
 * on the actor the access guard has set, and `Tenant.run` passes it into the transaction. The
 * mutations of one document run one after another, so naming each as it starts is safe.
 * Registered globally by the API's composition root; reads pass through.
 */
@Injectable()
export class OperationNameForAudit implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const write = writeOf(context);
    if (write?.kind === 'graphql') {
      if (write.context.actor) write.context.actor.operation = write.fieldName;
    } else if (write?.kind === 'http') {
      const req = write.request;
      if (req.actor) {
        req.actor.operation = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
      }
    }
    return next.handle();
  }
}
