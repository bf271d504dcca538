import { and, GenerateSql, keysetPage, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export type ExternalIdentityKind = 'AGENT' | 'TEAM';

/** A row of external_identities. */
export interface ExternalIdentityRow {
  kind: ExternalIdentityKind;
  externalRef: string;
  source: string;
  entityId: string;
  createdAt: Date;
}

/** What a batch's references resolve to: mapped references (by kind) and agents found by their own email. */
export interface ResolvedIdentities {
  agents: Map<string, string>;
  teams: Map<string, string>;
  /** Lower-case email → agent id, from the agents' own emails. */
  agentEmails: Map<string, string>;
}

const COLUMNS = sql`kind, external_ref AS "externalRef", source, entity_id AS "entityId", created_at AS "createdAt"`;

/** Only the repository touches external_identities; every statement names its tenant. */
@Injectable()
export class ExternalIdentityRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({ params: ['AGENT', 'zd-42'] })
  async find(kind: ExternalIdentityKind, externalRef: string): Promise<ExternalIdentityRow | null> {
    return (
      (await this.db.maybeOne<ExternalIdentityRow>(
        sql`SELECT ${COLUMNS} FROM external_identities WHERE tenant_id = ${this.db.tenantId} AND kind = ${kind} AND external_ref = ${externalRef}`,
      )) ?? null
    );
  }

  /** Inserts or re-points a mapping; answers the row as it is now. */
  @GenerateSql({
    params: [{ kind: 'AGENT', externalRef: 'zd-42', source: 'zendesk', entityId: SAMPLE.UUID }, SAMPLE.NOW],
  })
  async upsert(row: Omit<ExternalIdentityRow, 'createdAt'>, now: Date): Promise<ExternalIdentityRow> {
    const [written] = await this.db.many<ExternalIdentityRow>(
      sql`INSERT INTO external_identities (tenant_id, kind, external_ref, source, entity_id, created_at)
          VALUES (${this.db.tenantId}, ${row.kind}, ${row.externalRef}, ${row.source}, ${row.entityId}::uuid, ${now}::timestamptz)
          ON CONFLICT (tenant_id, kind, external_ref) DO UPDATE SET entity_id = EXCLUDED.entity_id, created_at = EXCLUDED.created_at
          RETURNING ${COLUMNS}`,
    );
    return written!;
  }

  @GenerateSql({ params: ['TEAM', 'zd-group-7'] })
  async remove(kind: ExternalIdentityKind, externalRef: string): Promise<ExternalIdentityRow | null> {
    return (
      (await this.db.maybeOne<ExternalIdentityRow>(
        sql`DELETE FROM external_identities WHERE tenant_id = ${this.db.tenantId} AND kind = ${kind} AND external_ref = ${externalRef} RETURNING ${COLUMNS}`,
      )) ?? null
    );
  }

  /** Ordered by reference. */
  @GenerateSql(
    { name: 'first page, no filter', params: [undefined, undefined, SAMPLE.FIRST] },
    { name: 'later page, every filter', params: ['AGENT', 'zendesk', SAMPLE.FIRST, SAMPLE.cursor('zd-42', 'AGENT')] },
  )
  page(
    kind: ExternalIdentityKind | undefined,
    source: string | undefined,
    first: number,
    after?: string,
  ): Promise<{ rows: ExternalIdentityRow[]; totalCount: number }> {
    return keysetPage<ExternalIdentityRow>(this.db, {
      columns: COLUMNS,
      from: sql`external_identities`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(kind !== undefined && sql`kind = ${kind}`, source !== undefined && sql`source = ${source}`)}`,
      keys: [
        { column: 'external_ref', type: 'text' },
        { column: 'kind', type: 'text' },
      ],
      first,
      after,
    });
  }

  /** One statement per batch: the mappings of the references named (agents' own emails are the people library's). */
  @GenerateSql({ params: [['zd-42'], ['zd-group-7']] })
  async resolve(
    agentRefs: readonly string[],
    teamRefs: readonly string[],
  ): Promise<Omit<ResolvedIdentities, 'agentEmails'>> {
    const rows = await this.db.many<{ via: 'AGENT' | 'TEAM'; key: string; id: string }>(
      sql`SELECT e.kind AS via, e.external_ref AS key, e.entity_id AS id FROM external_identities e
           WHERE e.tenant_id = ${this.db.tenantId}
             AND ((e.kind = 'AGENT' AND e.external_ref = ANY(${agentRefs}::text[])) OR (e.kind = 'TEAM' AND e.external_ref = ANY(${teamRefs}::text[])))`,
    );
    const resolved = { agents: new Map<string, string>(), teams: new Map<string, string>() };
    for (const r of rows) (r.via === 'AGENT' ? resolved.agents : resolved.teams).set(r.key, r.id);
    return resolved;
  }
}
