import { and, Channel, GenerateSql, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export interface InteractionRow {
  id: string;
  source: string;
  externalId: string;
  channel: Channel;
  teamId: string;
  agentId: string | null;
  category: string | null;
  status: string;
  customerRef: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  firstResponseBusinessSeconds: number | null;
  resolutionBusinessSeconds: number | null;
  handleTimeSeconds: number | null;
  waitSeconds: number | null;
  abandoned: boolean;
  escalatedTo: string | null;
  reopenCount: number;
  complaint: boolean;
  csat: number | null;
}

export interface InteractionQuery {
  from: Date;
  to: Date;
  /** null: every team. */
  teamIds: readonly string[] | null;
  agentIds?: readonly string[];
  channels?: readonly string[];
  categories?: readonly string[];
}

/**
 * The contacts behind a KPI figure, newest first, keyset-paged on (created_at, id). The slice is the KPI
 * engine's (creation time in [from, to), teams, agents, channels, categories), so the list and the figure
 * agree; the covering indexes on (tenant, team, created_at) serve it.
 */
@Injectable()
export class InteractionRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** `after`: the (created_at, id) of the last row of the previous page. */
  @GenerateSql(
    { name: 'first page, every team', params: [{ from: SAMPLE.FROM, to: SAMPLE.TO, teamIds: null }, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [
        {
          from: SAMPLE.FROM,
          to: SAMPLE.TO,
          teamIds: [SAMPLE.UUID],
          agentIds: [SAMPLE.UUID2],
          channels: ['CHAT'],
          categories: ['billing'],
        },
        SAMPLE.FIRST,
        { createdAt: SAMPLE.NOW.toISOString(), id: '1042' },
      ],
    },
  )
  async page(
    query: InteractionQuery,
    first: number,
    after?: { createdAt: string; id: string },
  ): Promise<{ rows: InteractionRow[]; totalCount: number }> {
    const tenantId = this.db.tenantId;
    const where = sql`i.tenant_id = ${tenantId} AND i.created_at >= ${query.from} AND i.created_at < ${query.to} ${and(
      query.teamIds != null && sql`i.team_id = ANY(${query.teamIds}::uuid[])`,
      query.agentIds != null && sql`i.agent_id = ANY(${query.agentIds}::uuid[])`,
      query.channels != null && sql`i.channel = ANY(${query.channels}::text[])`,
      query.categories != null && sql`i.category = ANY(${query.categories}::text[])`,
    )}`;
    const [{ count }] = (await this.db.many<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM interactions i WHERE ${where}`,
    )) as [{ count: number }];
    // The latest CSAT of each listed contact: a correlated look-up per row of the page (the survey index holds csat).
    const rows = await this.db.many<InteractionRow>(
      sql`SELECT i.id::text AS id, i.source, i.external_id AS "externalId", i.channel, i.team_id AS "teamId", i.agent_id AS "agentId", i.category,
                 i.status, i.customer_ref AS "customerRef", i.created_at AS "createdAt", i.first_response_at AS "firstResponseAt",
                 i.resolved_at AS "resolvedAt", round(i.first_response_ms / 1000.0)::int AS "firstResponseSeconds",
                 round(i.resolution_ms / 1000.0)::int AS "resolutionSeconds",
                 round(coalesce(i.first_response_business_ms, i.first_response_ms) / 1000.0)::int AS "firstResponseBusinessSeconds",
                 round(coalesce(i.resolution_business_ms, i.resolution_ms) / 1000.0)::int AS "resolutionBusinessSeconds",
                 i.handle_time_s AS "handleTimeSeconds",
                 round(i.wait_ms / 1000.0)::int AS "waitSeconds", i.abandoned_at IS NOT NULL AS abandoned, i.escalated_to AS "escalatedTo",
                 i.reopen_count AS "reopenCount", i.complaint,
                 (SELECT sr.csat FROM survey_responses sr
                   WHERE sr.tenant_id = i.tenant_id AND sr.interaction_id = i.id AND sr.csat IS NOT NULL
                   ORDER BY sr.responded_at DESC LIMIT 1) AS csat
            FROM interactions i
           WHERE ${where} ${and(after !== undefined && sql`(i.created_at, i.id) < (${after?.createdAt}::timestamptz, ${after?.id}::bigint)`)}
           ORDER BY i.created_at DESC, i.id DESC
           LIMIT ${first + 1}`,
    );
    return { rows, totalCount: count };
  }
}
