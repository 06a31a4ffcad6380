import {
  BadUserInputError,
  ErrorCode,
  FileProblemsError,
  NotFoundError,
  RateLimitedError,
} from '@la-tracker/platform/errors';
import { GraphQLError } from 'graphql';
import { formatError, INTERNAL_ERROR_MESSAGE } from './error-formatter';

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { originalError: original, path: ['localAuthority'] });
}

describe('formatError', () => {
  it('keeps a domain error’s code and message', () => {
    const error = resolverError(new NotFoundError('Local authority', 'E99999999'));
    const sut = formatError({ message: error.message, path: ['localAuthority'] }, error);
    expect(sut).toEqual({
      message: 'Local authority "E99999999" was not found.',
      path: ['localAuthority'],
      locations: undefined,
      extensions: { code: ErrorCode.NOT_FOUND },
    });
  });

  it('names the fields of bad input', () => {
    const original = BadUserInputError.forFields([
      { field: 'first', message: 'must be from 1 to 100' },
    ]);
    const sut = formatError({ message: original.message }, resolverError(original));
    expect(sut.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first', message: 'must be from 1 to 100' }],
    });
  });

  it('says when a rate-limited caller may try again, and nothing of the HTTP head', () => {
    const error = resolverError(new RateLimitedError(42));
    const sut = formatError({ message: error.message, extensions: error.extensions }, error);
    expect(sut).toMatchObject({
      message: 'Too many requests: try again in 42 seconds.',
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 },
    });
    expect(sut.extensions).not.toHaveProperty('http');
  });

  it('carries the problems of a refused file, row by row', () => {
    const problems = [
      { row: 3, column: 'delivered_on', message: 'must not be in the future' },
      { row: null, column: null, message: 'the file has no sessions' },
    ];
    const original = FileProblemsError.of('sessions.csv', problems);
    const sut = formatError({ message: original.message }, resolverError(original));
    expect(sut.message).toBe(
      '"sessions.csv" was not imported: 2 problems. row 3, delivered_on: must not be in the future; the file has no sessions.',
    );
    expect(sut.extensions).toEqual({ code: 'BAD_USER_INPUT', problems });
  });

  it('gives a bad literal in the query the code of bad input, however deeply it is wrapped', () => {
    const original = new BadUserInputError('"x" is not a date: write dates as YYYY-MM-DD.');
    // graphql-js wraps the scalar's error in a validation error, and Apollo wraps that again.
    const validation = new GraphQLError(
      'Expected value of type "Date", found "x"; "x" is not a date',
      {
        originalError: original,
      },
    );
    const error = new GraphQLError(validation.message, {
      originalError: validation,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const sut = formatError(
      { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      error,
    );
    expect(sut.extensions?.code).toBe('BAD_USER_INPUT');
    expect(sut.message).toContain('Expected value of type "Date"');
  });

  it('passes on Apollo’s codes for requests it could not run, without a stack trace', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".');
    const sut = formatError(
      {
        message: error.message,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] },
      },
      error,
    );
    expect(sut.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('hides anything unexpected behind a generic message', () => {
    const error = resolverError(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=secret'));
    const sut = formatError(
      { message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      error,
    );
    expect(sut.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(JSON.stringify(sut)).not.toContain('secret');
    expect(sut.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
