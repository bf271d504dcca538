import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError } from '../errors/app-error';
import { Actor } from './actor';
import { RequestContext } from './request-context';

/** The signed-in caller of a guarded operation. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = GqlExecutionContext.create(context).getContext<RequestContext>().actor;
  if (!actor) throw AppError.unauthenticated();
  return actor;
});

/** The GraphQL request context (for DataLoaders). */
export const GqlContext = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext =>
  GqlExecutionContext.create(context).getContext<RequestContext>(),
);
