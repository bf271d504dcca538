import { Actor, AppError, AuditLog, ConnectionShape, TenantDatabase, toConnection } from '@deskforce/platform';
import { TeamService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LearningPathModel, TrainingAssignmentRuleModel } from './graphql/learning-path.model';
import {
  CreateLearningPathInput,
  CreateTrainingAssignmentRuleInput,
  LearningPathModuleInput,
  UpdateLearningPathInput,
} from './graphql/learning-path.input';
import { LearningPathRepository } from './learning-path.repository';
import { topologicalOrder } from './paths/prerequisite-graph';
import { TrainingAccess } from './training-access.service';
import { TrainingModuleRepository } from './training-module.repository';

@Injectable()
export class LearningPathService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly paths: LearningPathRepository,
    private readonly modules: TrainingModuleRepository,
    private readonly teams: TeamService,
    private readonly access: TrainingAccess,
    private readonly audit: AuditLog,
  ) {}

  list(actor: Actor, first: number, after?: string): Promise<ConnectionShape<LearningPathModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.paths.page(first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (p) => [p.name],
        (p) => p,
      );
    });
  }

  get(actor: Actor, id: string): Promise<LearningPathModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const path = await this.paths.findById(id);
      if (!path) throw AppError.notFound('Learning path', id);
      return path;
    });
  }

  byIds(actor: Actor, ids: readonly string[]): Promise<(LearningPathModel | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.paths.findByIds(ids)).map((p) => [p.id, p]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  create(actor: Actor, input: CreateLearningPathInput): Promise<LearningPathModel> {
    return this.db.transaction(actor.tenantId, async () => {
      await this.checkModules(input.modules, 'input.modules');
      const id = randomUUID();
      await this.paths.insert({ id, name: input.name.trim(), description: input.description });
      await this.paths.replaceModules(id, input.modules);
      const path = (await this.paths.findById(id))!;
      await this.audit.record(actor, [{ entityType: 'LEARNING_PATH', entityId: id, action: 'CREATE', after: path }]);
      return path;
    });
  }

  update(actor: Actor, input: UpdateLearningPathInput): Promise<LearningPathModel> {
    return this.db.transaction(actor.tenantId, async () => {
      if (!(await this.paths.lock(input.id))) throw AppError.notFound('Learning path', input.id);
      const before = (await this.paths.findById(input.id))!;
      if (input.modules) await this.checkModules(input.modules, 'input.modules');
      await this.paths.update(input.id, { name: input.name?.trim(), description: input.description });
      if (input.modules) await this.paths.replaceModules(input.id, input.modules);
      const path = (await this.paths.findById(input.id))!;
      await this.audit.record(actor, [
        { entityType: 'LEARNING_PATH', entityId: input.id, action: 'UPDATE', before, after: path },
      ]);
      return path;
    });
  }

  rules(
    actor: Actor,
    teamId: string | undefined,
    first: number,
    after?: string,
  ): Promise<ConnectionShape<TrainingAssignmentRuleModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const teamIds = await this.access.readableTeamIds(actor);
      const { rows, totalCount } = await this.paths.rulesPage({ teamId, teamIds }, first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => r,
      );
    });
  }

  createRule(actor: Actor, input: CreateTrainingAssignmentRuleInput): Promise<TrainingAssignmentRuleModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const [team] = await this.teams.byIds(actor, [input.teamId]);
      if (!team) throw AppError.notFound('Team', input.teamId, 'input.teamId');
      await this.access.assertMayTrain(actor, [input.teamId]);
      if (!(await this.paths.findById(input.pathId)))
        throw AppError.notFound('Learning path', input.pathId, 'input.pathId');
      const rule = await this.paths.insertRule({
        id: randomUUID(),
        teamId: input.teamId,
        level: input.level,
        pathId: input.pathId,
        createdBy: actor.userId,
      });
      await this.audit.record(actor, [
        { entityType: 'TRAINING_ASSIGNMENT_RULE', entityId: rule.id, action: 'CREATE', after: rule },
      ]);
      return rule;
    });
  }

  deleteRule(actor: Actor, id: string): Promise<string> {
    return this.db.transaction(actor.tenantId, async () => {
      const rule = await this.paths.findRule(id);
      if (!rule) throw AppError.notFound('Training assignment rule', id, 'input.id');
      await this.access.assertMayTrain(actor, [rule.teamId]);
      await this.paths.deleteRule(id);
      await this.audit.record(actor, [
        { entityType: 'TRAINING_ASSIGNMENT_RULE', entityId: id, action: 'DELETE', before: rule },
      ]);
      return id;
    });
  }

  /**
   * The modules of a path: each listed once, known, with prerequisites among the path's own modules, and no
   * prerequisite cycle (BAD_USER_INPUT naming the modules around it).
   */
  private async checkModules(modules: readonly LearningPathModuleInput[], field: string): Promise<void> {
    const position = new Map<string, number>();
    modules.forEach((m, i) => {
      if (position.has(m.moduleId))
        throw AppError.badInput({ field: `${field}.${i}.moduleId`, message: 'appears twice in the path' });
      position.set(m.moduleId, i);
    });
    const known = new Map((await this.modules.findByIds([...position.keys()])).map((m) => [m.id, m]));
    modules.forEach((m, i) => {
      if (!known.has(m.moduleId)) throw AppError.notFound('Training module', m.moduleId, `${field}.${i}.moduleId`);
      m.prerequisiteModuleIds.forEach((p, j) => {
        const where = `${field}.${i}.prerequisiteModuleIds.${j}`;
        if (p === m.moduleId)
          throw AppError.badInput({ field: where, message: 'a module cannot be its own prerequisite' });
        if (!position.has(p)) throw AppError.badInput({ field: where, message: 'must be a module of this path' });
      });
    });
    const graph = topologicalOrder(
      modules.map((m) => ({ moduleId: m.moduleId, prerequisiteIds: m.prerequisiteModuleIds })),
    );
    if (!graph.ok) {
      const first = Math.min(...graph.cycle.map((id) => position.get(id)!));
      const titles = graph.cycle.map((id) => `"${known.get(id)!.title}"`).join(' → ');
      throw AppError.badInput({
        field: `${field}.${first}.prerequisiteModuleIds`,
        message: `prerequisites form a cycle: ${titles}`,
      });
    }
  }
}
