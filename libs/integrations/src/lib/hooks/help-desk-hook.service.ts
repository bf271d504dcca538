import { UserService } from '@deskforce/identity';
import { Actor, AppError, AuditLog, ConnectionShape, Role, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DEFAULT_TOLERANCE_SECONDS, verifyZendeskSignature } from '../signing/webhook-signature';
import { HelpDeskHookModel, HelpDeskVendor } from './graphql/help-desk-hook.model';
import { CreateHelpDeskHookInput } from './graphql/help-desk-hook.input';
import { HelpDeskHookRepository, HelpDeskHookRow } from './help-desk-hook.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one answer to every refused signed delivery: it does not say which part was wrong. */
const REFUSED = 'The delivery is not signed by this hook (signature, timestamp or address wrong).';

function toModel(tenantId: string, row: HelpDeskHookRow): HelpDeskHookModel {
  return {
    id: row.id,
    vendor: row.vendor as HelpDeskVendor,
    name: row.name,
    path: `/hooks/${row.vendor.toLowerCase()}/${tenantId}/${row.id}`,
    createdAt: row.createdAt,
  };
}

/** What the audit log keeps of a hook: never its secret. */
const audited = (row: HelpDeskHookRow) => ({ id: row.id, vendor: row.vendor, name: row.name });

/**
 * Signed help-desk hooks: an admin stores a Zendesk webhook's signing secret; deliveries to the hook's
 * path are then authenticated by Zendesk's signature (docs/help-desk.md, "Signed hooks") and act for the
 * admin who stored it, with the DIRECTOR role (what feeding data needs, as an API token for hooks would).
 */
@Injectable()
export class HelpDeskHookService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly hooks: HelpDeskHookRepository,
    private readonly users: UserService,
    private readonly audit: AuditLog,
  ) {}

  create(actor: Actor, input: CreateHelpDeskHookInput): Promise<HelpDeskHookModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const row = await this.hooks.insert({
        id: randomUUID(),
        vendor: input.vendor,
        name: input.name.trim(),
        signingSecret: input.signingSecret,
        createdBy: actor.userId,
        at: new Date(),
      });
      await this.audit.record(actor, [
        { entityType: 'HELP_DESK_HOOK', entityId: row.id, action: 'CREATE', after: audited(row) },
      ]);
      return toModel(actor.tenantId, row);
    });
  }

  delete(actor: Actor, id: string): Promise<string> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.hooks.find(id, true);
      if (!before) throw AppError.notFound('Help-desk hook', id, 'input.id');
      await this.hooks.delete(id);
      await this.audit.record(actor, [
        { entityType: 'HELP_DESK_HOOK', entityId: id, action: 'DELETE', before: audited(before) },
      ]);
      return id;
    });
  }

  list(actor: Actor, first: number, after?: string): Promise<ConnectionShape<HelpDeskHookModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.hooks.page(first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => toModel(actor.tenantId, r),
      );
    });
  }

  /**
   * The actor of a Zendesk delivery to /hooks/zendesk/<tenant>/<hook>, when its signature verifies against
   * the hook's secret over the raw body and its timestamp is within DEFAULT_TOLERANCE_SECONDS of our clock;
   * otherwise UNAUTHENTICATED (401), before anything is read from the body or written.
   */
  async actorForZendesk(
    tenantId: string,
    hookId: string,
    headers: { signature: string | undefined; timestamp: string | undefined },
    rawBody: Buffer | undefined,
    nowMs = Date.now(),
  ): Promise<Actor> {
    if (!UUID.test(tenantId) || !UUID.test(hookId) || rawBody === undefined) throw AppError.unauthenticated(REFUSED);
    const hook = await this.db.transaction(tenantId, () => this.hooks.secretOf(hookId));
    if (!hook || hook.vendor !== 'ZENDESK') throw AppError.unauthenticated(REFUSED);
    const check = verifyZendeskSignature(hook.signingSecret, headers, rawBody, {
      nowMs,
      toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
    });
    if (!check.ok) throw AppError.unauthenticated(REFUSED);
    const provisional: Actor = { userId: hook.createdBy, tenantId, role: Role.DIRECTOR, email: '' };
    const [creator] = await this.users.byIds(provisional, [hook.createdBy]);
    if (!creator || !creator.active) throw AppError.unauthenticated(REFUSED);
    return { ...provisional, email: creator.email };
  }
}
