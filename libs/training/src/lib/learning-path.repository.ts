import { queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { AgentLevel } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { LearningPathModel, LearningPathModuleModel, TrainingAssignmentRuleModel } from './graphql/learning-path.model';

interface PathRow {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

const PATH_COLUMNS = `id, name, description, created_at AS "createdAt", updated_at AS "updatedAt"`;
const RULE_COLUMNS = `id, team_id AS "teamId", level, path_id AS "pathId", created_at AS "createdAt"`;

export interface PathModuleRow extends LearningPathModuleModel {
  pathId: string;
}

@Injectable()
export class LearningPathRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(row: { id: string; name: string; description: string }): Promise<void> {
    await this.db.query(`INSERT INTO learning_paths (tenant_id, id, name, description) VALUES ($1, $2, $3, $4)`, [this.db.tenantId, row.id, row.name, row.description]);
  }

  async update(id: string, changes: { name?: string; description?: string }): Promise<void> {
    await this.db.query(
      `UPDATE learning_paths SET name = coalesce($2, name), description = coalesce($3, description), updated_at = now() WHERE id = $1`,
      [id, changes.name ?? null, changes.description ?? null],
    );
  }

  /** Locks the path row: changes to one path's modules go one at a time. */
  async lock(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM learning_paths WHERE id = $1 FOR UPDATE`, [id])).length > 0;
  }

  /** Replaces the path's modules and prerequisites with these, in this order. */
  async replaceModules(pathId: string, modules: readonly { moduleId: string; dueAfterDays: number; prerequisiteModuleIds: readonly string[] }[]): Promise<void> {
    await this.db.query(`DELETE FROM learning_path_modules WHERE path_id = $1`, [pathId]);
    await this.db.query(
      `INSERT INTO learning_path_modules (tenant_id, path_id, module_id, position, due_after_days)
       SELECT $1, $2, m.module_id, m.position, m.due_after_days
         FROM jsonb_to_recordset($3::jsonb) AS m(module_id uuid, position smallint, due_after_days integer)`,
      [this.db.tenantId, pathId, JSON.stringify(modules.map((m, position) => ({ module_id: m.moduleId, position, due_after_days: m.dueAfterDays })))],
    );
    const edges = modules.flatMap((m) => m.prerequisiteModuleIds.map((p) => ({ module_id: m.moduleId, prerequisite_id: p })));
    if (edges.length === 0) return;
    await this.db.query(
      `INSERT INTO learning_path_prerequisites (tenant_id, path_id, module_id, prerequisite_id)
       SELECT $1, $2, e.module_id, e.prerequisite_id FROM jsonb_to_recordset($3::jsonb) AS e(module_id uuid, prerequisite_id uuid)`,
      [this.db.tenantId, pathId, JSON.stringify(edges)],
    );
  }

  /** The modules of these paths in path order, each with its prerequisites. */
  modulesOf(pathIds: readonly string[]): Promise<PathModuleRow[]> {
    return this.db.query<PathModuleRow>(
      `SELECT pm.path_id AS "pathId", pm.module_id AS "moduleId", pm.position, pm.due_after_days AS "dueAfterDays",
              coalesce(array_agg(pr.prerequisite_id ORDER BY pr.prerequisite_id) FILTER (WHERE pr.prerequisite_id IS NOT NULL), '{}') AS "prerequisiteModuleIds"
         FROM learning_path_modules pm
         LEFT JOIN learning_path_prerequisites pr ON pr.tenant_id = pm.tenant_id AND pr.path_id = pm.path_id AND pr.module_id = pm.module_id
        WHERE pm.path_id = ANY($1::uuid[])
        GROUP BY pm.tenant_id, pm.path_id, pm.module_id
        ORDER BY pm.path_id, pm.position`,
      [pathIds],
    );
  }

  async findByIds(ids: readonly string[]): Promise<LearningPathModel[]> {
    const rows = await this.db.query<PathRow>(`SELECT ${PATH_COLUMNS} FROM learning_paths WHERE id = ANY($1::uuid[])`, [ids]);
    return this.withModules(rows);
  }

  async findById(id: string): Promise<LearningPathModel | undefined> {
    return (await this.findByIds([id]))[0];
  }

  async page(first: number, after?: string): Promise<{ rows: LearningPathModel[]; totalCount: number }> {
    const { rows, totalCount } = await queryPage<PathRow>(this.db, {
      columns: PATH_COLUMNS,
      from: 'learning_paths',
      filter: new SqlFilter(),
      keys: [{ expression: 'name', type: 'text' }],
      first,
      after,
    });
    return { rows: await this.withModules(rows), totalCount };
  }

  private async withModules(rows: PathRow[]): Promise<LearningPathModel[]> {
    if (rows.length === 0) return [];
    const modules = await this.modulesOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, modules: modules.filter((m) => m.pathId === r.id) }));
  }

  async insertRule(row: { id: string; teamId: string; level: AgentLevel; pathId: string; createdBy: string }): Promise<TrainingAssignmentRuleModel> {
    const [created] = await this.db.query<TrainingAssignmentRuleModel>(
      `INSERT INTO training_assignment_rules (tenant_id, id, team_id, level, path_id, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RULE_COLUMNS}`,
      [this.db.tenantId, row.id, row.teamId, row.level, row.pathId, row.createdBy],
    );
    return created!;
  }

  async findRule(id: string): Promise<TrainingAssignmentRuleModel | undefined> {
    const [row] = await this.db.query<TrainingAssignmentRuleModel>(`SELECT ${RULE_COLUMNS} FROM training_assignment_rules WHERE id = $1`, [id]);
    return row;
  }

  async deleteRule(id: string): Promise<void> {
    await this.db.query(`DELETE FROM training_assignment_rules WHERE id = $1`, [id]);
  }

  rulesFor(teamId: string, level: AgentLevel): Promise<TrainingAssignmentRuleModel[]> {
    return this.db.query<TrainingAssignmentRuleModel>(
      `SELECT ${RULE_COLUMNS} FROM training_assignment_rules WHERE team_id = $1 AND level = $2 ORDER BY created_at, id`,
      [teamId, level],
    );
  }

  rulesPage(filter: { teamId?: string; teamIds?: readonly string[] }, first: number, after?: string) {
    return queryPage<TrainingAssignmentRuleModel>(this.db, {
      columns: RULE_COLUMNS,
      from: 'training_assignment_rules',
      filter: new SqlFilter().addIf(filter.teamId, 'team_id = ?').addIf(filter.teamIds, 'team_id = ANY(?::uuid[])'),
      keys: [{ expression: 'created_at', type: 'timestamptz' }, { expression: 'id', type: 'uuid' }],
      first,
      after,
    });
  }

  /** Starts the path for the agent; an agent already on the path keeps the start they had. Returns the start in force. */
  async enroll(row: { agentId: string; pathId: string; teamId: string; startedOn: string; startedAt: Date; enrolledBy: string }): Promise<{ startedOn: string; startedAt: Date; created: boolean }> {
    const inserted = await this.db.query<{ startedOn: string; startedAt: Date }>(
      `INSERT INTO learning_path_enrollments (tenant_id, agent_id, path_id, team_id, started_on, started_at, enrolled_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, agent_id, path_id) DO NOTHING
       RETURNING started_on::text AS "startedOn", started_at AS "startedAt"`,
      [this.db.tenantId, row.agentId, row.pathId, row.teamId, row.startedOn, row.startedAt, row.enrolledBy],
    );
    if (inserted[0]) return { ...inserted[0], created: true };
    const [existing] = await this.db.query<{ startedOn: string; startedAt: Date }>(
      `SELECT started_on::text AS "startedOn", started_at AS "startedAt" FROM learning_path_enrollments WHERE agent_id = $1 AND path_id = $2`,
      [row.agentId, row.pathId],
    );
    return { ...existing!, created: false };
  }
}
