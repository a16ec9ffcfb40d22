import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, RateLimitedError } from '@app/domain';

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DATA_OUT_OF_BOUNDS: 409,
  RATE_LIMITED: 429,
  TIMEOUT: 503,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * Domain errors on plain HTTP routes (uploads) as JSON with the same code as GraphQL would give.
 * GraphQL errors pass through to the GraphQL error formatter untouched.
 */
@Catch(DomainError)
export class HttpDomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    if (host.getType<string>() !== 'http') throw error;
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof RateLimitedError) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    response
      .status(STATUS[error.code] ?? 400)
      .json({ code: error.code, message: error.message, fields: error.fields });
  }
}
