import { CredentialService } from '@deskforce/identity';
import { Actor, AppError, PublicRoute, Role } from '@deskforce/platform';
import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ZENDESK_SIGNATURE_HEADER, ZENDESK_TIMESTAMP_HEADER } from '../signing/webhook-signature';
import { HelpDeskHookService } from './help-desk-hook.service';
import { HelpDeskHooksService, HookAnswer } from './help-desk-hooks.service';

/** Who may send help-desk data: the roles that may call the ingest mutations. */
const FEEDERS: readonly Role[] = [Role.ADMIN, Role.DIRECTOR];

/**
 * The help desks' webhooks. Not GraphQL, so the global guard lets them through only as public routes; each
 * checks the bearer credential itself, with the same verification as GraphQL (sessions and API tokens),
 * before anything else. Answers 200 with what happened to each delivery, 400 naming the field of a
 * malformed body, 401 without a valid token, 403 for a role that may not feed data.
 */
@Controller('hooks')
export class HelpDeskHooksController {
  constructor(
    private readonly credentials: CredentialService,
    private readonly hooks: HelpDeskHooksService,
    private readonly signed: HelpDeskHookService,
  ) {}

  @PublicRoute()
  @Post('zendesk')
  @HttpCode(200)
  async zendesk(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
  ): Promise<HookAnswer> {
    return this.hooks.zendesk(await this.actorOf(authorization), body);
  }

  /**
   * A Zendesk webhook authenticated by Zendesk's own signature instead of a token: the path names the tenant
   * and the hook whose signing secret verifies it (createHelpDeskHook), over the raw body as received.
   */
  @PublicRoute()
  @Post('zendesk/:tenantId/:hookId')
  @HttpCode(200)
  async zendeskSigned(
    @Param('tenantId') tenantId: string,
    @Param('hookId') hookId: string,
    @Headers(ZENDESK_SIGNATURE_HEADER) signature: string | undefined,
    @Headers(ZENDESK_TIMESTAMP_HEADER) timestamp: string | undefined,
    @Req() request: Request & { rawBody?: Buffer },
    @Body() body: unknown,
  ): Promise<HookAnswer> {
    const actor = await this.signed.actorForZendesk(tenantId, hookId, { signature, timestamp }, request.rawBody);
    return this.hooks.zendesk(actor, body);
  }

  @PublicRoute()
  @Post('freshdesk')
  @HttpCode(200)
  async freshdesk(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
  ): Promise<HookAnswer> {
    return this.hooks.freshdesk(await this.actorOf(authorization), body);
  }

  private async actorOf(authorization: string | undefined): Promise<Actor> {
    const [scheme, token] = (authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw AppError.unauthenticated('Send an API token as "Authorization: Bearer <token>".');
    const actor = await this.credentials.actorFor(token);
    if (!FEEDERS.includes(actor.role))
      throw new AppError(AppError.forbidden().code, `The ${actor.role} role may not send help-desk data.`);
    return actor;
  }
}
