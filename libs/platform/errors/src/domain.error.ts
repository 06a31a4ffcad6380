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
