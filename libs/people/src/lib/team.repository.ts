import { decodeCursor, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TeamEntity } from './entities/team.entity';

@Injectable()
export class TeamRepository {
  constructor(private readonly db: TenantDatabase) {}

  findByIds(ids: readonly string[]): Promise<TeamEntity[]> {
    return this.db.manager.createQueryBuilder(TeamEntity, 't').where('t.id = ANY(:ids)', { ids }).getMany();
  }

  async findById(id: string): Promise<TeamEntity | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  /** Ordered by name, unique per tenant. `onlyIds` narrows to the teams a caller may see. */
  async page(first: number, after?: string): Promise<{ rows: TeamEntity[]; totalCount: number }> {
    const qb = this.db.manager.createQueryBuilder(TeamEntity, 't').orderBy('t.name').limit(first + 1);
    if (after) {
      const [name] = decodeCursor(after, ['string']);
      qb.where('t.name > :name', { name });
    }
    const rows = await qb.getMany();
    const totalCount = await this.db.manager.count(TeamEntity);
    return { rows, totalCount };
  }

  async insert(team: Omit<TeamEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.db.manager.insert(TeamEntity, team);
  }

  async update(id: string, changes: Partial<Pick<TeamEntity, 'name' | 'timeZone' | 'channels' | 'leadAgentId'>>): Promise<void> {
    await this.db.manager.update(TeamEntity, { id }, { ...changes, updatedAt: () => 'now()' });
  }

  async replaceCoordinators(teamId: string, userIds: readonly string[]): Promise<void> {
    await this.db.query(`DELETE FROM team_coordinators WHERE team_id = $1`, [teamId]);
    if (userIds.length > 0) {
      await this.db.query(
        `INSERT INTO team_coordinators (tenant_id, team_id, user_id)
         SELECT $1, $2, unnest($3::uuid[])`,
        [this.db.tenantId, teamId, userIds],
      );
    }
  }

  /** team id → coordinator user ids, for many teams at once. */
  async coordinatorsOf(teamIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ teamId: string; userIds: string[] }>(
      `SELECT team_id AS "teamId", array_agg(user_id ORDER BY user_id) AS "userIds"
         FROM team_coordinators WHERE team_id = ANY($1::uuid[]) GROUP BY team_id`,
      [teamIds],
    );
    return new Map(rows.map((r) => [r.teamId, r.userIds]));
  }

  /** The agents (active or not) of the teams a coordinator coordinates. */
  async agentsCoordinatedBy(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT a.id FROM team_coordinators c JOIN agents a ON a.tenant_id = c.tenant_id AND a.team_id = c.team_id
        WHERE c.tenant_id = $1 AND c.user_id = $2`,
      [this.db.tenantId, userId],
    );
    return rows.map((r) => r.id);
  }

  async teamsCoordinatedBy(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ teamId: string }>(`SELECT team_id AS "teamId" FROM team_coordinators WHERE user_id = $1`, [userId]);
    return rows.map((r) => r.teamId);
  }
}
