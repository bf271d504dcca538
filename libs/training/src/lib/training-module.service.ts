import { Actor, AppError, AuditLog, ConnectionShape, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TrainingModuleModel } from './graphql/training-module.model';
import {
  CreateTrainingModuleInput,
  TrainingModuleFilter,
  UpdateTrainingModuleInput,
} from './graphql/training-module.input';
import { TrainingAssignmentRepository } from './training-assignment.repository';
import { TrainingModuleRepository } from './training-module.repository';
import { TrainingCategory } from './training.enums';

/** Days a reopened POLICY acknowledgement is due in, when the new version does not say. */
const DEFAULT_REACKNOWLEDGE_DAYS = 14;

@Injectable()
export class TrainingModuleService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly modules: TrainingModuleRepository,
    private readonly assignments: TrainingAssignmentRepository,
    private readonly audit: AuditLog,
  ) {}

  list(
    actor: Actor,
    filter: TrainingModuleFilter = {},
    first: number,
    after?: string,
  ): Promise<ConnectionShape<TrainingModuleModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.modules.page(filter, first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (m) => [m.title],
        (m) => m,
      );
    });
  }

  get(actor: Actor, id: string): Promise<TrainingModuleModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const module = await this.modules.findById(id);
      if (!module) throw AppError.notFound('Training module', id);
      return module;
    });
  }

  byIds(actor: Actor, ids: readonly string[]): Promise<(TrainingModuleModel | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.modules.findByIds(ids)).map((m) => [m.id, m]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  create(actor: Actor, input: CreateTrainingModuleInput): Promise<TrainingModuleModel> {
    if (!input.contentUrl && !input.contentMarkdown)
      throw AppError.badInput({ field: 'input.contentUrl', message: 'give a content link, Markdown content, or both' });
    return this.db.transaction(actor.tenantId, async () => {
      const module = await this.modules.insert({
        id: randomUUID(),
        title: input.title.trim(),
        description: input.description,
        category: input.category,
        contentUrl: input.contentUrl ?? null,
        contentMarkdown: input.contentMarkdown ?? null,
        estimatedMinutes: input.estimatedMinutes,
        passingScore: input.passingScore ?? null,
      });
      await this.audit.record(actor, [
        { entityType: 'TRAINING_MODULE', entityId: module.id, action: 'CREATE', after: module },
      ]);
      return module;
    });
  }

  /**
   * Edits a module; with `newVersion` the version goes up by one, and for a POLICY module every completed
   * assignment opens again so that each agent acknowledges the new version (history keeps the old one).
   */
  update(
    actor: Actor,
    input: UpdateTrainingModuleInput,
  ): Promise<{ module: TrainingModuleModel; reopenedAssignmentCount: number }> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.modules.findById(input.id, 'UPDATE');
      if (!before) throw AppError.notFound('Training module', input.id);
      if (input.reacknowledgeDueAt && !input.newVersion) {
        throw AppError.badInput({ field: 'input.reacknowledgeDueAt', message: 'applies only with newVersion: true' });
      }
      const contentUrl = input.contentUrl === undefined ? before.contentUrl : input.contentUrl;
      const contentMarkdown = input.contentMarkdown === undefined ? before.contentMarkdown : input.contentMarkdown;
      if (!contentUrl && !contentMarkdown)
        throw AppError.badInput({
          field: 'input.contentUrl',
          message: 'a module keeps a content link, Markdown content, or both',
        });
      const module = await this.modules.update(
        input.id,
        {
          title: input.title?.trim(),
          description: input.description,
          contentUrl: input.contentUrl,
          contentMarkdown: input.contentMarkdown,
          estimatedMinutes: input.estimatedMinutes,
          passingScore: input.passingScore,
        },
        input.newVersion,
      );
      await this.audit.record(actor, [
        {
          entityType: 'TRAINING_MODULE',
          entityId: module.id,
          action: input.newVersion ? 'NEW_VERSION' : 'UPDATE',
          before,
          after: module,
        },
      ]);
      if (!input.newVersion || module.category !== TrainingCategory.POLICY)
        return { module, reopenedAssignmentCount: 0 };
      const dueAt = input.reacknowledgeDueAt ?? new Date(Date.now() + DEFAULT_REACKNOWLEDGE_DAYS * 86_400_000);
      const reopened = await this.assignments.reopenCompleted(module.id, dueAt);
      await this.audit.record(
        actor,
        reopened.map(({ before: b, after: a }) => ({
          entityType: 'TRAINING_ASSIGNMENT',
          entityId: a.id,
          agentId: a.agentId,
          action: 'REOPEN_FOR_NEW_VERSION',
          before: b,
          after: a,
        })),
      );
      return { module, reopenedAssignmentCount: reopened.length };
    });
  }
}
