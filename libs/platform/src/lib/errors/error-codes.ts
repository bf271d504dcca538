/**
 * Every error a client can see carries one of these codes in `extensions.code`.
 * Domain libraries throw `AppError` with one of them; `toGraphQLError` maps them in one place.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** The operation would take more work than one request may (workUnits, maxWorkUnits, and the costliest fields). */
  WORK_LIMIT_EXCEEDED = 'WORK_LIMIT_EXCEEDED',
  /** The server has no capacity free for this request now (retryAfterSeconds says when to try again). */
  TOO_BUSY = 'TOO_BUSY',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One offending input field, named by its path from the operation's arguments, e.g. `input.email`. */
export interface FieldProblem {
  field: string;
  message: string;
}
