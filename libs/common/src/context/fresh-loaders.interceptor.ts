import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import { writeOf } from './write-of.js';

/**
 * After a mutation has written, forget what this request's DataLoaders cached: the mutation's
 * result (and a later mutation of the same document) must show what was written, not what an
 * earlier field of the request had loaded. Registered globally by the API's composition root, so
 * that every mutation of every module gets it; queries and plain HTTP requests pass through.
 */
@Injectable()
export class FreshLoadersAfterWrite implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const write = writeOf(context);
    if (write?.kind !== 'graphql') return next.handle();
    return next.handle().pipe(tap(() => write.context.loaders.clearAll()));
  }
}
