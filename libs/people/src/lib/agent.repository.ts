import { Channel, decodeCursor, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { AgentEntity, AgentSkillEntity } from './entities/agent.entity';
import { AgentFilter } from './graphql/agent.input';
import { EmploymentStatus } from './people.enums';

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

export interface AgentPageQuery {
  filter?: AgentFilter;
  first: number;
  after?: string;
  /** When set, only the agent linked to this user (the AGENT role's view). */
  onlyUserId?: string;
}

@Injectable()
export class AgentRepository {
  constructor(private readonly db: TenantDatabase) {}

  findByIds(ids: readonly string[]): Promise<AgentEntity[]> {
    return this.db.manager.createQueryBuilder(AgentEntity, 'a').where('a.id = ANY(:ids)', { ids }).getMany();
  }

  async findById(id: string): Promise<AgentEntity | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  findByUserId(userId: string): Promise<AgentEntity | null> {
    return this.db.manager.findOneBy(AgentEntity, { userId });
  }

  findByUserIds(userIds: readonly string[]): Promise<AgentEntity[]> {
    return this.db.manager.createQueryBuilder(AgentEntity, 'a').where('a.user_id = ANY(:userIds)', { userIds }).getMany();
  }

  /** Ordered by name then id: a stable keyset even with namesakes. */
  async page(query: AgentPageQuery): Promise<{ rows: AgentEntity[]; totalCount: number }> {
    const qb = this.db.manager.createQueryBuilder(AgentEntity, 'a');
    const f = query.filter ?? {};
    if (query.onlyUserId) qb.andWhere('a.user_id = :userId', { userId: query.onlyUserId });
    if (f.teamIds) qb.andWhere('a.team_id = ANY(:teamIds)', { teamIds: f.teamIds });
    if (f.levels) qb.andWhere('a.level = ANY(:levels)', { levels: f.levels });
    if (f.employmentStatuses) qb.andWhere('a.employment_status = ANY(:statuses)', { statuses: f.employmentStatuses });
    if (f.channel) qb.andWhere(':channel = ANY(a.channels)', { channel: f.channel });
    if (f.skill) qb.andWhere('EXISTS (SELECT 1 FROM agent_skills s WHERE s.agent_id = a.id AND s.skill = :skill)', { skill: f.skill });
    if (f.search) {
      const pattern = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(a.name ILIKE :pattern OR a.email ILIKE :pattern)', { pattern });
    }
    const totalCount = await qb.getCount();
    if (query.after) {
      const [name, id] = decodeCursor(query.after, ['string', 'string']);
      qb.andWhere('(a.name, a.id) > (:name, CAST(:id AS uuid))', { name, id });
    }
    const rows = await qb.orderBy('a.name').addOrderBy('a.id').limit(query.first + 1).getMany();
    return { rows, totalCount };
  }

  async insert(agent: Omit<AgentEntity, 'createdAt' | 'updatedAt' | 'terminatedAt'>): Promise<void> {
    await this.db.manager.insert(AgentEntity, agent);
  }

  async update(id: string, changes: Partial<Omit<AgentEntity, 'tenantId' | 'id' | 'createdAt' | 'updatedAt'>>): Promise<void> {
    await this.db.manager.update(AgentEntity, { id }, { ...changes, updatedAt: () => 'now()' });
  }

  async replaceSkills(agentId: string, skills: readonly { skill: string; proficiency: number }[]): Promise<void> {
    await this.db.manager.delete(AgentSkillEntity, { agentId });
    if (skills.length > 0) {
      await this.db.manager.insert(
        AgentSkillEntity,
        skills.map((s) => ({ tenantId: this.db.tenantId, agentId, skill: s.skill, proficiency: s.proficiency })),
      );
    }
  }

  /** What scheduling needs of each agent, in one query. */
  workProfiles(agentIds: readonly string[]): Promise<AgentWorkProfileRow[]> {
    return this.db.query<AgentWorkProfileRow>(
      `SELECT a.id, a.name, a.team_id AS "teamId", t.time_zone AS "timeZone", a.user_id AS "userId",
              a.employment_status AS "employmentStatus", a.contracted_weekly_hours::float8 AS "contractedWeeklyHours",
              a.hourly_cost::float8 AS "hourlyCost", a.channels,
              coalesce(array_agg(s.skill ORDER BY s.skill) FILTER (WHERE s.skill IS NOT NULL), '{}') AS skills
         FROM agents a JOIN teams t ON t.id = a.team_id
         LEFT JOIN agent_skills s ON s.agent_id = a.id
        WHERE a.id = ANY($1::uuid[])
        GROUP BY a.tenant_id, a.id, t.time_zone`,
      [agentIds],
    );
  }

  skillsOf(agentIds: readonly string[]): Promise<AgentSkillEntity[]> {
    return this.db.manager
      .createQueryBuilder(AgentSkillEntity, 's')
      .where('s.agent_id = ANY(:agentIds)', { agentIds })
      .orderBy('s.skill')
      .getMany();
  }
}
