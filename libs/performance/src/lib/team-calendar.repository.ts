import { chunks, empty, GenerateSql, join, rowsPerStatement, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

/** A stored working window: weekday 1 (Monday) to 7, minutes after local midnight (end 1440 = 24:00). */
export interface WindowRow {
  teamId: string;
  weekday: number;
  position: number;
  startMinute: number;
  endMinute: number;
}

export interface HolidayRow {
  teamId: string;
  /** Local date YYYY-MM-DD. */
  date: string;
  name: string;
}

export interface CalendarRows {
  teamId: string;
  updatedAt: Date;
  windows: WindowRow[];
  holidays: HolidayRow[];
}

/** Team business calendars (migration 1764000013000), in the open tenant transaction. */
@Injectable()
export class TeamCalendarRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** The calendars of the given teams (all the tenant's when null), by team id; teams without one are absent. */
  @GenerateSql(
    { name: 'some teams', params: [[SAMPLE.UUID]], answers: [[{ teamId: SAMPLE.UUID, updatedAt: SAMPLE.NOW }]] },
    { name: 'every team', params: [null] },
  )
  async ofTeams(teamIds: readonly string[] | null): Promise<Map<string, CalendarRows>> {
    const tenantId = this.db.tenantId;
    const calendars = await this.db.many<{ teamId: string; updatedAt: Date }>(
      sql`SELECT c.team_id AS "teamId", c.updated_at AS "updatedAt" FROM team_business_calendars c
           WHERE c.tenant_id = ${tenantId} ${teamIds === null ? empty : sql`AND c.team_id = ANY(${teamIds}::uuid[])`}`,
    );
    const result = new Map<string, CalendarRows>();
    if (calendars.length === 0) return result;
    for (const c of calendars) result.set(c.teamId, { ...c, windows: [], holidays: [] });
    const ids = [...result.keys()];
    for (const w of await this.db.many<WindowRow>(
      sql`SELECT w.team_id AS "teamId", w.weekday, w.position, w.start_minute AS "startMinute", w.end_minute AS "endMinute"
            FROM team_business_hours w WHERE w.tenant_id = ${tenantId} AND w.team_id = ANY(${ids}::uuid[])
           ORDER BY w.team_id, w.weekday, w.position`,
    ))
      result.get(w.teamId)?.windows.push(w);
    for (const h of await this.db.many<HolidayRow>(
      sql`SELECT h.team_id AS "teamId", to_char(h.date, 'YYYY-MM-DD') AS date, h.name
            FROM team_holidays h WHERE h.tenant_id = ${tenantId} AND h.team_id = ANY(${ids}::uuid[])
           ORDER BY h.team_id, h.date`,
    ))
      result.get(h.teamId)?.holidays.push(h);
    return result;
  }

  /**
   * Replaces a team's calendar: the calendar row is written first (its row lock orders two concurrent
   * replacements of one team), then its windows and holidays are deleted and written again.
   */
  @GenerateSql({
    params: [
      SAMPLE.UUID,
      [{ weekday: 1, position: 0, startMinute: 540, endMinute: 1020 }],
      [{ date: SAMPLE.DAY, name: 'New Year' }],
      SAMPLE.NOW,
    ],
  })
  async replace(
    teamId: string,
    windows: readonly Omit<WindowRow, 'teamId'>[],
    holidays: readonly Omit<HolidayRow, 'teamId'>[],
    now: Date,
  ): Promise<void> {
    const tenantId = this.db.tenantId;
    await this.db.execute(
      sql`INSERT INTO team_business_calendars (tenant_id, team_id, updated_at) VALUES (${tenantId}, ${teamId}, ${now}::timestamptz)
          ON CONFLICT (tenant_id, team_id) DO UPDATE SET updated_at = EXCLUDED.updated_at`,
    );
    await this.db.execute(sql`DELETE FROM team_business_hours WHERE tenant_id = ${tenantId} AND team_id = ${teamId}`);
    await this.db.execute(sql`DELETE FROM team_holidays WHERE tenant_id = ${tenantId} AND team_id = ${teamId}`);
    for (const part of chunks(windows, rowsPerStatement(6))) {
      const rows = part.map(
        (w) =>
          sql`(${tenantId}::uuid, ${teamId}::uuid, ${w.weekday}::smallint, ${w.position}::smallint, ${w.startMinute}::smallint, ${w.endMinute}::smallint)`,
      );
      await this.db.execute(
        sql`INSERT INTO team_business_hours (tenant_id, team_id, weekday, position, start_minute, end_minute) VALUES ${join(rows)}`,
      );
    }
    for (const part of chunks(holidays, rowsPerStatement(4))) {
      const rows = part.map((h) => sql`(${tenantId}::uuid, ${teamId}::uuid, ${h.date}::date, ${h.name})`);
      await this.db.execute(sql`INSERT INTO team_holidays (tenant_id, team_id, date, name) VALUES ${join(rows)}`);
    }
  }

  /** Removes a team's calendar (its windows and holidays go with it). */
  @GenerateSql({ params: [SAMPLE.UUID] })
  async remove(teamId: string): Promise<void> {
    await this.db.execute(
      sql`DELETE FROM team_business_calendars WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId}`,
    );
  }
}
