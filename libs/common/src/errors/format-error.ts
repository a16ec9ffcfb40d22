import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '@app/database';
import { DomainError, RateLimitedError, type FieldProblem } from '@app/domain';

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
  // statement_timeout: at most the time left before the request's deadline
  '57014': {
    code: 'TIMEOUT',
    message: 'a statement ran longer than the time left for this request and was stopped',
  },
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

  if (causes(error).some(isStackOverflow)) {
    // a document nested past what the parser or a rule can walk: the query's fault, and the
    // engine's own message says nothing a client can act on
    return withExtensions(base, 'the query is nested too deeply', 'QUERY_TOO_COMPLEX');
  }
  if (original instanceof RateLimitedError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, retryAfter: original.retryAfterSeconds },
    };
  }
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
    const message = detail && !options.production ? `${known.message} (${detail})` : known.message;
    return withExtensions(base, message, known.code, takenField(pgCode, detail, known.message));
  }
  if (original === null || original === undefined || original instanceof GraphQLError) {
    // A GraphQL-level error (parse, validation, variable coercion, where graphql-js wraps the
    // scalar's or enum's own GraphQLError, e.g. an unknown enum value): already safe to show,
    // but for the schema's names it suggests, which production keeps to itself. A query limit
    // (QUERY_TOO_COMPLEX) keeps its own code under Apollo's GRAPHQL_VALIDATION_FAILED.
    const own = original instanceof GraphQLError ? original.extensions.code : undefined;
    const code =
      (typeof own === 'string' ? own : (formatted.extensions?.code as string | undefined)) ??
      'BAD_USER_INPUT';
    const message = options.production ? withoutSuggestions(formatted.message) : formatted.message;
    const tokens = /contains more th\w+ (\d+) tokens/.exec(message);
    if (tokens) {
      // graphql-js's maxTokens stopped the parse: a query limit like the others
      return withExtensions(
        base,
        `the document has more than ${tokens[1]} tokens, the limit: send large values as variables`,
        'QUERY_TOO_COMPLEX',
      );
    }
    return withExtensions(base, message, code);
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

/**
 * The input field a unique violation is about, from PostgreSQL's detail (`Key (organization_id,
 * key)=(...) already exists.`): the key's one column besides the organization, as the input names
 * it (`external_key` -> `input.externalKey`). A key of several columns names no field.
 */
function takenField(pgCode: string, detail: string | undefined, message: string): FieldProblem[] {
  if (pgCode !== '23505' || !detail) return [];
  const columns = /^Key \(([^)]*)\)=/.exec(detail)?.[1].split(', ') ?? [];
  const own = columns.filter((c) => c !== 'organization_id');
  if (own.length !== 1 || !/^[a-z_]+$/.test(own[0])) return [];
  const field = own[0].replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return [{ field: `input.${field}`, message }];
}

/** The error and every error it wraps (GraphQLError.originalError, Error.cause). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 10;) {
    chain.push(e);
    e = e instanceof GraphQLError ? e.originalError : (e as { cause?: unknown }).cause;
  }
  return chain;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** graphql-js's "Did you mean ...?" hints name fields, types and values of the schema. */
function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/** class-validator messages from the ValidationPipe, as field problems. */
function validationFields(exception: HttpException): FieldProblem[] {
  const response = exception.getResponse() as { fields?: FieldProblem[] } | string;
  return typeof response === 'object' && Array.isArray(response.fields) ? response.fields : [];
}
