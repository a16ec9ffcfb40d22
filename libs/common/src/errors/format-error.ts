import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '@app/database';
import { DomainError, type FieldProblem } from '@app/domain';

/** PostgreSQL error classes that are the caller's fault, with the code the API reports. */
const PG_CODES: Record<string, { code: string; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'a record with this key already exists' },
  '23503': { code: 'NOT_FOUND', message: 'a referenced record does not exist' },
  '23514': { code: 'BAD_USER_INPUT', message: 'a value breaks a rule of the data model' },
  '22P02': { code: 'BAD_USER_INPUT', message: 'a value has the wrong format' },
  '22021': { code: 'BAD_USER_INPUT', message: 'a text contains a character that cannot be stored' },
  '22003': { code: 'BAD_USER_INPUT', message: 'a number is out of range' },
  '22007': { code: 'BAD_USER_INPUT', message: 'a date is invalid' },
  '22008': { code: 'BAD_USER_INPUT', message: 'a date is out of range' },
  '40001': { code: 'CONFLICT', message: 'a concurrent change got in the way: try again' },
  '40P01': { code: 'CONFLICT', message: 'a concurrent change got in the way: try again' },
};

export interface ErrorFormatOptions {
  production: boolean;
  logInternal: (error: unknown) => void;
}

/**
 * The one place errors become GraphQL errors. Domain errors keep their code and message;
 * validation failures become BAD_USER_INPUT with every field's message; constraint violations get a
 * code a client can act on; anything else is logged and masked as INTERNAL_SERVER_ERROR. Stack
 * traces and SQL never leave the server in production.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: ErrorFormatOptions,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return withExtensions(base, original.message, original.code, original.fields);
  }
  if (original instanceof HttpException) {
    const fields = validationFields(original);
    if (fields.length > 0) {
      const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
      return withExtensions(base, summary, 'BAD_USER_INPUT', fields);
    }
    const status = original.getStatus();
    const code =
      status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'BAD_USER_INPUT';
    return withExtensions(base, original.message, code);
  }
  if (isDatabaseUnavailable(original)) {
    // outside Database.transaction (which already says so): the same, not an internal error
    const unavailable = DomainError.unavailable();
    return withExtensions(base, unavailable.message, unavailable.code);
  }
  const pgCode = (original as { code?: unknown } | null)?.code;
  if (typeof pgCode === 'string' && PG_CODES[pgCode]) {
    const detail = (original as { detail?: string }).detail;
    const known = PG_CODES[pgCode];
    return withExtensions(
      base,
      detail && !options.production ? `${known.message} (${detail})` : known.message,
      known.code,
    );
  }
  if (original === null || original === undefined || original instanceof GraphQLError) {
    // A GraphQL-level error (parse, validation, variable coercion, where graphql-js wraps the
    // scalar's or enum's own GraphQLError, e.g. an unknown enum value): already safe to show.
    const code = (formatted.extensions?.code as string | undefined) ?? 'BAD_USER_INPUT';
    return withExtensions(base, formatted.message, code);
  }
  options.logInternal(original);
  return withExtensions(
    base,
    options.production ? 'Internal server error' : String((original as Error).message ?? original),
    'INTERNAL_SERVER_ERROR',
  );
}

function withExtensions(
  base: Omit<GraphQLFormattedError, 'message' | 'extensions'>,
  message: string,
  code: string,
  fields: FieldProblem[] = [],
): GraphQLFormattedError {
  return { ...base, message, extensions: fields.length ? { code, fields } : { code } };
}

/** class-validator messages from the ValidationPipe, as field problems. */
function validationFields(exception: HttpException): FieldProblem[] {
  const response = exception.getResponse() as { fields?: FieldProblem[] } | string;
  return typeof response === 'object' && Array.isArray(response.fields) ? response.fields : [];
}
