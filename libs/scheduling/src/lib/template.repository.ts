import { TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CreateShiftTemplateInput, ShiftTemplateModel } from './graphql/template.model';

const COLUMNS = `id, team_id AS "teamId", name, to_char(start_time, 'HH24:MI') AS "startTime", duration_minutes AS "durationMinutes",
  days_of_week::int[] AS "daysOfWeek", channel, skill, activities`;

@Injectable()
export class TemplateRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Live templates of the team and tenant-wide ones (all live templates without a team). */
  list(teamId?: string): Promise<ShiftTemplateModel[]> {
    return this.db.query<ShiftTemplateModel>(
      `SELECT ${COLUMNS} FROM shift_templates
        WHERE archived_at IS NULL AND ($1::uuid IS NULL OR team_id IS NULL OR team_id = $1) ORDER BY name, id`,
      [teamId ?? null],
    );
  }

  async findById(id: string): Promise<ShiftTemplateModel | undefined> {
    const [row] = await this.db.query<ShiftTemplateModel>(`SELECT ${COLUMNS} FROM shift_templates WHERE id = $1 AND archived_at IS NULL`, [id]);
    return row;
  }

  async insert(input: CreateShiftTemplateInput): Promise<ShiftTemplateModel> {
    const [row] = await this.db.query<ShiftTemplateModel>(
      `INSERT INTO shift_templates (tenant_id, id, team_id, name, start_time, duration_minutes, days_of_week, channel, skill, activities)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [
        this.db.tenantId, randomUUID(), input.teamId ?? null, input.name.trim(), input.startTime, input.durationMinutes,
        [...input.daysOfWeek].sort(), input.channel ?? null, input.skill ?? null, JSON.stringify(input.activities),
      ],
    );
    return row!;
  }
}
