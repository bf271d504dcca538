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
import type { Request } from 'express';
import { AuthenticatedRequest, Credentials, RequestContext } from './request-context';

const PUBLIC_ROUTE = 'deskforce:public-route';
/** Marks an HTTP route (not a GraphQL operation) as reachable without a token, e.g. /health. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

function bearerToken(req: Request): string | undefined {
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

  // Not async: it hands on the promise of `allow` (Nest awaits whatever a guard returns).
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType<string>() !== 'graphql') {
      if (this.reflector.get<boolean>(PUBLIC_ROUTE, context.getHandler())) return true;
      const operation = this.reflector.get<string | undefined>(HTTP_OPERATION, context.getHandler());
      if (operation === undefined) throw AppError.forbidden();
      const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
      return this.allow(operation, req, req, operation);
    }
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const graphqlContext = gql.getContext<RequestContext>();
    return this.allow(`${info.parentType.name}.${info.fieldName}`, graphqlContext.req, graphqlContext, info.fieldName);
  }

  /**
   * The permission of `operation` for the credential of `req`, checked once and kept in `credentials`;
   * `name` is what a refusal calls it.
   */
  private async allow(operation: string, req: Request, credentials: Credentials, name: string): Promise<boolean> {
    const permission = this.permissions[operation];
    if (permission === undefined) {
      this.logger.error(`Operation ${operation} has no entry in the permission table; refusing it.`);
      throw AppError.forbidden();
    }
    if (credentials.actorCheck === undefined) {
      const token = bearerToken(req);
      credentials.actorCheck = token ? this.credentials.actorFor(token) : Promise.resolve(undefined);
    }
    const actor: Actor | undefined = await credentials.actorCheck;
    if (actor) credentials.actor = actor;
    if (permission === 'PUBLIC') return true;
    if (!actor) throw AppError.unauthenticated();
    if (!permission.includes(actor.role)) {
      throw new AppError(ErrorCode.FORBIDDEN, `The ${actor.role} role may not call ${name}.`, { operation });
    }
    return true;
  }
}
