/** The stable codes every client may rely on (SPEC §7). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  CAP_REACHED = 'CAP_REACHED',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  CONFLICT = 'CONFLICT',
  /** Too many requests from one address or person: `retryAfterSeconds` says when to try again. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** A request body over the size limit; it was not read. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** A request body that is not a GraphQL request (e.g. malformed JSON). */
  BAD_REQUEST = 'BAD_REQUEST',
}
