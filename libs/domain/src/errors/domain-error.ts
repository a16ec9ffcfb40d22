/**
 * Errors the product can explain to a person. Each carries a code that the API layer maps to
 * GraphQL `extensions.code`; nothing else is exposed to clients.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  /** stored data gives a figure that is not a finite number (a number outside docs/design.md 4.5) */
  | 'DATA_OUT_OF_BOUNDS'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  // the database cannot be reached for now: the same request may succeed a moment later
  | 'SERVICE_UNAVAILABLE';

/** A problem with one input field: `field` is the input path, e.g. `weight` or `input.email`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(field: string, message: string): DomainError {
    return new DomainError('BAD_USER_INPUT', `${field}: ${message}`, [{ field, message }]);
  }

  static notFound(what: string, ref: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} ${ref} not found`);
  }

  static conflict(message: string): DomainError {
    return new DomainError('CONFLICT', message);
  }

  /** CONFLICT naming the input field whose value another row of the organization holds already. */
  static taken(field: string, message: string): DomainError {
    return new DomainError('CONFLICT', message, [{ field, message }]);
  }

  static forbidden(message = 'your role does not allow this operation'): DomainError {
    return new DomainError('FORBIDDEN', message);
  }

  /**
   * A computed figure is not a finite number: some stored number is outside its bounds. Named
   * instead of surfacing as a GraphQL serialization failure ("Float cannot represent Infinity").
   */
  static outOfBounds(what: string, value: number): DomainError {
    return new DomainError(
      'DATA_OUT_OF_BOUNDS',
      `${what} is ${value}, not a finite number: a stored number is outside its bounds (points and estimates 0..10,000, weights 0..1,000)`,
    );
  }

  /** Too many attempts: the client may try again after `retryAfterSeconds`. */
  static rateLimited(message: string, retryAfterSeconds: number): RateLimitedError {
    return new RateLimitedError(message, retryAfterSeconds);
  }

  /** The request ran past its deadline (REQUEST_TIMEOUT_MS). */
  static timeout(message: string): DomainError {
    return new DomainError('TIMEOUT', message);
  }

  static unavailable(
    message = 'the database is unavailable right now: try again in a few seconds',
  ): DomainError {
    return new DomainError('SERVICE_UNAVAILABLE', message);
  }

  static unauthenticated(
    message = 'sign in first: send Authorization: Bearer <token>',
  ): DomainError {
    return new DomainError('UNAUTHENTICATED', message);
  }
}

/** RATE_LIMITED with the whole seconds to wait (the API sends it as `retryAfter` and Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
    this.name = 'RateLimitedError';
  }
}
