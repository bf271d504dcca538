import { and, GenerateSql, keysetPage, raw, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { DEFAULT_MENTOR_CAPACITY, MentorshipStatus, TrainingMetric } from './training.enums';

/** A mentorship as stored; the dates are calendar dates, YYYY-MM-DD. */
export interface MentorshipRow {
  id: string;
  mentorId: string;
  menteeId: string;
  goals: string;
  startsOn: string;
  endsOn: string | null;
  status: MentorshipStatus;
  endNote: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

export interface MentoringSessionRow {
  id: string;
  mentorshipId: string;
  heldAt: Date;
  durationMinutes: number;
  notes: string;
  targetMetric: TrainingMetric | null;
  targetSkill: string | null;
  followUps: string[];
  mentorActivityId: string | null;
  menteeActivityId: string | null;
  createdAt: Date;
}

const COLUMNS = sql`id, mentor_id AS "mentorId", mentee_id AS "menteeId", goals, starts_on::text AS "startsOn",
  ends_on::text AS "endsOn", status, end_note AS "endNote", created_at AS "createdAt", ended_at AS "endedAt"`;
/** The session select list, each column prefixed with `p` (a table alias and a dot, or nothing): code, never input. */
const sessionColumns = (p: '' | 's.') =>
  raw(`${p}id, ${p}mentorship_id AS "mentorshipId", ${p}held_at AS "heldAt", ${p}duration_minutes AS "durationMinutes",
  ${p}notes, ${p}target_metric AS "targetMetric", ${p}target_skill AS "targetSkill", ${p}follow_ups AS "followUps",
  ${p}mentor_activity_id AS "mentorActivityId", ${p}mentee_activity_id AS "menteeActivityId", ${p}created_at AS "createdAt"`);

export interface MentorLoad {
  agentId: string;
  capacity: number;
  activeMentees: number;
}

@Injectable()
export class MentorshipRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * Serialises changes to one mentor's mentees until the transaction ends. The same lock as the
   * mentorships_mentor_capacity trigger (migration 1764000000600), so the service's check and the
   * database's agree.
   */
  @GenerateSql({ params: [SAMPLE.UUID] })
  async lockMentor(mentorId: string): Promise<void> {
    await this.db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended('mentor:' || ${this.db.tenantId}::uuid::text || ':' || ${mentorId}::uuid::text, 0))`,
    );
  }

  /** Capacity (default when never set) and active mentees of each agent, in the order given. */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  async loads(agentIds: readonly string[]): Promise<MentorLoad[]> {
    const tenantId = this.db.tenantId;
    const rows = await this.db.many<MentorLoad>(
      sql`SELECT ids.id AS "agentId", coalesce(c.capacity, ${DEFAULT_MENTOR_CAPACITY}::int)::int AS capacity,
                 (SELECT count(*) FROM mentorships m WHERE m.tenant_id = ${tenantId} AND m.mentor_id = ids.id AND m.status = 'ACTIVE')::int AS "activeMentees"
            FROM unnest(${agentIds}::uuid[]) AS ids(id)
            LEFT JOIN mentor_capacities c ON c.tenant_id = ${tenantId} AND c.agent_id = ids.id`,
    );
    const byId = new Map(rows.map((r) => [r.agentId, r]));
    return agentIds.map((id) => byId.get(id) ?? { agentId: id, capacity: DEFAULT_MENTOR_CAPACITY, activeMentees: 0 });
  }

  @GenerateSql({ params: [SAMPLE.UUID, 4] })
  async setCapacity(agentId: string, capacity: number): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO mentor_capacities (tenant_id, agent_id, capacity, updated_at) VALUES (${this.db.tenantId}, ${agentId}, ${capacity}, ${new Date()})
          ON CONFLICT (tenant_id, agent_id) DO UPDATE SET capacity = EXCLUDED.capacity, updated_at = EXCLUDED.updated_at`,
    );
  }

  /** Creates the mentorship; its dates are the ones given (RETURNING casts nothing to text). */
  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        mentorId: SAMPLE.UUID2,
        menteeId: SAMPLE.UUID3,
        goals: SAMPLE.TEXT,
        startsOn: SAMPLE.DAY,
        endsOn: null,
        createdBy: SAMPLE.UUID,
      },
    ],
  })
  async insert(row: {
    id: string;
    mentorId: string;
    menteeId: string;
    goals: string;
    startsOn: string;
    endsOn: string | null;
    createdBy: string;
  }): Promise<MentorshipRow> {
    const created = await this.db.maybeOne<Pick<MentorshipRow, 'status' | 'endNote' | 'createdAt' | 'endedAt'>>(
      sql`INSERT INTO mentorships (tenant_id, id, mentor_id, mentee_id, goals, starts_on, ends_on, created_by)
          VALUES (${this.db.tenantId}, ${row.id}, ${row.mentorId}, ${row.menteeId}, ${row.goals}, ${row.startsOn}, ${row.endsOn}, ${row.createdBy})
          RETURNING status, end_note AS "endNote", created_at AS "createdAt", ended_at AS "endedAt"`,
    );
    return {
      id: row.id,
      mentorId: row.mentorId,
      menteeId: row.menteeId,
      goals: row.goals,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      ...created!,
    };
  }

  @GenerateSql({ params: [SAMPLE.UUID] }, { name: 'locked', params: [SAMPLE.UUID, true] })
  findById(id: string, forUpdate = false): Promise<MentorshipRow | undefined> {
    return this.db.maybeOne<MentorshipRow>(
      sql`SELECT ${COLUMNS} FROM mentorships WHERE tenant_id = ${this.db.tenantId} AND id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
    );
  }

  /** Ends the mentorship and reads it back (its dates as text come from a SELECT, not from RETURNING). */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.TEXT] })
  async end(id: string, note: string | null): Promise<MentorshipRow> {
    await this.db.execute(
      sql`UPDATE mentorships SET status = 'ENDED', ended_at = now(), end_note = ${note} WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
    return (await this.findById(id))!;
  }

  /** Mentors the mentee has an active mentorship with. */
  @GenerateSql({ params: [SAMPLE.UUID] })
  async activeMentorsOf(menteeId: string): Promise<string[]> {
    const rows = await this.db.many<{ mentorId: string }>(
      sql`SELECT mentor_id AS "mentorId" FROM mentorships WHERE tenant_id = ${this.db.tenantId} AND mentee_id = ${menteeId} AND status = 'ACTIVE'`,
    );
    return rows.map((r) => r.mentorId);
  }

  /** Newest first. `agentIds`: mentorships where either side is one of them. */
  @GenerateSql(
    { name: 'first page, no filter', params: [{}, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [
        { mentorIds: [SAMPLE.UUID], menteeIds: [SAMPLE.UUID2], status: 'ACTIVE', agentIds: [SAMPLE.UUID3] },
        SAMPLE.FIRST,
        SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2),
      ],
    },
  )
  page(
    filter: {
      mentorIds?: readonly string[];
      menteeIds?: readonly string[];
      status?: MentorshipStatus;
      agentIds?: readonly string[];
    },
    first: number,
    after?: string,
  ): Promise<{ rows: MentorshipRow[]; totalCount: number }> {
    return keysetPage<MentorshipRow>(this.db, {
      columns: COLUMNS,
      from: sql`mentorships`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(
        filter.mentorIds && sql`mentor_id = ANY(${filter.mentorIds}::uuid[])`,
        filter.menteeIds && sql`mentee_id = ANY(${filter.menteeIds}::uuid[])`,
        filter.status && sql`status = ${filter.status}`,
        filter.agentIds &&
          sql`(mentor_id = ANY(${filter.agentIds}::uuid[]) OR mentee_id = ANY(${filter.agentIds}::uuid[]))`,
      )}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      descending: true,
      first,
      after,
    });
  }

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        mentorshipId: SAMPLE.UUID2,
        heldAt: SAMPLE.NOW,
        durationMinutes: 30,
        notes: SAMPLE.TEXT,
        targetMetric: 'RESOLUTION_RATE',
        targetSkill: null,
        followUps: ['read the guide'],
        mentorActivityId: null,
        menteeActivityId: null,
        recordedBy: SAMPLE.UUID3,
      },
    ],
  })
  async insertSession(row: {
    id: string;
    mentorshipId: string;
    heldAt: Date;
    durationMinutes: number;
    notes: string;
    targetMetric: TrainingMetric | null;
    targetSkill: string | null;
    followUps: string[];
    mentorActivityId: string | null;
    menteeActivityId: string | null;
    recordedBy: string;
  }): Promise<MentoringSessionRow> {
    const created = await this.db.maybeOne<MentoringSessionRow>(
      sql`INSERT INTO mentoring_sessions (tenant_id, id, mentorship_id, held_at, duration_minutes, notes, target_metric, target_skill, follow_ups,
                                          mentor_activity_id, mentee_activity_id, recorded_by)
          VALUES (${this.db.tenantId}, ${row.id}, ${row.mentorshipId}, ${row.heldAt}, ${row.durationMinutes}, ${row.notes}, ${row.targetMetric}, ${row.targetSkill},
                  ${row.followUps}, ${row.mentorActivityId}, ${row.menteeActivityId}, ${row.recordedBy})
          RETURNING ${sessionColumns('')}`,
    );
    return created!;
  }

  /** Newest first. `agentId`: sessions of mentorships where the agent is mentor or mentee. */
  @GenerateSql(
    { name: 'first page, no filter', params: [{}, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [
        { mentorshipId: SAMPLE.UUID, agentId: SAMPLE.UUID3 },
        SAMPLE.FIRST,
        SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2),
      ],
    },
  )
  sessionsPage(
    filter: { mentorshipId?: string; agentId?: string },
    first: number,
    after?: string,
  ): Promise<{ rows: MentoringSessionRow[]; totalCount: number }> {
    return keysetPage<MentoringSessionRow>(this.db, {
      columns: sessionColumns('s.'),
      from: sql`mentoring_sessions s JOIN mentorships m ON m.tenant_id = s.tenant_id AND m.id = s.mentorship_id`,
      where: sql`s.tenant_id = ${this.db.tenantId} ${and(
        filter.mentorshipId !== undefined &&
          filter.mentorshipId !== null &&
          sql`s.mentorship_id = ${filter.mentorshipId}`,
        filter.agentId !== undefined &&
          filter.agentId !== null &&
          sql`${filter.agentId}::uuid IN (m.mentor_id, m.mentee_id)`,
      )}`,
      keys: [
        { column: 's.held_at', type: 'timestamptz' },
        { column: 's.id', type: 'uuid' },
      ],
      descending: true,
      first,
      after,
    });
  }
}
