/**
 * What our logs may carry. An error is logged by its type, message, PostgreSQL code and constraint and
 * stack only: TypeORM's QueryFailedError also holds the statement and its parameters (a new user's email
 * and password hash, an API token's hash), and pino's standard serializer would copy every enumerable
 * property. A request is logged by id, method and path: no headers (tokens, cookies) and no query string
 * (`?access_token=`).
 */
export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  stack?: string;
  cause?: LoggedError;
}

export function serializeError(error: unknown, depth = 0): LoggedError | unknown {
  if (!(error instanceof Error)) {
    // Something thrown that is not an Error: its message and code, if it has them, and nothing else.
    if (typeof error !== 'object' || error === null) return error;
    const { message, code } = error as { message?: unknown; code?: unknown };
    return {
      type: 'object',
      ...(typeof message === 'string' ? { message } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  const { code, constraint, driverError, cause } = error as Error & {
    code?: unknown;
    constraint?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  const pgCode =
    typeof code === 'string'
      ? code
      : typeof (driverError as { code?: unknown })?.code === 'string'
        ? (driverError as { code: string }).code
        : undefined;
  const pgConstraint =
    typeof constraint === 'string'
      ? constraint
      : typeof (driverError as { constraint?: unknown })?.constraint === 'string'
        ? (driverError as { constraint: string }).constraint
        : undefined;
  return {
    type: error.name,
    message: error.message,
    ...(pgCode ? { code: pgCode } : {}),
    ...(pgConstraint ? { constraint: pgConstraint } : {}),
    stack: error.stack,
    ...(cause !== undefined && depth < 3 ? { cause: serializeError(cause, depth + 1) as LoggedError } : {}),
  };
}

/**
 * The request as a log line shows it: the URL without its query string. pino-http binds this to every
 * request's logger, so it stays cheap.
 */
export function serializeRequest(req: { id: unknown; method: string; url: string }): {
  id: unknown;
  method: string;
  url: string;
} {
  const query = req.url.indexOf('?');
  return { id: req.id, method: req.method, url: query < 0 ? req.url : req.url.slice(0, query) };
}

/** The response as a log line shows it: its status only (its headers carry Set-Cookie with a refresh token). */
export function serializeResponse(res: { statusCode: number }): { statusCode: number } {
  return { statusCode: res.statusCode };
}

/**
 * Belt and braces over the serializers: pino's redaction for fields that must never be printed, wherever
 * a log call puts them.
 */
export const REDACTED_LOG_PATHS = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'parameters',
  '*.parameters',
  'req.headers',
  'req.query',
  'res.headers',
];
