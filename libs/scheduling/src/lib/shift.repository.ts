import { Channel, queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { ShiftActivityModel, ShiftModel } from './graphql/shift.model';
import { ActivityType, ShiftStatus } from './scheduling.enums';

export interface NewShift {
  id: string;
  agentId: string;
  teamId: string;
  startsAt: Date;
  endsAt: Date;
  status: ShiftStatus;
  channel: Channel | null;
  skill: string | null;
  templateId: string | null;
  note: string | null;
}

export interface NewActivity {
  id: string;
  shiftId: string;
  type: ActivityType;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
  reference: string | null;
}

export interface ShiftQuery {
  teamId?: string;
  agentIds?: readonly string[];
  from?: Date;
  to?: Date;
  status?: ShiftStatus;
  /** Shifts starting in [startsFrom, startsBefore). */
  startsFrom?: Date;
  startsBefore?: Date;
  /** Leave out cancelled shifts (unless `status` asks for them). */
  liveOnly?: boolean;
}

const SHIFT_COLUMNS = `
  s.id, s.agent_id AS "agentId", s.team_id AS "teamId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.status,
  s.channel, s.skill, s.template_id AS "templateId", s.note, s.version, s.published_at AS "publishedAt", s.updated_at AS "updatedAt",
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'type', a.type, 'startsAt', a.starts_at, 'endsAt', a.ends_at,
                                                'note', a.note, 'reference', a.reference) ORDER BY a.starts_at)
              FROM shift_activities a WHERE a.tenant_id = s.tenant_id AND a.shift_id = s.id), '[]'::jsonb) AS activities`;

interface ShiftRow extends Omit<ShiftModel, 'activities'> {
  activities: (Omit<ShiftActivityModel, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string })[];
}

function toModel(row: ShiftRow): ShiftModel {
  return { ...row, activities: row.activities.map((a) => ({ ...a, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) })) };
}

/** SQL for shifts and their activities. Bulk writes go through jsonb_to_recordset: one statement per batch. */
@Injectable()
export class ShiftRepository {
  constructor(private readonly db: TenantDatabase) {}

  private filter(query: ShiftQuery): SqlFilter {
    const filter = new SqlFilter()
      .addIf(query.teamId, 's.team_id = ?')
      .addIf(query.agentIds, 's.agent_id = ANY(?::uuid[])')
      .addIf(query.from, 's.ends_at > ?')
      .addIf(query.to, 's.starts_at < ?')
      .addIf(query.status, 's.status = ?')
      .addIf(query.startsFrom, 's.starts_at >= ?')
      .addIf(query.startsBefore, 's.starts_at < ?');
    if (!query.status && query.liveOnly) filter.add(`s.status <> 'CANCELLED'`);
    return filter;
  }

  async find(query: ShiftQuery): Promise<ShiftModel[]> {
    const filter = this.filter(query);
    const rows = await this.db.query<ShiftRow>(`SELECT ${SHIFT_COLUMNS} FROM shifts s ${filter.where} ORDER BY s.starts_at, s.id`, filter.params);
    return rows.map(toModel);
  }

  async findByIds(ids: readonly string[]): Promise<ShiftModel[]> {
    const rows = await this.db.query<ShiftRow>(`SELECT ${SHIFT_COLUMNS} FROM shifts s WHERE s.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toModel);
  }

  async findById(id: string): Promise<ShiftModel | undefined> {
    return (await this.findByIds([id]))[0];
  }

  async shiftIdOfActivity(activityId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ shiftId: string }>(`SELECT shift_id AS "shiftId" FROM shift_activities WHERE id = $1`, [activityId]);
    return row?.shiftId;
  }

  /** A page ordered by start time, then id. */
  async page(query: ShiftQuery, first: number, after?: string): Promise<{ rows: ShiftModel[]; totalCount: number }> {
    const { rows, totalCount } = await queryPage<ShiftRow>(this.db, {
      columns: SHIFT_COLUMNS,
      from: 'shifts s',
      filter: this.filter(query),
      keys: [{ expression: 's.starts_at', type: 'timestamptz' }, { expression: 's.id', type: 'uuid' }],
      first,
      after,
    });
    return { rows: rows.map(toModel), totalCount };
  }

  /** Serialises changes to these agents' schedules until the transaction ends (rules see a stable picture). */
  async lockAgents(agentIds: readonly string[]): Promise<void> {
    const sorted = [...new Set(agentIds)].sort();
    if (sorted.length === 0) return;
    await this.db.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('shifts:' || id, 0)) FROM unnest($1::text[]) AS id ORDER BY id`,
      [sorted],
    );
  }

  async insert(shifts: readonly NewShift[], activities: readonly NewActivity[]): Promise<void> {
    if (shifts.length > 0) {
      await this.db.query(
        `INSERT INTO shifts (tenant_id, id, agent_id, team_id, starts_at, ends_at, status, channel, skill, template_id, note, published_at)
         SELECT $1, r.id, r.agent_id, r.team_id, r.starts_at, r.ends_at, r.status, r.channel, r.skill, r.template_id, r.note,
                CASE WHEN r.status = 'PUBLISHED' THEN now() END
           FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, agent_id uuid, team_id uuid, starts_at timestamptz, ends_at timestamptz,
                                                   status text, channel text, skill text, template_id uuid, note text)`,
        [
          this.db.tenantId,
          JSON.stringify(
            shifts.map((s) => ({
              id: s.id, agent_id: s.agentId, team_id: s.teamId, starts_at: s.startsAt, ends_at: s.endsAt, status: s.status,
              channel: s.channel, skill: s.skill, template_id: s.templateId, note: s.note,
            })),
          ),
        ],
      );
    }
    await this.insertActivities(activities);
  }

