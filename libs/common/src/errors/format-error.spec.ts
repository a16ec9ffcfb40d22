import { GraphQLError } from 'graphql';
import { DomainError } from '@app/domain';
import { formatGraphqlError } from './format-error.js';

const options = { production: true, logInternal: () => undefined };
const format = (error: GraphQLError) =>
  formatGraphqlError({ message: error.message, extensions: error.extensions }, error, options);

describe('formatGraphqlError (production)', () => {
  it('never shows an engine stack overflow: the query was nested too deeply', () => {
    let overflow: unknown;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    try {
      recurse(0);
    } catch (error) {
      overflow = error;
    }
    // as Apollo wraps a parse failure: its SyntaxError around graphql-js's wrapper around it
    const inner = new GraphQLError((overflow as Error).message, {
      originalError: overflow as Error,
    });
    const wrapped = new GraphQLError(inner.message, {
      originalError: inner,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const formatted = format(wrapped);
    expect(formatted).toEqual({
      message: 'the query is nested too deeply',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  });

  it('strips the schema names graphql-js suggests', () => {
    const field = new GraphQLError(
      'Cannot query field "cycels" on type "Query". Did you mean "cycles" or "cycle"?',
      {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    );
    expect(format(field).message).toBe('Cannot query field "cycels" on type "Query".');
    const value = new GraphQLError(
      'Value "POINT" does not exist in "Measure" enum. Did you mean the enum value "POINTS"?',
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
    expect(format(value).message).toBe('Value "POINT" does not exist in "Measure" enum.');
  });

  it('gives RATE_LIMITED its wait in seconds', () => {
    const error = new GraphQLError('limited', {
      originalError: DomainError.rateLimited('too many failed log-ins: try again in 4 s', 4),
    });
    expect(format(error).extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 4 });
  });

  it('names the field of a unique violation on one column besides the organization', () => {
    const violation = (detail: string) => {
      const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
        code: '23505',
        detail,
      });
      return format(new GraphQLError(error.message, { originalError: error }));
    };
    expect(violation('Key (organization_id, external_key)=(0000, EPIC-1) already exists.')).toEqual(
      {
        message: 'a record with this key already exists',
        extensions: {
          code: 'CONFLICT',
          fields: [
            { field: 'input.externalKey', message: 'a record with this key already exists' },
          ],
        },
      },
    );
    // a key of several columns (a link) names no one field
    expect(
      violation('Key (organization_id, ticket_id, initiative_id)=(0, 1, 2) already exists.')
        .extensions,
    ).toEqual({ code: 'CONFLICT' });
  });

  it('maps a statement stopped by statement_timeout to TIMEOUT', () => {
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), {
      code: '57014',
    });
    const error = new GraphQLError(cancelled.message, { originalError: cancelled });
    expect(format(error).extensions).toEqual({ code: 'TIMEOUT' });
  });
});
