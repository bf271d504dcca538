import { Actor, Channel, GenerateSql, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export interface IntervalDemand {
  start: Date;
  contacts: number;
  /** Mean handle time of the interval's contacts that have one, in seconds; null when none has. */
  ahtSeconds: number | null;
}

/**
 * Past demand of a team on a channel, per interval on a grid from `from`: what staffing forecasts from.
 * Contacts count by their creation time; intervals without contacts are left out.
 */
@Injectable()
export class InteractionHistoryService {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      { userId: SAMPLE.UUID, tenantId: SAMPLE.TENANT_ID, role: 'ADMIN', email: SAMPLE.EMAIL },
      { teamId: SAMPLE.UUID2, channel: 'PHONE', from: SAMPLE.FROM, to: SAMPLE.TO, intervalMinutes: 15 },
    ],
  })
  intervalDemand(
    actor: Actor,
    query: { teamId: string; channel: Channel; from: Date; to: Date; intervalMinutes: number },
  ): Promise<IntervalDemand[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const rows = await this.db.many<{ start: Date; contacts: number; aht: number | null }>(
        sql`SELECT date_bin(make_interval(mins => ${query.intervalMinutes}), created_at, ${query.from}::timestamptz) AS start, count(*)::int AS contacts,
                   avg(handle_time_s)::float8 AS aht
              FROM interactions
             WHERE tenant_id = ${this.db.tenantId} AND team_id = ${query.teamId} AND channel = ${query.channel}
               AND created_at >= ${query.from} AND created_at < ${query.to}
             GROUP BY 1 ORDER BY 1`,
      );
      return rows.map((r) => ({ start: r.start, contacts: r.contacts, ahtSeconds: r.aht }));
    });
  }
}
