import { IngestService } from '@deskforce/performance';
import { Actor, TenantDatabase } from '@deskforce/platform';
import { BadRequestException, Injectable } from '@nestjs/common';
import { ConnectorInputError, NormalisedContact } from '../connectors/contact';
import { mapFreshdeskTickets } from '../connectors/freshdesk';
import { applyContactPatch, ContactPatch, isContactRejection, mapZendeskWebhook } from '../connectors/zendesk-webhook';
import { HelpDeskContactsService, PreparedContacts } from '../contacts/help-desk-contacts.service';

export type HookOutcome = 'inserted' | 'updated' | 'unchanged' | 'accepted' | 'ignored' | 'rejected';

/** What happened to one delivery (or one ticket of a list). */
export interface HookResult {
  index: number;
  ticketId: string | null;
  /** inserted, updated or unchanged for a delivery of one ticket; accepted (written) for a list; ignored; rejected. */
  outcome: HookOutcome;
  field?: string;
  reason?: string;
}

/** The answer of a webhook endpoint: the totals of the ingest, and each delivery's outcome. */
export interface HookAnswer {
  inserted: number;
  updated: number;
  unchanged: number;
  ignored: number;
  rejected: number;
  results: HookResult[];
}

/** At most this many deliveries or tickets in one request (a list is our extension, for backfills). */
export const MAX_HOOK_ITEMS = 1000;

/** A 400 answer naming the field, in the API's error shape. */
function malformed(field: string, message: string): BadRequestException {
  return new BadRequestException({
    errors: [
      {
        message: `Invalid input. ${field ? `${field}: ` : ''}${message}`,
        extensions: { code: 'BAD_USER_INPUT', field },
      },
    ],
  });
}

const listOf = (body: unknown): unknown[] => (Array.isArray(body) ? body : [body]);

/**
 * POST /hooks/zendesk and /hooks/freshdesk: deliveries become contacts exactly as an import's tickets do
 * (HelpDeskContactsService), then go through the GraphQL ingest, in one tenant transaction per request.
 * Idempotent on the ticket and its update time: a repeated Zendesk delivery folds in to the same ticket,
 * an older Freshdesk ticket than the one stored changes nothing.
 */
