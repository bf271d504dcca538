import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { Actor } from './actor';
import { AuthenticatedRequest } from './request-context';

export const HTTP_OPERATION = 'deskforce:http-operation';

/**
 * Marks a plain HTTP route (a CSV export, say) as answering the same question as a GraphQL root field:
 * the global guard checks the Bearer token exactly as for GraphQL and allows the roles that the permission
 * table gives that field (`Query.kpis`), so the two doors can never differ.
 */
export const HttpOperation = (operation: string) => SetMetadata(HTTP_OPERATION, operation);

/** The signed-in caller of a route marked with HttpOperation. */
export const HttpActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw AppError.unauthenticated();
  return actor;
});
