import { GenerateSql, join, keysetPage, raw, SAMPLE, sql, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TeamRow } from './team-row';

export type NewTeam = Omit<TeamRow, 'tenantId' | 'createdAt' | 'updatedAt'>;
export type TeamChange = Partial<Pick<TeamRow, 'name' | 'timeZone' | 'channels' | 'leadAgentId'>>;

const COLUMNS = sql`t.tenant_id AS "tenantId", t.id, t.name, t.time_zone AS "timeZone", t.channels, t.lead_agent_id AS "leadAgentId",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** The column of each field an update may change. */
const UPDATABLE: Record<keyof TeamChange, string> = {
  name: 'name',
  timeZone: 'time_zone',
  channels: 'channels',
  leadAgentId: 'lead_agent_id',
};

/** SQL for teams and their coordinators. Every statement names its tenant. */
@Injectable()
export class TeamRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  findByIds(ids: readonly string[]): Promise<TeamRow[]> {
    return this.db.many<TeamRow>(
      sql`SELECT ${COLUMNS} FROM teams t WHERE t.tenant_id = ${this.db.tenantId} AND t.id = ANY(${ids}::uuid[])`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async findById(id: string): Promise<TeamRow | null> {
    return (
      (await this.db.maybeOne<TeamRow>(
        sql`SELECT ${COLUMNS} FROM teams t WHERE t.tenant_id = ${this.db.tenantId} AND t.id = ${id}`,
      )) ?? null
    );
  }

  /** Ordered by name, unique per tenant. */
  @GenerateSql(
    { name: 'first page', params: [SAMPLE.FIRST] },
    { name: 'later page', params: [SAMPLE.FIRST, SAMPLE.cursor('Support')] },
  )
  page(first: number, after?: string): Promise<{ rows: TeamRow[]; totalCount: number }> {
    return keysetPage<TeamRow>(this.db, {
      columns: COLUMNS,
      from: sql`teams t`,
      where: sql`t.tenant_id = ${this.db.tenantId}`,
      keys: [{ column: 't.name', type: 'text' }],
      first,
      after,
    });
  }

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        name: 'Support',
        timeZone: 'Europe/Paris',
        channels: ['PHONE', 'EMAIL'],
        leadAgentId: SAMPLE.UUID2,
      },
    ],
  })
  async insert(team: NewTeam): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO teams (tenant_id, id, name, time_zone, channels, lead_agent_id)
          VALUES (${this.db.tenantId}, ${team.id}, ${team.name}, ${team.timeZone}, ${team.channels}, ${team.leadAgentId})`,
    );
  }

  /** Sets what is given (and updated_at, even when nothing else is: a change of coordinators touches the team). */
  @GenerateSql(
    {
      name: 'every field',
      params: [SAMPLE.UUID, { name: 'Support', timeZone: 'Europe/Paris', channels: ['CHAT'], leadAgentId: null }],
    },
    { name: 'touch only', params: [SAMPLE.UUID, {}] },
  )
  async update(id: string, changes: TeamChange): Promise<void> {
    const sets: Sql[] = [sql`updated_at = now()`];
    for (const [field, column] of Object.entries(UPDATABLE) as [keyof TeamChange, string][]) {
      if (changes[field] !== undefined) sets.push(sql`${raw(column)} = ${changes[field]}`);
    }
    await this.db.execute(sql`UPDATE teams SET ${join(sets)} WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`);
  }

  @GenerateSql({ params: [SAMPLE.UUID, [SAMPLE.UUID2, SAMPLE.UUID3]] })
  async replaceCoordinators(teamId: string, userIds: readonly string[]): Promise<void> {
    const tenantId = this.db.tenantId;
    await this.db.execute(sql`DELETE FROM team_coordinators WHERE tenant_id = ${tenantId} AND team_id = ${teamId}`);
    if (userIds.length === 0) return;
    const rows = userIds.map((userId) => sql`(${tenantId}, ${teamId}, ${userId})`);
    await this.db.execute(sql`INSERT INTO team_coordinators (tenant_id, team_id, user_id) VALUES ${join(rows)}`);
  }

  /** team id → coordinator user ids, for many teams at once. */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  async coordinatorsOf(teamIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.many<{ teamId: string; userIds: string[] }>(
      sql`SELECT team_id AS "teamId", array_agg(user_id ORDER BY user_id) AS "userIds"
            FROM team_coordinators WHERE tenant_id = ${this.db.tenantId} AND team_id = ANY(${teamIds}::uuid[]) GROUP BY team_id`,
    );
    return new Map(rows.map((r) => [r.teamId, r.userIds]));
  }

  /** The agents (active or not) of the teams a coordinator coordinates. */
  @GenerateSql({ params: [SAMPLE.UUID] })
  async agentsCoordinatedBy(userId: string): Promise<string[]> {
    const rows = await this.db.many<{ id: string }>(
      sql`SELECT a.id FROM team_coordinators c JOIN agents a ON a.tenant_id = c.tenant_id AND a.team_id = c.team_id
           WHERE c.tenant_id = ${this.db.tenantId} AND c.user_id = ${userId}`,
    );
    return rows.map((r) => r.id);
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async teamsCoordinatedBy(userId: string): Promise<string[]> {
    const rows = await this.db.many<{ teamId: string }>(
      sql`SELECT team_id AS "teamId" FROM team_coordinators WHERE tenant_id = ${this.db.tenantId} AND user_id = ${userId}`,
    );
    return rows.map((r) => r.teamId);
  }
}
