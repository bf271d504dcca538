import { and, chunks, GenerateSql, join, keysetPage, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { AgentLevel } from '@deskforce/people';
import { Injectable } from '@nestjs/common';

interface PathRow {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One module of a path, in path order, with its prerequisites among the path's modules. */
export interface PathModuleRow {
  pathId: string;
  moduleId: string;
  position: number;
  dueAfterDays: number;
  prerequisiteModuleIds: string[];
}

/** A path with its modules. */
export interface LearningPathRow extends PathRow {
  modules: PathModuleRow[];
}

export interface AssignmentRuleRow {
  id: string;
  teamId: string;
  level: AgentLevel;
  pathId: string;
  createdAt: Date;
}

const PATH_COLUMNS = sql`id, name, description, created_at AS "createdAt", updated_at AS "updatedAt"`;
const RULE_COLUMNS = sql`id, team_id AS "teamId", level, path_id AS "pathId", created_at AS "createdAt"`;

@Injectable()
export class LearningPathRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({ params: [{ id: SAMPLE.UUID, name: 'Onboarding', description: SAMPLE.TEXT }] })
  async insert(row: { id: string; name: string; description: string }): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO learning_paths (tenant_id, id, name, description) VALUES (${this.db.tenantId}, ${row.id}, ${row.name}, ${row.description})`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, { name: 'Onboarding' }] })
  async update(id: string, changes: { name?: string; description?: string }): Promise<void> {
    await this.db.execute(
      sql`UPDATE learning_paths SET name = coalesce(${changes.name ?? null}, name), description = coalesce(${changes.description ?? null}, description), updated_at = now()
           WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
  }

  /** Locks the path row: changes to one path's modules go one at a time. */
  @GenerateSql({ params: [SAMPLE.UUID] })
  async lock(id: string): Promise<boolean> {
    return (
      (await this.db.maybeOne(
        sql`SELECT 1 FROM learning_paths WHERE tenant_id = ${this.db.tenantId} AND id = ${id} FOR UPDATE`,
      )) !== undefined
    );
  }

  /** Replaces the path's modules and prerequisites with these, in this order (multi-row VALUES, in batches). */
  @GenerateSql({
    params: [
      SAMPLE.UUID,
      [
        { moduleId: SAMPLE.UUID2, dueAfterDays: 7, prerequisiteModuleIds: [] },
        { moduleId: SAMPLE.UUID3, dueAfterDays: 14, prerequisiteModuleIds: [SAMPLE.UUID2] },
      ],
    ],
  })
  async replaceModules(
    pathId: string,
    modules: readonly { moduleId: string; dueAfterDays: number; prerequisiteModuleIds: readonly string[] }[],
  ): Promise<void> {
    const tenantId = this.db.tenantId;
    await this.db.execute(sql`DELETE FROM learning_path_modules WHERE tenant_id = ${tenantId} AND path_id = ${pathId}`);
    for (const batch of chunks(modules.map((m, position) => ({ ...m, position })))) {
      await this.db.execute(
        sql`INSERT INTO learning_path_modules (tenant_id, path_id, module_id, position, due_after_days)
            VALUES ${join(batch.map((m) => sql`(${tenantId}, ${pathId}::uuid, ${m.moduleId}::uuid, ${m.position}::smallint, ${m.dueAfterDays}::integer)`))}`,
      );
    }
    const edges = modules.flatMap((m) =>
      m.prerequisiteModuleIds.map((prerequisiteId) => ({ moduleId: m.moduleId, prerequisiteId })),
    );
    for (const batch of chunks(edges)) {
      await this.db.execute(
        sql`INSERT INTO learning_path_prerequisites (tenant_id, path_id, module_id, prerequisite_id)
            VALUES ${join(batch.map((e) => sql`(${tenantId}, ${pathId}::uuid, ${e.moduleId}::uuid, ${e.prerequisiteId}::uuid)`))}`,
      );
    }
  }

  /** The modules of these paths in path order, each with its prerequisites. */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  modulesOf(pathIds: readonly string[]): Promise<PathModuleRow[]> {
    return this.db.many<PathModuleRow>(
      sql`SELECT pm.path_id AS "pathId", pm.module_id AS "moduleId", pm.position, pm.due_after_days AS "dueAfterDays",
                 coalesce(array_agg(pr.prerequisite_id ORDER BY pr.prerequisite_id) FILTER (WHERE pr.prerequisite_id IS NOT NULL), '{}') AS "prerequisiteModuleIds"
            FROM learning_path_modules pm
            LEFT JOIN learning_path_prerequisites pr ON pr.tenant_id = pm.tenant_id AND pr.path_id = pm.path_id AND pr.module_id = pm.module_id
           WHERE pm.tenant_id = ${this.db.tenantId} AND pm.path_id = ANY(${pathIds}::uuid[])
           GROUP BY pm.tenant_id, pm.path_id, pm.module_id
           ORDER BY pm.path_id, pm.position`,
    );
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]], answers: [[{ id: SAMPLE.UUID }]] })
  async findByIds(ids: readonly string[]): Promise<LearningPathRow[]> {
    const rows = await this.db.many<PathRow>(
      sql`SELECT ${PATH_COLUMNS} FROM learning_paths WHERE tenant_id = ${this.db.tenantId} AND id = ANY(${ids}::uuid[])`,
    );
    return this.withModules(rows);
  }

  @GenerateSql({ params: [SAMPLE.UUID], answers: [[{ id: SAMPLE.UUID }]] })
  async findById(id: string): Promise<LearningPathRow | undefined> {
    return (await this.findByIds([id]))[0];
  }

  @GenerateSql(
    { name: 'first page', params: [SAMPLE.FIRST], answers: [[{ count: 1 }], [{ id: SAMPLE.UUID }]] },
    { name: 'later page', params: [SAMPLE.FIRST, SAMPLE.cursor('Onboarding')] },
  )
  async page(first: number, after?: string): Promise<{ rows: LearningPathRow[]; totalCount: number }> {
    const { rows, totalCount } = await keysetPage<PathRow>(this.db, {
      columns: PATH_COLUMNS,
      from: sql`learning_paths`,
      where: sql`tenant_id = ${this.db.tenantId}`,
      keys: [{ column: 'name', type: 'text' }],
      first,
      after,
    });
    return { rows: await this.withModules(rows), totalCount };
  }

  private async withModules(rows: PathRow[]): Promise<LearningPathRow[]> {
    if (rows.length === 0) return [];
    const modules = await this.modulesOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, modules: modules.filter((m) => m.pathId === r.id) }));
  }

  @GenerateSql({
    params: [{ id: SAMPLE.UUID, teamId: SAMPLE.UUID2, level: 'ENTRY', pathId: SAMPLE.UUID3, createdBy: SAMPLE.UUID }],
  })
  async insertRule(row: {
    id: string;
    teamId: string;
    level: AgentLevel;
    pathId: string;
    createdBy: string;
  }): Promise<AssignmentRuleRow> {
    const created = await this.db.maybeOne<AssignmentRuleRow>(
      sql`INSERT INTO training_assignment_rules (tenant_id, id, team_id, level, path_id, created_by)
          VALUES (${this.db.tenantId}, ${row.id}, ${row.teamId}, ${row.level}, ${row.pathId}, ${row.createdBy}) RETURNING ${RULE_COLUMNS}`,
    );
    return created!;
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  findRule(id: string): Promise<AssignmentRuleRow | undefined> {
    return this.db.maybeOne<AssignmentRuleRow>(
      sql`SELECT ${RULE_COLUMNS} FROM training_assignment_rules WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async deleteRule(id: string): Promise<void> {
    await this.db.execute(
      sql`DELETE FROM training_assignment_rules WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, 'ENTRY'] })
  rulesFor(teamId: string, level: AgentLevel): Promise<AssignmentRuleRow[]> {
    return this.db.many<AssignmentRuleRow>(
      sql`SELECT ${RULE_COLUMNS} FROM training_assignment_rules
           WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId} AND level = ${level} ORDER BY created_at, id`,
    );
  }

  @GenerateSql(
    { name: 'first page, no filter', params: [{}, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [
        { teamId: SAMPLE.UUID, teamIds: [SAMPLE.UUID2] },
        SAMPLE.FIRST,
        SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2),
      ],
    },
  )
  rulesPage(
    filter: { teamId?: string; teamIds?: readonly string[] },
    first: number,
    after?: string,
  ): Promise<{ rows: AssignmentRuleRow[]; totalCount: number }> {
    return keysetPage<AssignmentRuleRow>(this.db, {
      columns: RULE_COLUMNS,
      from: sql`training_assignment_rules`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(
        filter.teamId !== undefined && filter.teamId !== null && sql`team_id = ${filter.teamId}`,
        filter.teamIds && sql`team_id = ANY(${filter.teamIds}::uuid[])`,
      )}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      first,
      after,
    });
  }

  /**
   * Starts the path for the agent; an agent already on the path keeps the start they had. Returns the start
   * in force. (The start date of a new enrolment is the one given: RETURNING casts nothing to text.)
   */
  @GenerateSql(
    {
      name: 'new enrolment',
      params: [
        {
          agentId: SAMPLE.UUID,
          pathId: SAMPLE.UUID2,
          teamId: SAMPLE.UUID3,
          startedOn: SAMPLE.DAY,
          startedAt: SAMPLE.NOW,
          enrolledBy: SAMPLE.UUID,
        },
      ],
      answers: [[{ startedAt: SAMPLE.NOW }]],
    },
    {
      name: 'already enrolled',
      params: [
        {
          agentId: SAMPLE.UUID,
          pathId: SAMPLE.UUID2,
          teamId: SAMPLE.UUID3,
          startedOn: SAMPLE.DAY,
          startedAt: SAMPLE.NOW,
          enrolledBy: SAMPLE.UUID,
        },
      ],
    },
  )
  async enroll(row: {
    agentId: string;
    pathId: string;
    teamId: string;
    startedOn: string;
    startedAt: Date;
    enrolledBy: string;
  }): Promise<{ startedOn: string; startedAt: Date; created: boolean }> {
    const tenantId = this.db.tenantId;
    const inserted = await this.db.maybeOne<{ startedAt: Date }>(
      sql`INSERT INTO learning_path_enrollments (tenant_id, agent_id, path_id, team_id, started_on, started_at, enrolled_by)
          VALUES (${tenantId}, ${row.agentId}, ${row.pathId}, ${row.teamId}, ${row.startedOn}, ${row.startedAt}, ${row.enrolledBy})
          ON CONFLICT (tenant_id, agent_id, path_id) DO NOTHING
          RETURNING started_at AS "startedAt"`,
    );
    if (inserted) return { startedOn: row.startedOn, startedAt: inserted.startedAt, created: true };
    const existing = await this.db.maybeOne<{ startedOn: string; startedAt: Date }>(
      sql`SELECT started_on::text AS "startedOn", started_at AS "startedAt" FROM learning_path_enrollments
           WHERE tenant_id = ${tenantId} AND agent_id = ${row.agentId} AND path_id = ${row.pathId}`,
    );
    return { ...existing!, created: false };
  }
}
