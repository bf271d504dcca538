import { GenerateSql, keysetPage, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export interface HelpDeskHookRow {
  id: string;
  vendor: 'ZENDESK';
  name: string;
  createdAt: Date;
  createdBy: string;
}

/** A hook with what a signed delivery needs: the secret, and its creator (whom the delivery acts for). */
export interface HelpDeskHookSecret {
  id: string;
  vendor: 'ZENDESK';
  signingSecret: string;
  createdBy: string;
}

const COLUMNS = sql`id, vendor, name, created_at AS "createdAt", created_by AS "createdBy"`;

/** The SQL of signed help-desk hooks; every statement names its tenant. Call inside a tenant transaction. */
@Injectable()
export class HelpDeskHookRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        vendor: 'ZENDESK',
        name: SAMPLE.TEXT,
        signingSecret: SAMPLE.HASH,
        createdBy: SAMPLE.UUID2,
        at: SAMPLE.NOW,
      },
    ],
    answers: [[{ id: SAMPLE.UUID }]],
  })
  async insert(row: {
    id: string;
    vendor: 'ZENDESK';
    name: string;
    signingSecret: string;
    createdBy: string;
    at: Date;
  }): Promise<HelpDeskHookRow> {
    return (await this.db.maybeOne<HelpDeskHookRow>(sql`
      INSERT INTO help_desk_hooks (tenant_id, id, vendor, name, signing_secret, created_at, created_by)
      VALUES (${this.db.tenantId}, ${row.id}, ${row.vendor}, ${row.name}, ${row.signingSecret}, ${row.at}, ${row.createdBy})
      RETURNING ${COLUMNS}`))!;
  }

  @GenerateSql({ name: 'read', params: [SAMPLE.UUID] }, { name: 'locked', params: [SAMPLE.UUID, true] })
  find(id: string, forUpdate = false): Promise<HelpDeskHookRow | undefined> {
    return this.db.maybeOne<HelpDeskHookRow>(
      sql`SELECT ${COLUMNS} FROM help_desk_hooks WHERE tenant_id = ${this.db.tenantId} AND id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  secretOf(id: string): Promise<HelpDeskHookSecret | undefined> {
    return this.db.maybeOne<HelpDeskHookSecret>(sql`
      SELECT id, vendor, signing_secret AS "signingSecret", created_by AS "createdBy"
        FROM help_desk_hooks WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`);
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async delete(id: string): Promise<void> {
    await this.db.execute(sql`DELETE FROM help_desk_hooks WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`);
  }

  @GenerateSql(
    { name: 'first page', params: [SAMPLE.FIRST] },
    { name: 'later page', params: [SAMPLE.FIRST, SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID)] },
  )
  page(first: number, after?: string) {
    return keysetPage<HelpDeskHookRow>(this.db, {
      columns: COLUMNS,
      from: sql`help_desk_hooks`,
      where: sql`tenant_id = ${this.db.tenantId}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      first,
      after,
    });
  }
}
