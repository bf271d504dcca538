import { CanActivate, ExecutionContext, Inject, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { Actor } from './actor';
import { PERMISSIONS, PermissionTable } from './permissions';
import { CredentialVerifier } from './credential-verifier';
import { HTTP_OPERATION } from './http-operation';
import { AuthenticatedRequest, RequestContext } from './request-context';

const PUBLIC_ROUTE = 'deskforce:public-route';
/** Marks an HTTP route (not a GraphQL operation) as reachable without a token, e.g. /health. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

function bearerToken(req: AuthenticatedRequest): string | undefined {
  const header = req.headers?.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw AppError.unauthenticated('Send the access token as "Authorization: Bearer <token>".');
  }
  return token;
}

/**
 * The global guard. Every GraphQL root field is looked up in the permission table: PUBLIC, or the roles
 * allowed. A field with no entry is refused: nothing is open by accident. The credential is checked once
 * per request (every root field of it shares the answer): signature, then session, user and role still valid.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly credentials: CredentialVerifier,
    private readonly reflector: Reflector,
    @Inject(PERMISSIONS) private readonly permissions: PermissionTable,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') {
      if (this.reflector.get<boolean>(PUBLIC_ROUTE, context.getHandler())) return true;
      const operation = this.reflector.get<string | undefined>(HTTP_OPERATION, context.getHandler());
      if (operation === undefined) throw AppError.forbidden();
      return this.allow(operation, context.switchToHttp().getRequest<AuthenticatedRequest>(), operation);
    }
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    return this.allow(
      `${info.parentType.name}.${info.fieldName}`,
      gql.getContext<RequestContext>().req,
      info.fieldName,
    );
  }

  /** The permission of `operation` for this request's credential; `name` is what a refusal calls it. */
  private async allow(operation: string, req: AuthenticatedRequest, name: string): Promise<boolean> {
    const permission = this.permissions[operation];
    if (permission === undefined) {
      this.logger.error(`Operation ${operation} has no entry in the permission table; refusing it.`);
      throw AppError.forbidden();
    }
    if (req.actorCheck === undefined) {
      const token = bearerToken(req);
      req.actorCheck = token ? this.credentials.actorFor(token) : Promise.resolve(undefined);
    }
    const actor: Actor | undefined = await req.actorCheck;
    if (actor) req.actor = actor;
    if (permission === 'PUBLIC') return true;
    if (!actor) throw AppError.unauthenticated();
    if (!permission.includes(actor.role)) {
      throw new AppError(ErrorCode.FORBIDDEN, `The ${actor.role} role may not call ${name}.`, { operation });
    }
    return true;
  }
}
