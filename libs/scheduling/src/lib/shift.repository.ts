import {
  and,
  Channel,
  chunks,
  GenerateSql,
  join,
  keysetPage,
  raw,
  SAMPLE,
  sql,
  Sql,
  TenantDatabase,
} from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
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

export interface ShiftActivityRow {
  id: string;
  type: ActivityType;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
  reference: string | null;
}

/** A shift with its activities, earliest first. */
export interface ShiftRow {
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
  version: number;
  publishedAt: Date | null;
  updatedAt: Date;
  activities: ShiftActivityRow[];
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

/** A new start and end for one activity of a shift. */
export interface ActivityMove {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

// The activities come along as JSON (a correlated subquery on the same tenant), their times as text.
const SHIFT_COLUMNS = sql`
  s.id, s.agent_id AS "agentId", s.team_id AS "teamId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.status,
  s.channel, s.skill, s.template_id AS "templateId", s.note, s.version, s.published_at AS "publishedAt", s.updated_at AS "updatedAt",
  coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'type', a.type, 'startsAt', a.starts_at, 'endsAt', a.ends_at,
                                                'note', a.note, 'reference', a.reference) ORDER BY a.starts_at)
              FROM shift_activities a WHERE a.tenant_id = s.tenant_id AND a.shift_id = s.id), '[]'::jsonb) AS activities`;

type StoredShift = Omit<ShiftRow, 'activities'> & {
  activities: (Omit<ShiftActivityRow, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string })[];
};

function toRow(stored: StoredShift): ShiftRow {
  return {
    ...stored,
    activities: stored.activities.map((a) => ({ ...a, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) })),
  };
}

