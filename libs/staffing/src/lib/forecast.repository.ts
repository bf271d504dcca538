import { Channel, GenerateSql, join, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

/** One stored quarter hour of forecast. */
export interface StoredForecastRow {
  startsAt: Date;
  contacts: number;
  ahtSeconds: number;
  source: 'UPLOAD' | 'OVERRIDE';
}

/** Rows per INSERT: 8 parameters each, well under PostgreSQL's 65,535 (two weeks of quarter hours is 1,344 rows). */
const UPSERT_CHUNK = 1000;

/** SQL for uploaded and overridden forecast values (staffing_forecast_intervals, one row per quarter hour). */
@Injectable()
export class ForecastRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Stored quarter hours of the team's channel in [from, to), by start. */
  @GenerateSql({ params: [SAMPLE.UUID, 'PHONE', SAMPLE.FROM, SAMPLE.TO] })
  rows(teamId: string, channel: Channel, from: Date, to: Date): Promise<StoredForecastRow[]> {
    return this.db.many<StoredForecastRow>(
      sql`SELECT starts_at AS "startsAt", contacts, aht_seconds AS "ahtSeconds", source
            FROM staffing_forecast_intervals
           WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId} AND channel = ${channel} AND starts_at >= ${from} AND starts_at < ${to}
           ORDER BY starts_at`,
    );
  }

  /** Removes the stored quarter hours that start in any of the spans; returns how many went. */
  @GenerateSql({
    name: 'two spans apart',
    params: [
      SAMPLE.UUID,
      'PHONE',
      [
        { from: SAMPLE.FROM, to: new Date('2026-01-06T00:00:00.000Z') },
        { from: new Date('2026-01-07T00:00:00.000Z'), to: SAMPLE.TO },
      ],
    ],
  })
  async deleteSpans(teamId: string, channel: Channel, spans: readonly { from: Date; to: Date }[]): Promise<number> {
    if (spans.length === 0) return 0;
    const inSpans = join(
      mergeSpans(spans).map((s) => sql`(starts_at >= ${s.from} AND starts_at < ${s.to})`),
      ' OR ',
    );
    const row = await this.db.maybeOne<{ n: number }>(
      sql`WITH gone AS (
            DELETE FROM staffing_forecast_intervals
             WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId} AND channel = ${channel} AND (${inSpans})
            RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    );
    return row?.n ?? 0;
  }

  /** Inserts or replaces quarter hours (multi-row VALUES, in chunks). */
  @GenerateSql({
    name: 'one chunk of two rows',
    params: [
      SAMPLE.UUID,
      'PHONE',
      [
        { startsAt: SAMPLE.FROM, contacts: 12, ahtSeconds: 300 },
        { startsAt: new Date('2026-01-05T00:15:00.000Z'), contacts: 9.5, ahtSeconds: 280 },
      ],
      'UPLOAD',
      SAMPLE.UUID2,
    ],
  })
  async upsert(
    teamId: string,
    channel: Channel,
    rows: readonly Omit<StoredForecastRow, 'source'>[],
    source: StoredForecastRow['source'],
    userId: string,
  ): Promise<void> {
    const tenantId = this.db.tenantId;
    const now = new Date();
    for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
      const values = rows
        .slice(start, start + UPSERT_CHUNK)
        .map(
          (r) =>
            sql`(${tenantId}, ${teamId}::uuid, ${channel}, ${r.startsAt}::timestamptz, ${r.contacts}::float8, ${r.ahtSeconds}::float8, ${source}, ${userId}::uuid)`,
        );
      await this.db.execute(
        sql`INSERT INTO staffing_forecast_intervals (tenant_id, team_id, channel, starts_at, contacts, aht_seconds, source, updated_by)
            VALUES ${join(values)}
            ON CONFLICT (tenant_id, team_id, channel, starts_at) DO UPDATE
              SET contacts = EXCLUDED.contacts, aht_seconds = EXCLUDED.aht_seconds, source = EXCLUDED.source,
                  updated_by = EXCLUDED.updated_by, updated_at = ${now}`,
      );
    }
  }
}

/** The same union of [from, to) spans with adjacent and overlapping ones merged (fewer conditions in the DELETE). */
function mergeSpans(spans: readonly { from: Date; to: Date }[]): { from: Date; to: Date }[] {
  const merged: { from: Date; to: Date }[] = [];
  for (const span of [...spans].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    const last = merged[merged.length - 1];
    if (last && span.from.getTime() <= last.to.getTime()) {
      if (span.to.getTime() > last.to.getTime()) last.to = span.to;
    } else merged.push({ from: span.from, to: span.to });
  }
  return merged;
}
