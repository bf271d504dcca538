import { queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { MentoringSessionModel, MentorshipModel } from './graphql/mentorship.model';
import { DEFAULT_MENTOR_CAPACITY, MentorshipStatus, TrainingMetric } from './training.enums';

const columns = (p: string) => `${p}id, ${p}mentor_id AS "mentorId", ${p}mentee_id AS "menteeId", ${p}goals, ${p}starts_on::text AS "startsOn",
  ${p}ends_on::text AS "endsOn", ${p}status, ${p}end_note AS "endNote", ${p}created_at AS "createdAt", ${p}ended_at AS "endedAt"`;
const COLUMNS = columns('');
const sessionColumns = (p: string) => `${p}id, ${p}mentorship_id AS "mentorshipId", ${p}held_at AS "heldAt", ${p}duration_minutes AS "durationMinutes",
  ${p}notes, ${p}target_metric AS "targetMetric", ${p}target_skill AS "targetSkill", ${p}follow_ups AS "followUps",
  ${p}mentor_activity_id AS "mentorActivityId", ${p}mentee_activity_id AS "menteeActivityId", ${p}created_at AS "createdAt"`;

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
  async lockMentor(mentorId: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('mentor:' || $1::uuid::text || ':' || $2::uuid::text, 0))`, [this.db.tenantId, mentorId]);
  }

  /** Capacity (default when never set) and active mentees of each agent, in the order given. */
  async loads(agentIds: readonly string[]): Promise<MentorLoad[]> {
    const rows = await this.db.query<MentorLoad>(
      `SELECT ids.id AS "agentId", coalesce(c.capacity, ${DEFAULT_MENTOR_CAPACITY})::int AS capacity,
              (SELECT count(*) FROM mentorships m WHERE m.tenant_id = $2 AND m.mentor_id = ids.id AND m.status = 'ACTIVE')::int AS "activeMentees"
         FROM unnest($1::uuid[]) AS ids(id)
         LEFT JOIN mentor_capacities c ON c.tenant_id = $2 AND c.agent_id = ids.id`,
      [agentIds, this.db.tenantId],
    );
    const byId = new Map(rows.map((r) => [r.agentId, r]));
    return agentIds.map((id) => byId.get(id) ?? { agentId: id, capacity: DEFAULT_MENTOR_CAPACITY, activeMentees: 0 });
  }

  async setCapacity(agentId: string, capacity: number): Promise<void> {
    await this.db.query(
      `INSERT INTO mentor_capacities (tenant_id, agent_id, capacity) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, agent_id) DO UPDATE SET capacity = EXCLUDED.capacity, updated_at = now()`,
      [this.db.tenantId, agentId, capacity],
    );
  }

  async insert(row: { id: string; mentorId: string; menteeId: string; goals: string; startsOn: string; endsOn: string | null; createdBy: string }): Promise<MentorshipModel> {
    const [created] = await this.db.query<MentorshipModel>(
      `INSERT INTO mentorships (tenant_id, id, mentor_id, mentee_id, goals, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [this.db.tenantId, row.id, row.mentorId, row.menteeId, row.goals, row.startsOn, row.endsOn, row.createdBy],
    );
    return created!;
  }

  async findById(id: string, forUpdate = false): Promise<MentorshipModel | undefined> {
    const [row] = await this.db.query<MentorshipModel>(`SELECT ${COLUMNS} FROM mentorships WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async end(id: string, note: string | null): Promise<MentorshipModel> {
    const [row] = await this.db.query<MentorshipModel>(
      `UPDATE mentorships SET status = 'ENDED', ended_at = now(), end_note = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, note],
    );
    return row!;
  }

  /** Mentors the mentee has an active mentorship with. */
  async activeMentorsOf(menteeId: string): Promise<string[]> {
    const rows = await this.db.query<{ mentorId: string }>(`SELECT mentor_id AS "mentorId" FROM mentorships WHERE mentee_id = $1 AND status = 'ACTIVE'`, [menteeId]);
    return rows.map((r) => r.mentorId);
  }

  /** Newest first. `agentIds`: mentorships where either side is one of them. */
  page(filter: { mentorIds?: readonly string[]; menteeIds?: readonly string[]; status?: MentorshipStatus; agentIds?: readonly string[] }, first: number, after?: string) {
    const where = new SqlFilter()
      .addIf(filter.mentorIds, 'mentor_id = ANY(?::uuid[])')
      .addIf(filter.menteeIds, 'mentee_id = ANY(?::uuid[])')
      .addIf(filter.status, 'status = ?');
    if (filter.agentIds) where.add('(mentor_id = ANY(?::uuid[]) OR mentee_id = ANY(?::uuid[]))', filter.agentIds, filter.agentIds);
    return queryPage<MentorshipModel>(this.db, {
      columns: COLUMNS,
      from: 'mentorships',
      filter: where,
      keys: [{ expression: 'created_at', type: 'timestamptz' }, { expression: 'id', type: 'uuid' }],
      descending: true,
      first,
      after,
    });
  }

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
  }): Promise<MentoringSessionModel> {
    const [created] = await this.db.query<MentoringSessionModel>(
      `INSERT INTO mentoring_sessions (tenant_id, id, mentorship_id, held_at, duration_minutes, notes, target_metric, target_skill, follow_ups,
                                       mentor_activity_id, mentee_activity_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${sessionColumns('')}`,
      [this.db.tenantId, row.id, row.mentorshipId, row.heldAt, row.durationMinutes, row.notes, row.targetMetric, row.targetSkill, row.followUps, row.mentorActivityId, row.menteeActivityId, row.recordedBy],
    );
    return created!;
  }

  /** Newest first. `agentId`: sessions of mentorships where the agent is mentor or mentee. */
  sessionsPage(filter: { mentorshipId?: string; agentId?: string }, first: number, after?: string) {
    return queryPage<MentoringSessionModel>(this.db, {
      columns: sessionColumns('s.'),
      from: 'mentoring_sessions s JOIN mentorships m ON m.tenant_id = s.tenant_id AND m.id = s.mentorship_id',
      filter: new SqlFilter().addIf(filter.mentorshipId, 's.mentorship_id = ?').addIf(filter.agentId, '?::uuid IN (m.mentor_id, m.mentee_id)'),
      keys: [{ expression: 's.held_at', type: 'timestamptz' }, { expression: 's.id', type: 'uuid' }],
      descending: true,
      first,
      after,
    });
  }
}
