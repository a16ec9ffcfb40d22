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

  static forbidden(message = 'your role does not allow this operation'): DomainError {
    return new DomainError('FORBIDDEN', message);
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