/** SQL for shifts and their activities. Bulk writes are multi-row VALUES, in batches (`chunks`). */
@Injectable()
export class ShiftRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** The query's conditions; a field that is undefined or null (a GraphQL filter left out) does not filter. */
  private where(query: ShiftQuery): Sql {
    const { teamId, agentIds, from, to, status, startsFrom, startsBefore } = query;
    return sql`s.tenant_id = ${this.db.tenantId} ${and(
      !!teamId && sql`s.team_id = ${teamId}`,
      !!agentIds && sql`s.agent_id = ANY(${agentIds}::uuid[])`,
      !!from && sql`s.ends_at > ${from}`,
      !!to && sql`s.starts_at < ${to}`,
      !!status && sql`s.status = ${status}`,
      !!startsFrom && sql`s.starts_at >= ${startsFrom}`,
      !!startsBefore && sql`s.starts_at < ${startsBefore}`,
      !status && query.liveOnly && sql`s.status <> 'CANCELLED'`,
    )}`;
  }

  @GenerateSql(
    { name: 'no filter', params: [{}] },
    {
      name: 'every filter',
      params: [
        {
          teamId: SAMPLE.UUID,
          agentIds: [SAMPLE.UUID2],
          from: SAMPLE.FROM,
          to: SAMPLE.TO,
          startsFrom: SAMPLE.FROM,
          startsBefore: SAMPLE.TO,
          liveOnly: true,
        },
      ],
    },
  )
  async find(query: ShiftQuery): Promise<ShiftRow[]> {
    const rows = await this.db.many<StoredShift>(
      sql`SELECT ${SHIFT_COLUMNS} FROM shifts s WHERE ${this.where(query)} ORDER BY s.starts_at, s.id`,
    );
    return rows.map(toRow);
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  async findByIds(ids: readonly string[]): Promise<ShiftRow[]> {
    const rows = await this.db.many<StoredShift>(
      sql`SELECT ${SHIFT_COLUMNS} FROM shifts s WHERE s.tenant_id = ${this.db.tenantId} AND s.id = ANY(${ids}::uuid[])`,
    );
    return rows.map(toRow);
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async findById(id: string): Promise<ShiftRow | undefined> {
    return (await this.findByIds([id]))[0];
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async shiftIdOfActivity(activityId: string): Promise<string | undefined> {
    const row = await this.db.maybeOne<{ shiftId: string }>(
      sql`SELECT shift_id AS "shiftId" FROM shift_activities WHERE tenant_id = ${this.db.tenantId} AND id = ${activityId}`,
    );
    return row?.shiftId;
  }

  /** A page ordered by start time, then id. */
  @GenerateSql(
    { name: 'first page of a team', params: [{ teamId: SAMPLE.UUID, status: 'PUBLISHED' }, SAMPLE.FIRST] },
    {
      name: 'later page',
      params: [{ teamId: SAMPLE.UUID }, SAMPLE.FIRST, SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2)],
    },
  )
  async page(query: ShiftQuery, first: number, after?: string): Promise<{ rows: ShiftRow[]; totalCount: number }> {
    const { rows, totalCount } = await keysetPage<StoredShift>(this.db, {
      columns: SHIFT_COLUMNS,
      from: sql`shifts s`,
      where: this.where(query),
      keys: [
        { column: 's.starts_at', type: 'timestamptz' },
        { column: 's.id', type: 'uuid' },
      ],
      first,
      after,
    });
    return { rows: rows.map(toRow), totalCount };
  }

  /** Serialises changes to these agents' schedules until the transaction ends (rules see a stable picture). */
  @GenerateSql({ params: [[SAMPLE.UUID2, SAMPLE.UUID]] })
  async lockAgents(agentIds: readonly string[]): Promise<void> {
    const sorted = [...new Set(agentIds)].sort();
    if (sorted.length === 0) return;
    await this.db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended('shifts:' || id, 0)) FROM unnest(${sorted}::text[]) AS id ORDER BY id`,
    );
  }

  @GenerateSql({
    name: 'one shift of each batch',
    params: [
      [
        {
          id: SAMPLE.UUID,
          agentId: SAMPLE.UUID2,
          teamId: SAMPLE.UUID3,
          startsAt: SAMPLE.FROM,
          endsAt: new Date('2026-01-05T08:00:00.000Z'),
          status: 'PUBLISHED',
          channel: 'PHONE',
          skill: null,
          templateId: null,
          note: null,
        },
      ],
      [
        {
          id: SAMPLE.UUID2,
          shiftId: SAMPLE.UUID,
          type: 'BREAK',
          startsAt: new Date('2026-01-05T02:00:00.000Z'),
          endsAt: new Date('2026-01-05T02:15:00.000Z'),
          note: null,
          reference: null,
        },
      ],
    ],
  })
  async insert(shifts: readonly NewShift[], activities: readonly NewActivity[]): Promise<void> {
    const tenantId = this.db.tenantId;
    const now = new Date();
    for (const batch of chunks(shifts)) {
      const rows = batch.map(
        (s) =>
          sql`(${tenantId}, ${s.id}::uuid, ${s.agentId}::uuid, ${s.teamId}::uuid, ${s.startsAt}::timestamptz, ${s.endsAt}::timestamptz, ${s.status},
               ${s.channel}, ${s.skill}, ${s.templateId}::uuid, ${s.note}, ${s.status === ShiftStatus.PUBLISHED ? now : null}::timestamptz)`,
      );
      await this.db.execute(
        sql`INSERT INTO shifts (tenant_id, id, agent_id, team_id, starts_at, ends_at, status, channel, skill, template_id, note, published_at)
            VALUES ${join(rows)}`,
      );
    }
    await this.insertActivities(activities);
  }

  @GenerateSql({
    params: [
      [
        {
          id: SAMPLE.UUID2,
          shiftId: SAMPLE.UUID,
          type: 'BREAK',
          startsAt: new Date('2026-01-05T02:00:00.000Z'),
          endsAt: new Date('2026-01-05T02:15:00.000Z'),
          note: null,
          reference: null,
        },
      ],
    ],
  })
  async insertActivities(activities: readonly NewActivity[]): Promise<void> {
    const tenantId = this.db.tenantId;
    for (const batch of chunks(activities)) {
      const rows = batch.map(
        (a) =>
          sql`(${tenantId}, ${a.id}::uuid, ${a.shiftId}::uuid, ${a.type}, ${a.startsAt}::timestamptz, ${a.endsAt}::timestamptz, ${a.note}, ${a.reference})`,
      );
      await this.db.execute(
        sql`INSERT INTO shift_activities (tenant_id, id, shift_id, type, starts_at, ends_at, note, reference) VALUES ${join(rows)}`,
      );
    }
  }

  /**
   * Applies changes when the version matches, and moves the shift's activities with it, in one statement:
   * in between, an activity could lie outside the shift's old or new span, or over another activity's old
   * place; the triggers and constraints that forbid that are checked at the end of the statement (no SET
   * CONSTRAINTS, which Citus does not pass to its workers). Returns false, moving nothing, when the version
   * does not match (someone else changed the shift).
   */
  @GenerateSql(
    {
      name: 'changes only',
      params: [
        SAMPLE.UUID,
        3,
        {
          agentId: SAMPLE.UUID2,
          startsAt: SAMPLE.FROM,
          endsAt: SAMPLE.NOW,
          channel: 'CHAT',
          skill: 'billing',
          note: SAMPLE.TEXT,
          status: 'PUBLISHED',
        },
      ],
    },
    {
      name: 'with its activities moved',
      params: [
        SAMPLE.UUID,
        3,
        { startsAt: SAMPLE.FROM, endsAt: SAMPLE.NOW },
        [{ id: SAMPLE.UUID3, startsAt: SAMPLE.FROM, endsAt: new Date('2026-01-05T00:15:00.000Z') }],
      ],
    },
  )
  async update(
    id: string,
    version: number,
    changes: Partial<Pick<NewShift, 'agentId' | 'startsAt' | 'endsAt' | 'channel' | 'skill' | 'note' | 'status'>>,
    moves: readonly ActivityMove[] = [],
  ): Promise<boolean> {
    const tenantId = this.db.tenantId;
    const columns: Record<keyof typeof changes, string> = {
      agentId: 'agent_id',
      startsAt: 'starts_at',
      endsAt: 'ends_at',
      channel: 'channel',
      skill: 'skill',
      note: 'note',
      status: 'status',
    };
    const sets = (Object.keys(columns) as (keyof typeof changes)[])
      .filter((key) => changes[key] !== undefined)
      .map((key) => sql`${raw(columns[key])} = ${changes[key]}`);
    const update = sql`UPDATE shifts SET ${join([...sets, sql`version = version + 1`, sql`updated_at = now()`])}
                        WHERE tenant_id = ${tenantId} AND id = ${id} AND version = ${version} RETURNING id`;
    if (moves.length === 0) return (await this.db.many(update)).length === 1;
    const values = moves.map((m) => sql`(${m.id}::uuid, ${m.startsAt}::timestamptz, ${m.endsAt}::timestamptz)`);
    const rows = await this.db.many(
      sql`WITH shift AS (${update}),
               moved AS (UPDATE shift_activities a SET starts_at = m.starts_at, ends_at = m.ends_at
                           FROM (VALUES ${join(values)}) AS m(id, starts_at, ends_at)
                          WHERE a.tenant_id = ${tenantId} AND a.shift_id = ${id} AND a.id = m.id AND EXISTS (SELECT 1 FROM shift))
          SELECT id FROM shift`,
    );
    return rows.length === 1;
  }

  /** Bumps the version of a shift whose activities changed; false when the version is stale. */
  @GenerateSql({ params: [SAMPLE.UUID, 3] })
  touch(id: string, version: number): Promise<boolean> {
    return this.update(id, version, {});
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async delete(id: string): Promise<void> {
    await this.db.execute(sql`DELETE FROM shifts WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`);
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async deleteActivity(activityId: string): Promise<void> {
    await this.db.execute(
      sql`DELETE FROM shift_activities WHERE tenant_id = ${this.db.tenantId} AND id = ${activityId}`,
    );
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  async cancel(ids: readonly string[]): Promise<void> {
    await this.db.execute(
      sql`UPDATE shifts SET status = 'CANCELLED', cancelled_at = now(), version = version + 1, updated_at = now()
           WHERE tenant_id = ${this.db.tenantId} AND id = ANY(${ids}::uuid[])`,
    );
  }

  /** Publishes the team's drafts that start in [from, to); returns the ids. */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.FROM, SAMPLE.TO] })
  async publish(teamId: string, from: Date, to: Date): Promise<string[]> {
    const rows = await this.db.many<{ id: string }>(
      sql`UPDATE shifts SET status = 'PUBLISHED', published_at = now(), version = version + 1, updated_at = now()
           WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId} AND status = 'DRAFT' AND starts_at >= ${from} AND starts_at < ${to}
       RETURNING id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Deletes the team's drafts that start in [from, to) (of these agents only, when given) in one statement;
   * their activities go with them (ON DELETE CASCADE). Returns the ids deleted.
   */
  @GenerateSql(
    { name: 'whole team', params: [SAMPLE.UUID, SAMPLE.FROM, SAMPLE.TO] },
    { name: 'some agents', params: [SAMPLE.UUID, SAMPLE.FROM, SAMPLE.TO, [SAMPLE.UUID2]] },
  )
  async deleteDrafts(teamId: string, from: Date, to: Date, agentIds?: readonly string[]): Promise<string[]> {
    const rows = await this.db.many<{ id: string }>(
      sql`DELETE FROM shifts
           WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId} AND status = 'DRAFT' AND starts_at >= ${from} AND starts_at < ${to}
                 ${and(!!agentIds && sql`agent_id = ANY(${agentIds}::uuid[])`)}
       RETURNING id`,
    );
    return rows.map((r) => r.id);
  }

  /** Published shifts of the team's other agents that start in [from, to), soonest first (the swap board). */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.UUID2, SAMPLE.FROM, SAMPLE.TO, 10] })
  async teammatesPublished(
    teamId: string,
    exceptAgentId: string,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<ShiftRow[]> {
    const rows = await this.db.many<StoredShift>(
      sql`SELECT ${SHIFT_COLUMNS} FROM shifts s
           WHERE s.tenant_id = ${this.db.tenantId} AND s.team_id = ${teamId} AND s.agent_id <> ${exceptAgentId} AND s.status = 'PUBLISHED'
             AND s.starts_at >= ${from} AND s.starts_at < ${to}
           ORDER BY s.starts_at, s.id LIMIT ${limit}`,
    );
    return rows.map(toRow);
  }
}
