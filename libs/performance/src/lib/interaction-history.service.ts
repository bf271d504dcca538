import { Actor, Channel, TenantDatabase } from '@deskforce/platform';
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

  intervalDemand(actor: Actor, query: { teamId: string; channel: Channel; from: Date; to: Date; intervalMinutes: number }): Promise<IntervalDemand[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const rows = await this.db.query<{ start: Date; contacts: number; aht: number | null }>(
        `SELECT date_bin(make_interval(mins => $5), created_at, $3::timestamptz) AS start, count(*)::int AS contacts,
                avg(handle_time_s)::float8 AS aht
           FROM interactions
          WHERE team_id = $1 AND channel = $2 AND created_at >= $3 AND created_at < $4
          GROUP BY 1 ORDER BY 1`,
        [query.teamId, query.channel, query.from, query.to, query.intervalMinutes],
      );
      return rows.map((r) => ({ start: r.start, contacts: r.contacts, ahtSeconds: r.aht }));
    });
  }
}
