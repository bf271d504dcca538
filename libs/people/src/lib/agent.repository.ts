import {
  and,
  Channel,
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
import { AgentRow, AgentSkillRow } from './agent-row';
import { AgentLevel, EmploymentStatus } from './people.enums';

export interface AgentWorkProfileRow {
  id: string;
  name: string;
  teamId: string;
  timeZone: string;
  userId: string | null;
  employmentStatus: EmploymentStatus;
  contractedWeeklyHours: number;
  hourlyCost: number;
  channels: Channel[];
  skills: string[];
}

/** Which agents a page lists (the GraphQL AgentFilter has this shape; the repository does not import it). */
export interface AgentRowFilter {
  teamIds?: string[];
  levels?: AgentLevel[];
  employmentStatuses?: EmploymentStatus[];
  channel?: Channel;
  skill?: string;
  search?: string;
}

export interface AgentPageQuery {
  filter?: AgentRowFilter;
  first: number;
  after?: string;
  /** When set, only the agent linked to this user (the AGENT role's view). */
  onlyUserId?: string;
}

export type NewAgent = Omit<AgentRow, 'tenantId' | 'createdAt' | 'updatedAt' | 'terminatedAt'>;
export type AgentChange = Partial<Omit<AgentRow, 'tenantId' | 'id' | 'createdAt' | 'updatedAt'>>;

const COLUMNS = sql`a.tenant_id AS "tenantId", a.id, a.name, a.email, a.team_id AS "teamId", a.level, a.employment_status AS "employmentStatus",
  a.hire_date::text AS "hireDate", a.contracted_weekly_hours::float8 AS "contractedWeeklyHours", a.hourly_cost::float8 AS "hourlyCost",
  a.channels, a.user_id AS "userId", a.terminated_at AS "terminatedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** The column of each field an update may change. */
const UPDATABLE: Record<keyof AgentChange, string> = {
  name: 'name',
  email: 'email',
  teamId: 'team_id',
  level: 'level',
  employmentStatus: 'employment_status',
  hireDate: 'hire_date',
  contractedWeeklyHours: 'contracted_weekly_hours',
  hourlyCost: 'hourly_cost',
  channels: 'channels',
  userId: 'user_id',
  terminatedAt: 'terminated_at',
};

/** SQL for agents and their skills. Every statement names its tenant. */
@Injectable()
export class AgentRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  findByIds(ids: readonly string[]): Promise<AgentRow[]> {
    return this.db.many<AgentRow>(
      sql`SELECT ${COLUMNS} FROM agents a WHERE a.tenant_id = ${this.db.tenantId} AND a.id = ANY(${ids}::uuid[])`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async findById(id: string): Promise<AgentRow | null> {
    return (
      (await this.db.maybeOne<AgentRow>(
        sql`SELECT ${COLUMNS} FROM agents a WHERE a.tenant_id = ${this.db.tenantId} AND a.id = ${id}`,
      )) ?? null
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async findByUserId(userId: string): Promise<AgentRow | null> {
    return (
      (await this.db.maybeOne<AgentRow>(
        sql`SELECT ${COLUMNS} FROM agents a WHERE a.tenant_id = ${this.db.tenantId} AND a.user_id = ${userId}`,
      )) ?? null
    );
  }

  /** The agents whose email (compared in lower case) is one of `emails` (lower case): email → id. */
  @GenerateSql({ params: [[SAMPLE.EMAIL]] })
  idsByEmail(emails: readonly string[]): Promise<{ email: string; id: string }[]> {
    return this.db.many<{ email: string; id: string }>(
      sql`SELECT lower(a.email) AS email, a.id FROM agents a WHERE a.tenant_id = ${this.db.tenantId} AND lower(a.email) = ANY(${emails}::text[])`,
    );
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  findByUserIds(userIds: readonly string[]): Promise<AgentRow[]> {
    return this.db.many<AgentRow>(
      sql`SELECT ${COLUMNS} FROM agents a WHERE a.tenant_id = ${this.db.tenantId} AND a.user_id = ANY(${userIds}::uuid[])`,
    );
  }

  /** Ordered by name then id: a stable keyset even with namesakes. */
  @GenerateSql(
    { name: 'first page, no filter', params: [{ first: SAMPLE.FIRST }] },
    {
      name: 'later page, every filter',
      params: [
        {
          first: SAMPLE.FIRST,
          after: SAMPLE.cursor('Ada', SAMPLE.UUID),
          onlyUserId: SAMPLE.UUID2,
          filter: {
            teamIds: [SAMPLE.UUID3],
            levels: ['SENIOR'],
            employmentStatuses: ['ACTIVE'],
            channel: 'CHAT',
            skill: 'billing',
            search: 'ad_a',
          },
        },
      ],
    },
  )
  page(query: AgentPageQuery): Promise<{ rows: AgentRow[]; totalCount: number }> {
    const f = query.filter ?? {};
    const pattern = f.search ? `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    return keysetPage<AgentRow>(this.db, {
      columns: COLUMNS,
      from: sql`agents a`,
      where: sql`a.tenant_id = ${this.db.tenantId} ${and(
        query.onlyUserId !== undefined && sql`a.user_id = ${query.onlyUserId}`,
        f.teamIds !== undefined && sql`a.team_id = ANY(${f.teamIds}::uuid[])`,
        f.levels !== undefined && sql`a.level = ANY(${f.levels}::text[])`,
        f.employmentStatuses !== undefined && sql`a.employment_status = ANY(${f.employmentStatuses}::text[])`,
        f.channel !== undefined && sql`${f.channel}::text = ANY(a.channels)`,
        f.skill !== undefined &&
          sql`EXISTS (SELECT 1 FROM agent_skills s WHERE s.tenant_id = a.tenant_id AND s.agent_id = a.id AND s.skill = ${f.skill})`,
        pattern !== undefined && sql`(a.name ILIKE ${pattern} OR a.email ILIKE ${pattern})`,
      )}`,
      keys: [
        { column: 'a.name', type: 'text' },
        { column: 'a.id', type: 'uuid' },
      ],
      first: query.first,
      after: query.after,
    });
  }

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        name: 'Ada',
        email: SAMPLE.EMAIL,
        teamId: SAMPLE.UUID2,
        level: 'ENTRY',
        employmentStatus: 'ACTIVE',
        hireDate: SAMPLE.DAY,
        contractedWeeklyHours: 40,
        hourlyCost: 30,
        channels: ['PHONE', 'CHAT'],
        userId: null,
      },
    ],
  })
  async insert(agent: NewAgent): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO agents (tenant_id, id, name, email, team_id, level, employment_status, hire_date, contracted_weekly_hours, hourly_cost, channels, user_id)
          VALUES (${this.db.tenantId}, ${agent.id}, ${agent.name}, ${agent.email}, ${agent.teamId}, ${agent.level}, ${agent.employmentStatus}, ${agent.hireDate},
                  ${agent.contractedWeeklyHours}, ${agent.hourlyCost}, ${agent.channels}, ${agent.userId})`,
    );
  }

  /** Sets what is given (and updated_at, even when nothing else is: a change of skills touches the agent). */
  @GenerateSql(
    {
      name: 'every field',
      params: [
        SAMPLE.UUID,
        {
          name: 'Ada',
          email: SAMPLE.EMAIL,
          teamId: SAMPLE.UUID2,
          level: 'SENIOR',
          employmentStatus: 'TERMINATED',
          hireDate: SAMPLE.DAY,
          contractedWeeklyHours: 32,
          hourlyCost: 31,
          channels: ['EMAIL'],
          userId: SAMPLE.UUID3,
          terminatedAt: SAMPLE.NOW,
        },
      ],
    },
    { name: 'touch only', params: [SAMPLE.UUID, {}] },
  )
  async update(id: string, changes: AgentChange): Promise<void> {
    const sets: Sql[] = [sql`updated_at = now()`];
    for (const [field, column] of Object.entries(UPDATABLE) as [keyof AgentChange, string][]) {
      if (changes[field] !== undefined) sets.push(sql`${raw(column)} = ${changes[field]}`);
    }
    await this.db.execute(sql`UPDATE agents SET ${join(sets)} WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`);
  }

  @GenerateSql({
    params: [
      SAMPLE.UUID,
      [
        { skill: 'billing', proficiency: 3 },
        { skill: 'french', proficiency: 5 },
      ],
    ],
  })
  async replaceSkills(agentId: string, skills: readonly { skill: string; proficiency: number }[]): Promise<void> {
    const tenantId = this.db.tenantId;
    await this.db.execute(sql`DELETE FROM agent_skills WHERE tenant_id = ${tenantId} AND agent_id = ${agentId}`);
    if (skills.length === 0) return;
    const rows = skills.map((s) => sql`(${tenantId}, ${agentId}, ${s.skill}, ${s.proficiency})`);
    await this.db.execute(sql`INSERT INTO agent_skills (tenant_id, agent_id, skill, proficiency) VALUES ${join(rows)}`);
  }

  /** What scheduling needs of each agent, in one query. */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  workProfiles(agentIds: readonly string[]): Promise<AgentWorkProfileRow[]> {
    return this.db.many<AgentWorkProfileRow>(
      sql`SELECT a.id, a.name, a.team_id AS "teamId", t.time_zone AS "timeZone", a.user_id AS "userId",
                 a.employment_status AS "employmentStatus", a.contracted_weekly_hours::float8 AS "contractedWeeklyHours",
                 a.hourly_cost::float8 AS "hourlyCost", a.channels,
                 coalesce(array_agg(s.skill ORDER BY s.skill) FILTER (WHERE s.skill IS NOT NULL), '{}') AS skills
            FROM agents a JOIN teams t ON t.tenant_id = a.tenant_id AND t.id = a.team_id
            LEFT JOIN agent_skills s ON s.tenant_id = a.tenant_id AND s.agent_id = a.id
           WHERE a.tenant_id = ${this.db.tenantId} AND a.id = ANY(${agentIds}::uuid[])
           GROUP BY a.tenant_id, a.id, t.time_zone`,
    );
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  skillsOf(agentIds: readonly string[]): Promise<AgentSkillRow[]> {
    return this.db.many<AgentSkillRow>(
      sql`SELECT tenant_id AS "tenantId", agent_id AS "agentId", skill, proficiency
            FROM agent_skills WHERE tenant_id = ${this.db.tenantId} AND agent_id = ANY(${agentIds}::uuid[])
           ORDER BY skill`,
    );
  }
}
