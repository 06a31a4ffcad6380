import {
  BadUserInputError,
  DomainError,
  ErrorCode,
  FileProblemsError,
  RateLimitedError,
} from '@la-tracker/platform/errors';
import type { GraphQLFormattedError } from 'graphql';

/** Codes Apollo gives to requests it could not run; they say nothing about our internals. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side. If it keeps happening, report it with the x-request-id of the response.';

/**
 * The domain error behind a GraphQL error, if any. Apollo and graphql-js wrap errors (a bad
 * literal is a validation error around the scalar's error), so the whole chain is followed.
 */
export function domainErrorOf(error: unknown): DomainError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** True for an error that reaches the client as it is; anything else is a fault of ours. */
export function isExpectedError(formatted: GraphQLFormattedError, error: unknown): boolean {
  if (domainErrorOf(error)) return true;
  const code = formatted.extensions?.code;
  return typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
}

/**
 * The one place that turns errors into what clients see: domain errors keep their code and
 * message; malformed requests keep Apollo's code; anything else becomes a generic message (it has
 * been logged with the request id, see `ErrorLoggingPlugin`).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = domainErrorOf(error);
  const where = { locations: formatted.locations, path: formatted.path };
  if (original) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original instanceof BadUserInputError && original.fields.length > 0) {
      extensions.fields = original.fields;
    }
    if (original instanceof FileProblemsError) extensions.problems = original.problems;
    if (original instanceof RateLimitedError)
      extensions.retryAfterSeconds = original.retryAfterSeconds;
    // A bad value in the query itself (e.g. a Date literal) is the caller's input, not a bad query.
    const message =
      original.code === ErrorCode.BAD_USER_INPUT && formatted.message !== original.message
        ? formatted.message
        : original.message;
    return { message, ...where, extensions };
  }
  if (isExpectedError(formatted, error)) {
    return {
      message: formatted.message,
      ...where,
      extensions: { code: formatted.extensions?.code },
    };
  }
  return {
    message: INTERNAL_ERROR_MESSAGE,
    ...where,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
