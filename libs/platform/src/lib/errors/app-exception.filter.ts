import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error';
import { fromDatabaseError } from './database-errors';
import { ErrorCode } from './error-codes';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.TOO_BUSY]: 503,
  [ErrorCode.WORK_LIMIT_EXCEEDED]: 400,
  [ErrorCode.UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * GraphQL errors go on untouched to Apollo's formatError (createGraphQLErrorFormatter), which logs the
 * unexpected ones; Nest's default handler would log every refusal as an error. Plain HTTP routes
 * (/health, the CSV exports) answer in the same error shape, details (the fields at fault) included.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return undefined;
    }
    const appError = exception instanceof AppError ? exception : fromDatabaseError(exception);
    if (!appError) this.logger.error(exception);
    const code = appError?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
    response.status(HTTP_STATUS[code]).json({
      errors: [
        {
          message: appError?.message ?? 'Internal server error.',
          extensions: { ...(appError?.details ?? {}), code },
        },
      ],
    });
    return undefined;
  }
}
