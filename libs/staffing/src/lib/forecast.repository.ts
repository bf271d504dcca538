import { Channel, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

/** One stored quarter hour of forecast. */
export interface StoredForecastRow {
  startsAt: Date;
  contacts: number;
  ahtSeconds: number;
  source: 'UPLOAD' | 'OVERRIDE';
}

/** SQL for uploaded and overridden forecast values (staffing_forecast_intervals, one row per quarter hour). */
@Injectable()
export class ForecastRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Stored quarter hours of the team's channel in [from, to), by start. */
  rows(teamId: string, channel: Channel, from: Date, to: Date): Promise<StoredForecastRow[]> {
    return this.db.query<StoredForecastRow>(
      `SELECT starts_at AS "startsAt", contacts, aht_seconds AS "ahtSeconds", source
         FROM staffing_forecast_intervals
        WHERE team_id = $1 AND channel = $2 AND starts_at >= $3 AND starts_at < $4
        ORDER BY starts_at`,
      [teamId, channel, from, to],
    );
  }

  /** Removes the stored quarter hours that start in any of the spans; returns how many went. */
  async deleteSpans(teamId: string, channel: Channel, spans: readonly { from: Date; to: Date }[]): Promise<number> {
    if (spans.length === 0) return 0;
    const rows = await this.db.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM staffing_forecast_intervals f
          USING unnest($3::timestamptz[], $4::timestamptz[]) AS s(from_at, to_at)
          WHERE f.team_id = $1 AND f.channel = $2 AND f.starts_at >= s.from_at AND f.starts_at < s.to_at
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [teamId, channel, spans.map((s) => s.from), spans.map((s) => s.to)],
    );
    return rows[0]?.n ?? 0;
  }

  /** Inserts or replaces quarter hours in one statement. */
  async upsert(teamId: string, channel: Channel, rows: readonly Omit<StoredForecastRow, 'source'>[], source: StoredForecastRow['source'], userId: string): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO staffing_forecast_intervals (tenant_id, team_id, channel, starts_at, contacts, aht_seconds, source, updated_by)
       SELECT $1, $2, $3, r.starts_at, r.contacts, r.aht_seconds, $7, $8
         FROM unnest($4::timestamptz[], $5::float8[], $6::float8[]) AS r(starts_at, contacts, aht_seconds)
       ON CONFLICT (tenant_id, team_id, channel, starts_at) DO UPDATE
         SET contacts = EXCLUDED.contacts, aht_seconds = EXCLUDED.aht_seconds, source = EXCLUDED.source,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [this.db.tenantId, teamId, channel, rows.map((r) => r.startsAt), rows.map((r) => r.contacts), rows.map((r) => r.ahtSeconds), source, userId],
    );
  }
}
