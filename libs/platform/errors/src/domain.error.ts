import { ErrorCode } from './error-code';

/** A field that failed validation, named as the client sent it (e.g. `filter.regionCode`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An error the caller can act on. Its message is written for a person and is sent to the client
 * as is, so it must never carry secrets or another caller's data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, key: string) {
    super(ErrorCode.NOT_FOUND, `${what} ${JSON.stringify(key)} was not found.`, { what, key });
  }
}

export class BadUserInputError extends DomainError {
  constructor(
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(ErrorCode.BAD_USER_INPUT, message, { fields });
  }

  static forFields(fields: FieldProblem[]): BadUserInputError {
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new BadUserInputError(`Invalid input. ${summary}.`, fields);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(
    message = 'You need to sign in: send a valid bearer token in the Authorization header.',
  ) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this.') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/** A move a record's state does not allow, e.g. approving a completed engagement. */
export class InvalidTransitionError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.INVALID_TRANSITION, message, details);
  }
}

/** A change that would take a service line past its cap for the year. */
export class CapReachedError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CAP_REACHED, message, details);
  }
}

/** Support the local authority is not eligible for, asked for without an override. */
export class NotEligibleError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.NOT_ELIGIBLE, message, details);
  }
}

/**
 * A request over a rate limit. `extensions.http` is how Apollo Server lets an error set the
 * response's status and headers: 429 with `Retry-After`, as for any HTTP client.
 */
export class RateLimitedError extends DomainError {
  readonly extensions: { http: { status: number; headers: Map<string, string> } };

  constructor(readonly retryAfterSeconds: number) {
    super(
      ErrorCode.RATE_LIMITED,
      `Too many requests: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
      { retryAfterSeconds },
    );
    this.extensions = {
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    };
  }
}

/** A problem with a file handed in, where its user sees it: row 1 is the header row. */
export interface FileRowProblem {
  /** null for a problem of the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

/** A file refused for what its rows hold: every problem, row by row. Nothing was written. */
export class FileProblemsError extends BadUserInputError {
  constructor(
    message: string,
    readonly problems: FileRowProblem[],
  ) {
    super(message);
  }

  /** The first few problems in the message; every one of them in `problems`. */
  static of(fileName: string, problems: FileRowProblem[]): FileProblemsError {
    const shown = 10;
    const listed = problems.slice(0, shown).map(describeRowProblem).join('; ');
    const more = problems.length > shown ? `; and ${problems.length - shown} more` : '';
    return new FileProblemsError(
      `"${fileName}" was not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'}. ${listed}${more}.`,
      problems,
    );
  }
}

export function describeRowProblem(problem: FileRowProblem): string {
  const where = [
    problem.row === null ? null : `row ${problem.row}`,
    problem.column === null ? null : problem.column,
  ].filter((part) => part !== null);
  return where.length > 0 ? `${where.join(', ')}: ${problem.message}` : problem.message;
}
