import { and, Channel, GenerateSql, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActivityType } from './scheduling.enums';

/** Where an activity of a template may start, in minutes after the shift's start. */
export interface TemplateActivityRow {
  type: ActivityType;
  durationMinutes: number;
  earliestStartMinutes: number;
  latestStartMinutes: number;
}

export interface ShiftTemplateRow {
  id: string;
  teamId: string | null;
  name: string;
  /** HH:MM. */
  startTime: string;
  durationMinutes: number;
  /** ISO weekdays, ascending. */
  daysOfWeek: number[];
  channel: Channel | null;
  skill: string | null;
  activities: TemplateActivityRow[];
}

const COLUMNS = sql`id, team_id AS "teamId", name, to_char(start_time, 'HH24:MI') AS "startTime", duration_minutes AS "durationMinutes",
  days_of_week::int[] AS "daysOfWeek", channel, skill, activities`;

@Injectable()
export class TemplateRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Live templates of the team and tenant-wide ones (all live templates without a team). */
  @GenerateSql({ name: 'every team', params: [] }, { name: 'one team', params: [SAMPLE.UUID] })
  list(teamId?: string): Promise<ShiftTemplateRow[]> {
    return this.db.many<ShiftTemplateRow>(
      sql`SELECT ${COLUMNS} FROM shift_templates
           WHERE tenant_id = ${this.db.tenantId} AND archived_at IS NULL ${and(!!teamId && sql`(team_id IS NULL OR team_id = ${teamId})`)}
           ORDER BY name, id`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  findById(id: string): Promise<ShiftTemplateRow | undefined> {
    return this.db.maybeOne<ShiftTemplateRow>(
      sql`SELECT ${COLUMNS} FROM shift_templates WHERE tenant_id = ${this.db.tenantId} AND id = ${id} AND archived_at IS NULL`,
    );
  }

  @GenerateSql({
    params: [
      {
        teamId: SAMPLE.UUID,
        name: 'Early',
        startTime: '07:00',
        durationMinutes: 480,
        daysOfWeek: [1, 2, 3, 4, 5],
        channel: 'PHONE',
        skill: null,
        activities: [{ type: 'BREAK', durationMinutes: 15, earliestStartMinutes: 90, latestStartMinutes: 150 }],
      },
    ],
  })
  async insert(template: Omit<ShiftTemplateRow, 'id'>): Promise<ShiftTemplateRow> {
    const row = await this.db.maybeOne<ShiftTemplateRow>(
      sql`INSERT INTO shift_templates (tenant_id, id, team_id, name, start_time, duration_minutes, days_of_week, channel, skill, activities)
          VALUES (${this.db.tenantId}, ${randomUUID()}, ${template.teamId}, ${template.name}, ${template.startTime}, ${template.durationMinutes},
                  ${template.daysOfWeek}, ${template.channel}, ${template.skill}, ${JSON.stringify(template.activities)})
          RETURNING ${COLUMNS}`,
    );
    return row!;
  }
}