@Injectable()
export class HelpDeskHooksService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly contacts: HelpDeskContactsService,
    private readonly ingest: IngestService,
  ) {}

  /** Zendesk event-subscription deliveries (`zen:event-type:ticket.*`): one, or a list of them in order. */
  zendesk(actor: Actor, body: unknown): Promise<HookAnswer> {
    const deliveries = listOf(body);
    this.checkSize(deliveries.length);
    const single = !Array.isArray(body);
    const results: HookResult[] = [];
    const patches: { index: number; patch: ContactPatch }[] = [];
    deliveries.forEach((delivery, index) => {
      const mapped = mapZendeskWebhook(delivery);
      if (mapped.kind === 'patch') patches.push({ index, patch: mapped.patch });
      else if (mapped.kind === 'ignored')
        results[index] = { index, ticketId: mapped.externalId, outcome: 'ignored', reason: mapped.reason };
      else {
        const field = single ? mapped.rejection.field : `${index}.${mapped.rejection.field}`.replace(/\.$/, '');
        if (single) throw malformed(field, mapped.rejection.message);
        results[index] = {
          index,
          ticketId: mapped.rejection.vendorId,
          outcome: 'rejected',
          field,
          reason: mapped.rejection.message,
        };
      }
    });
    if (patches.length === 0) return Promise.resolve(this.answer(results, { inserted: 0, updated: 0, unchanged: 0 }));
    return this.db.transaction(actor.tenantId, async () => {
      const source = 'zendesk';
      const tickets = await this.contacts.stored(source, [...new Set(patches.map((p) => p.patch.externalId))]);
      const changed = new Map<string, NormalisedContact>();
      const deliveriesOf = new Map<string, number[]>();
      for (const { index, patch } of patches) {
        const folded = applyContactPatch(tickets.get(patch.externalId) ?? null, patch);
        if (isContactRejection(folded)) {
          results[index] = {
            index,
            ticketId: patch.externalId,
            outcome: 'rejected',
            field: folded.field,
            reason: folded.message,
          };
          continue;
        }
        tickets.set(patch.externalId, folded);
        changed.set(patch.externalId, folded);
        deliveriesOf.set(patch.externalId, [...(deliveriesOf.get(patch.externalId) ?? []), index]);
      }
      return this.write(actor, [...changed.values()], deliveriesOf, results, patches.length === 1 && single);
    });
  }

  /** Freshdesk tickets in the tickets API's shape (with `stats`): one ticket, a list, or `{ tickets: [...] }`. */
  freshdesk(actor: Actor, body: unknown): Promise<HookAnswer> {
    const single = !Array.isArray(body) && !(typeof body === 'object' && body !== null && 'tickets' in body);
    let mapped: ReturnType<typeof mapFreshdeskTickets>;
    try {
      const list = single ? [body] : body;
      if (Array.isArray(list)) this.checkSize(list.length);
      mapped = mapFreshdeskTickets(list);
    } catch (error) {
      if (error instanceof ConnectorInputError)
        throw malformed(error.field, error.message.slice(error.field.length + 2));
      throw error;
    }
    if (single && mapped.rejected.length > 0)
      throw malformed(mapped.rejected[0]!.field.replace(/^0\.?/, ''), mapped.rejected[0]!.message);
    this.checkSize(mapped.contacts.length + mapped.rejected.length);
    const results: HookResult[] = [];
    for (const r of mapped.rejected)
      results[r.index] = {
        index: r.index,
        ticketId: r.vendorId,
        outcome: 'rejected',
        field: r.field,
        reason: r.message,
      };
    // The connector keeps the list's order; the contacts fill the positions not rejected.
    const deliveriesOf = new Map<string, number[]>();
    let c = 0;
    for (let index = 0; c < mapped.contacts.length; index++) {
      if (results[index]) continue;
      const id = mapped.contacts[c++]!.externalId;
      deliveriesOf.set(id, [...(deliveriesOf.get(id) ?? []), index]);
    }
    if (mapped.contacts.length === 0)
      return Promise.resolve(this.answer(results, { inserted: 0, updated: 0, unchanged: 0 }));
    return this.db.transaction(actor.tenantId, () => this.write(actor, mapped.contacts, deliveriesOf, results, single));
  }

  private checkSize(n: number): void {
    if (n === 0) throw malformed('', 'the body holds no delivery');
    if (n > MAX_HOOK_ITEMS) throw malformed('', `at most ${MAX_HOOK_ITEMS} deliveries or tickets in one request`);
  }

  /** In the open transaction: prepares the tickets, ingests them (and the answers they carry) and fills each delivery's outcome. */
  private async write(
    actor: Actor,
    tickets: NormalisedContact[],
    deliveriesOf: Map<string, number[]>,
    results: HookResult[],
    one: boolean,
  ): Promise<HookAnswer> {
    const prepared: PreparedContacts = await this.contacts.prepare(tickets.map((value, idx) => ({ idx, value })));
    const outcome = (idx: number, result: Omit<HookResult, 'index' | 'ticketId'>) => {
      const id = tickets[idx]!.externalId;
      for (const index of deliveriesOf.get(id) ?? []) results[index] = { index, ticketId: id, ...result };
    };
    for (const idx of prepared.stale)
      outcome(idx, { outcome: 'unchanged', reason: 'older than the version already received' });
    for (const r of prepared.rejected) outcome(r.idx, { outcome: 'rejected', field: r.field, reason: r.message });
    const rows = prepared.interactions;
    const written =
      rows.length > 0
        ? await this.ingest.ingest(
            actor,
            'interactions',
            rows.map((r) => r.fields),
          )
        : { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
    const refused = new Map(written.rejected.map((r) => [r.index, r]));
    rows.forEach((row, k) => {
      const r = refused.get(k);
      if (r) outcome(row.idx, { outcome: 'rejected', field: r.field, reason: r.message });
      else
        outcome(row.idx, {
          outcome: one
            ? written.inserted > 0
              ? 'inserted'
              : written.updated > 0
                ? 'updated'
                : 'unchanged'
            : 'accepted',
        });
    });
    if (prepared.surveys.length > 0)
      await this.ingest.ingest(
        actor,
        'surveys',
        prepared.surveys.map((s) => s.fields),
      );
    return this.answer(results, {
      inserted: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged + prepared.stale.length,
    });
  }

  private answer(results: HookResult[], counts: { inserted: number; updated: number; unchanged: number }): HookAnswer {
    const dense = results.filter((r): r is HookResult => r !== undefined);
    return {
      ...counts,
      ignored: dense.filter((r) => r.outcome === 'ignored').length,
      rejected: dense.filter((r) => r.outcome === 'rejected').length,
      results: dense,
    };
  }
}
