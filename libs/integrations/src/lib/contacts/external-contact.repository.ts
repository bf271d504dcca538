import { chunks, GenerateSql, join, rowsPerStatement, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { NormalisedContact } from '../connectors/contact';

/** A stored ticket: the vendor's update time (its version) and the contact as last normalised. */
export interface StoredContact {
  externalId: string;
  externalUpdatedAt: Date;
  contact: NormalisedContact;
}

/** Only the repository touches external_contacts; every statement names its tenant. */
@Injectable()
export class ExternalContactRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** The stored tickets of one source among `externalIds` (one statement); `lock` holds them to the end of the transaction. */
  @GenerateSql({ params: ['zendesk', ['101', '102']] }, { name: 'locked', params: ['zendesk', ['101', '102'], true] })
  async find(source: string, externalIds: readonly string[], lock = false): Promise<Map<string, StoredContact>> {
    if (externalIds.length === 0) return new Map();
    const rows = await this.db.many<StoredContact>(
      sql`SELECT external_id AS "externalId", external_updated_at AS "externalUpdatedAt", contact FROM external_contacts
           WHERE tenant_id = ${this.db.tenantId} AND source = ${source} AND external_id = ANY(${externalIds}::text[])
           ${lock ? sql`FOR UPDATE` : sql``}`,
    );
    return new Map(rows.map((r) => [r.externalId, r]));
  }

  /**
   * Holds the given tickets to the end of the transaction, in one key order (so two requests never wait on
   * each other crosswise): deliveries of one new ticket arriving at once fold one after the other instead
   * of both starting from nothing. Rows cannot be locked before they exist, hence advisory locks.
   */
  @GenerateSql({ params: ['zendesk', ['102', '101']] })
  async lock(source: string, externalIds: readonly string[]): Promise<void> {
    if (externalIds.length === 0) return;
    const keys = [...new Set(externalIds)].map((id) => `${this.db.tenantId}/${source}/${id}`).sort();
    await this.db.execute(
      sql`SELECT pg_advisory_xact_lock(804503, hashtext(k.key)) FROM (SELECT unnest(${keys}::text[]) AS key ORDER BY 1) k`,
    );
  }

  /** Stores contacts (multi-row VALUES); a stored version newer than the one written is kept. */
  @GenerateSql({
    params: [
      [
        { source: 'zendesk', externalId: '101', externalUpdatedAt: '2026-01-05T07:00:00.000Z', channel: 'EMAIL' },
        { source: 'zendesk', externalId: '102', externalUpdatedAt: '2026-01-05T07:30:00.000Z', channel: 'CHAT' },
      ],
      SAMPLE.NOW,
    ],
  })
  async store(contacts: readonly NormalisedContact[], now: Date): Promise<void> {
    const tenantId = this.db.tenantId;
    // One row per ticket and statement (ON CONFLICT cannot touch a row twice): the latest version wins.
    const latest = new Map<string, NormalisedContact>();
    for (const c of contacts) {
      const key = `${c.source}\u0000${c.externalId}`;
      const seen = latest.get(key);
      if (!seen || Date.parse(seen.externalUpdatedAt) <= Date.parse(c.externalUpdatedAt)) latest.set(key, c);
    }
    for (const part of chunks([...latest.values()], rowsPerStatement(6))) {
      const rows = part.map(
        (c) =>
          sql`(${tenantId}::uuid, ${c.source}, ${c.externalId}, ${c.externalUpdatedAt}::timestamptz, ${JSON.stringify(c)}::jsonb, ${now}::timestamptz)`,
      );
      await this.db.execute(
        sql`INSERT INTO external_contacts AS x (tenant_id, source, external_id, external_updated_at, contact, updated_at) VALUES ${join(rows)}
            ON CONFLICT (tenant_id, source, external_id) DO UPDATE
               SET external_updated_at = EXCLUDED.external_updated_at, contact = EXCLUDED.contact, updated_at = EXCLUDED.updated_at
             WHERE x.external_updated_at <= EXCLUDED.external_updated_at`,
      );
    }
  }
}
