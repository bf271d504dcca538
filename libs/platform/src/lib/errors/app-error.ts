import { ErrorCode, FieldProblem } from './error-codes';

/** Extra, client-safe details that travel in `extensions` next to the code. */
export type ErrorDetails = Record<string, unknown>;

/**
 * The one error type domain code throws. Its message and details are shown to the client as they are,
 * so they must never contain SQL, stack traces or another tenant's data.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badInput(problems: FieldProblem[] | FieldProblem): AppError {
    const fields = Array.isArray(problems) ? problems : [problems];
    const summary = fields.map((p) => `${p.field}: ${p.message}`).join('; ');
    return new AppError(ErrorCode.BAD_USER_INPUT, `Invalid input. ${summary}`, { fields });
  }

  /** `field` names the input that carried the unknown id, when it was not the operation's own `id`. */
  static notFound(what: string, id?: string, field?: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, id ? `${what} ${id} was not found.` : `${what} was not found.`, {
      ...(id ? { id } : {}),
      ...(field ? { field } : {}),
    });
  }

  static forbidden(message = 'You are not allowed to do this.'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'Sign in first: send a valid access token.'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static conflict(message: string, details: ErrorDetails = {}): AppError {
    return new AppError(ErrorCode.CONFLICT, message, details);
  }
}