  async insertActivities(activities: readonly NewActivity[]): Promise<void> {
    if (activities.length === 0) return;
    await this.db.query(
      `INSERT INTO shift_activities (tenant_id, id, shift_id, type, starts_at, ends_at, note, reference)
       SELECT $1, r.id, r.shift_id, r.type, r.starts_at, r.ends_at, r.note, r.reference
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, shift_id uuid, type text, starts_at timestamptz, ends_at timestamptz, note text, reference text)`,
      [
        this.db.tenantId,
        JSON.stringify(activities.map((a) => ({ id: a.id, shift_id: a.shiftId, type: a.type, starts_at: a.startsAt, ends_at: a.endsAt, note: a.note, reference: a.reference }))),
      ],
    );
  }

  /** Applies changes when the version matches; returns false when it does not (someone else changed it). */
  async update(
    id: string,
    version: number,
    changes: Partial<Pick<NewShift, 'agentId' | 'startsAt' | 'endsAt' | 'channel' | 'skill' | 'note' | 'status'>>,
  ): Promise<boolean> {
    const columns: Record<string, string> = { agentId: 'agent_id', startsAt: 'starts_at', endsAt: 'ends_at', channel: 'channel', skill: 'skill', note: 'note', status: 'status' };
    const params: unknown[] = [id, version];
    const sets = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        params.push(value);
        return `${columns[key]} = $${params.length}`;
      });
    const rows = await this.db.query(
      `UPDATE shifts SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
    return rows.length === 1;
  }

  /** Bumps the version of a shift whose activities changed; false when the version is stale. */
  touch(id: string, version: number): Promise<boolean> {
    return this.update(id, version, {});
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM shifts WHERE id = $1`, [id]);
  }

  /**
   * Moves activities of a shift (new start and end per activity id; `from` is its current start),
   * checked against the shift at commit: the shift and its activities move in one transaction, and in
   * between an activity may lie outside the shift's old or new span.
   */
  async moveActivities(shiftId: string, moves: readonly { id: string; startsAt: Date; endsAt: Date; from: Date }[]): Promise<void> {
    if (moves.length === 0) return;
    await this.db.query(`SET CONSTRAINTS shift_activities_inside_shift, shifts_keep_activities_inside DEFERRED`);
    // Activities of a shift may not overlap, checked row by row. Their order is kept, so moving the ones
    // that go earlier first (earliest first), then those that go later (latest first), never passes
    // through an overlap.
    const earlier = moves.filter((m) => m.startsAt < m.from).sort((x, y) => x.from.getTime() - y.from.getTime());
    const later = moves.filter((m) => m.startsAt > m.from).sort((x, y) => y.from.getTime() - x.from.getTime());
    for (const move of [...earlier, ...later]) {
      await this.db.query(`UPDATE shift_activities SET starts_at = $4, ends_at = $5 WHERE tenant_id = $1 AND shift_id = $2 AND id = $3`, [
        this.db.tenantId,
        shiftId,
        move.id,
        move.startsAt,
        move.endsAt,
      ]);
    }
  }

  async deleteActivity(activityId: string): Promise<void> {
    await this.db.query(`DELETE FROM shift_activities WHERE id = $1`, [activityId]);
  }

  async cancel(ids: readonly string[]): Promise<void> {
    await this.db.query(
      `UPDATE shifts SET status = 'CANCELLED', cancelled_at = now(), version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Publishes the team's drafts that start in [from, to); returns the ids. */
  async publish(teamId: string, from: Date, to: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE shifts SET status = 'PUBLISHED', published_at = now(), version = version + 1, updated_at = now()
        WHERE team_id = $1 AND status = 'DRAFT' AND starts_at >= $2 AND starts_at < $3 RETURNING id`,
      [teamId, from, to],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Deletes the team's drafts that start in [from, to) (of these agents only, when given) in one statement;
   * their activities go with them (ON DELETE CASCADE). Returns the ids deleted.
   */
  async deleteDrafts(teamId: string, from: Date, to: Date, agentIds?: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `DELETE FROM shifts
        WHERE tenant_id = $1 AND team_id = $2 AND status = 'DRAFT' AND starts_at >= $3 AND starts_at < $4
          AND ($5::uuid[] IS NULL OR agent_id = ANY($5::uuid[]))
        RETURNING id`,
      [this.db.tenantId, teamId, from, to, agentIds ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** Published shifts of the team's other agents that start in [from, to), soonest first (the swap board). */
  async teammatesPublished(teamId: string, exceptAgentId: string, from: Date, to: Date, limit: number): Promise<ShiftModel[]> {
    const rows = await this.db.query<ShiftRow>(
      `SELECT ${SHIFT_COLUMNS} FROM shifts s
        WHERE s.tenant_id = $1 AND s.team_id = $2 AND s.agent_id <> $3 AND s.status = 'PUBLISHED' AND s.starts_at >= $4 AND s.starts_at < $5
        ORDER BY s.starts_at, s.id LIMIT $6`,
      [this.db.tenantId, teamId, exceptAgentId, from, to, limit],
    );
    return rows.map(toModel);
  }
}
