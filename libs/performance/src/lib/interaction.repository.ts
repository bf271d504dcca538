import { Channel, TenantDatabase } from '@deskforce/platform';
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
  async page(query: InteractionQuery, first: number, after?: { createdAt: string; id: string }): Promise<{ rows: InteractionRow[]; totalCount: number }> {
    const params: unknown[] = [this.db.tenantId, query.from, query.to, query.teamIds, query.agentIds ?? null, query.channels ?? null, query.categories ?? null];
    const where = `i.tenant_id = $1 AND i.created_at >= $2 AND i.created_at < $3
      AND ($4::uuid[] IS NULL OR i.team_id = ANY($4::uuid[]))
      AND ($5::uuid[] IS NULL OR i.agent_id = ANY($5::uuid[]))
      AND ($6::text[] IS NULL OR i.channel = ANY($6::text[]))
      AND ($7::text[] IS NULL OR i.category = ANY($7::text[]))`;
    const [{ count }] = (await this.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM interactions i WHERE ${where}`, params)) as [{ count: number }];
    let keyset = '';
    if (after) {
      params.push(after.createdAt, after.id);
      keyset = `AND (i.created_at, i.id) < ($8::timestamptz, $9::bigint)`;
    }
    params.push(first + 1);
    const rows = await this.db.query<InteractionRow>(
      `SELECT i.id::text AS id, i.source, i.external_id AS "externalId", i.channel, i.team_id AS "teamId", i.agent_id AS "agentId", i.category,
              i.status, i.customer_ref AS "customerRef", i.created_at AS "createdAt", i.first_response_at AS "firstResponseAt",
              i.resolved_at AS "resolvedAt", round(i.first_response_ms / 1000.0)::int AS "firstResponseSeconds",
              round(i.resolution_ms / 1000.0)::int AS "resolutionSeconds", i.handle_time_s AS "handleTimeSeconds",
              round(i.wait_ms / 1000.0)::int AS "waitSeconds", i.abandoned_at IS NOT NULL AS abandoned, i.escalated_to AS "escalatedTo",
              i.reopen_count AS "reopenCount", i.complaint, s.csat
         FROM interactions i
         LEFT JOIN LATERAL (
           SELECT sr.csat FROM survey_responses sr
            WHERE sr.tenant_id = $1 AND sr.interaction_id = i.id AND sr.csat IS NOT NULL
            ORDER BY sr.responded_at DESC LIMIT 1
         ) s ON true
        WHERE ${where} ${keyset}
        ORDER BY i.created_at DESC, i.id DESC
        LIMIT $${params.length}`,
      params,
    );
    return { rows, totalCount: count };
  }
}
