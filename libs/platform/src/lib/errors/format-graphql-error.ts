import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error';
import { fromDatabaseError } from './database-errors';
import { ErrorCode } from './error-codes';

/** Codes that Apollo Server and graphql-js produce themselves before a resolver runs; passed through as they are. */
const PROTOCOL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface ErrorLogger {
  error(object: Record<string, unknown>, message: string): void;
}

function exhaustive(code: never): never {
  throw new Error(`Unmapped error code ${String(code)}`);
}

/** The client-facing `extensions` of an AppError. The switch fails to compile when a new code is not mapped. */
function extensionsOf(error: AppError): Record<string, unknown> {
  switch (error.code) {
    case ErrorCode.BAD_USER_INPUT:
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CONFLICT:
    case ErrorCode.TOO_MANY_REQUESTS:
    case ErrorCode.TOO_BUSY:
    case ErrorCode.WORK_LIMIT_EXCEEDED:
    case ErrorCode.UNAVAILABLE:
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return { ...error.details, code: error.code };
    default:
      return exhaustive(error.code);
  }
}

/**
 * Apollo `formatError`: the single place where an error becomes what a client sees.
 * Known errors keep their code and message; anything unexpected is logged and replaced by a generic
 * INTERNAL_SERVER_ERROR so that no stack trace, SQL text or driver message leaves the server.
 */
export function createGraphQLErrorFormatter(logger: ErrorLogger, exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // An AppError thrown by a plugin hook (the work limit) reaches us wrapped in a GraphQLError without a path.
    const original =
      unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
        ? unwrapped.originalError
        : unwrapped;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    const appError = original instanceof AppError ? original : fromDatabaseError(original);
    if (appError) {
      return { ...base, message: appError.message, extensions: extensionsOf(appError) };
    }

    // graphql-js and Apollo errors (parse, validation, variable coercion, armor limits) are client-safe by design.
    if (original instanceof GraphQLError) {
      const code = formatted.extensions?.['code'];
      return {
        ...base,
        extensions: { code: typeof code === 'string' && PROTOCOL_CODES.has(code) ? code : 'GRAPHQL_VALIDATION_FAILED' },
      };
    }

    logger.error({ err: original }, 'Unhandled error in GraphQL operation');
    return {
      ...base,
      message: exposeInternals && original instanceof Error ? original.message : 'Internal server error.',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
