import { Actor, AppError, TenantDatabase, toConnection } from '@deskforce/platform';
import { TeamService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import {
  OnboardingProgressConnection,
  TrainingCompletionRowModel,
  TrainingImpactModel,
  TrainingImpactPairModel,
} from './graphql/training-report.model';
import { TrainingCompletionReportInput, TrainingImpactInput } from './graphql/training-report.input';
import { LearningPathRepository } from './learning-path.repository';
import { pairedDifference } from './math/paired-difference';
import { AgentMetricsSource, AgentMetricValue } from './metrics/agent-metrics.source';
import { TrainingAccess } from './training-access.service';
import { TrainingModuleRepository } from './training-module.repository';
import { TrainingReportRepository } from './training-report.repository';
import { HIGHER_IS_BETTER, TrainingReportGroupBy } from './training.enums';

const DAY_MS = 86_400_000;
const CONFIDENCE = 0.95;

/** Narrows the requested teams to the readable ones (undefined = every team); FORBIDDEN when asking for others. */
function narrow(
  requested: readonly string[] | undefined,
  readable: readonly string[] | undefined,
  field: string,
): readonly string[] | undefined {
  if (!readable) return requested;
  if (!requested) return readable;
  if (requested.some((id) => !readable.includes(id)))
    throw AppError.forbidden(`You do not coordinate every team in ${field}.`);
  return requested;
}

@Injectable()
export class TrainingReportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly reports: TrainingReportRepository,
    private readonly modules: TrainingModuleRepository,
    private readonly paths: LearningPathRepository,
    private readonly teams: TeamService,
    private readonly access: TrainingAccess,
    private readonly metrics: AgentMetricsSource,
  ) {}

  completion(actor: Actor, input: TrainingCompletionReportInput): Promise<TrainingCompletionRowModel[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const teamIds = narrow(input.teamIds, await this.access.readableTeamIds(actor), 'input.teamIds');
      const rows = await this.reports.completion(
        input.groupBy,
        { teamIds, pathIds: input.pathIds, moduleIds: input.moduleIds },
        new Date(),
      );
      let named = rows;
      if (input.groupBy === TrainingReportGroupBy.TEAM) {
        const teams = await this.teams.byIds(
          actor,
          rows.map((r) => r.groupId!),
        );
        named = rows
          .map((r, i) => ({ ...r, name: teams[i]?.name ?? null }))
          .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
      }
      return named.map((r) => ({
        ...r,
        completionRate: r.assigned - r.waived > 0 ? r.completed / (r.assigned - r.waived) : null,
      }));
    });
  }

  onboarding(
    actor: Actor,
    input: { pathId: string; teamIds?: string[] },
    first: number,
    after?: string,
  ): Promise<OnboardingProgressConnection> {
    return this.db.transaction(actor.tenantId, async () => {
      if (!(await this.paths.findById(input.pathId)))
        throw AppError.notFound('Learning path', input.pathId, 'input.pathId');
      const teamIds = narrow(input.teamIds, await this.access.readableTeamIds(actor), 'input.teamIds');
      const { rows, totalCount } = await this.reports.onboardingPage(input.pathId, teamIds, first, after);
      const summary = await this.reports.onboardingSummary(input.pathId, teamIds);
      return {
        ...toConnection(
          rows,
          first,
          totalCount,
          (r) => [r.startedOn, r.agentId],
          (r) => r,
        ),
        ...summary,
      };
    });
  }

  /**
   * For each agent who completed the module, each metric over the `windowDays` before and after completion,
   * paired per agent, with the paired 95% t interval of the mean change (math/paired-difference.ts).
   *
   * Windows are whole UTC days: before = the windowDays days ending at the start of the completion day,
   * after = the windowDays days starting the day after it (the completion day itself belongs to neither).
   * Agents whose after-window has not ended yet are left out (counted in completedAgents, not in
   * eligibleAgents); an agent without a value in either window is left out of that metric's pairs.
   */
  impact(actor: Actor, input: TrainingImpactInput): Promise<TrainingImpactModel> {
    return this.db.transaction(actor.tenantId, async () => {
      if (!(await this.modules.findById(input.moduleId)))
        throw AppError.notFound('Training module', input.moduleId, 'input.moduleId');
      const completions = await this.reports.completions(input.moduleId, await this.access.readableTeamIds(actor));
      const now = Date.now();
      const window = input.windowDays * DAY_MS;
      const byDay = new Map<number, { agentId: string; completedAt: Date }[]>();
      for (const c of completions) {
        const day = Math.floor(c.completedAt.getTime() / DAY_MS) * DAY_MS;
        if (day + DAY_MS + window > now) continue; // the after-window has not ended
        byDay.set(day, [...(byDay.get(day) ?? []), c]);
      }
      const values = new Map<string, { before?: AgentMetricValue; after?: AgentMetricValue }>(); // `${agentId}:${metric}`
      for (const [day, group] of byDay) {
        const agentIds = group.map((c) => c.agentId);
        const [before, after] = await Promise.all([
          this.metrics.agentMetrics(actor, {
            agentIds,
            metrics: input.metrics,
            from: new Date(day - window),
            to: new Date(day),
          }),
          this.metrics.agentMetrics(actor, {
            agentIds,
            metrics: input.metrics,
            from: new Date(day + DAY_MS),
            to: new Date(day + DAY_MS + window),
          }),
        ]);
        for (const v of before)
          values.set(`${v.agentId}:${v.metric}`, { ...values.get(`${v.agentId}:${v.metric}`), before: v });
        for (const v of after)
          values.set(`${v.agentId}:${v.metric}`, { ...values.get(`${v.agentId}:${v.metric}`), after: v });
      }
      const eligible = [...byDay.values()].flat();
      return {
        moduleId: input.moduleId,
        windowDays: input.windowDays,
        confidenceLevel: CONFIDENCE,
        completedAgents: completions.length,
        eligibleAgents: eligible.length,
        metrics: input.metrics.map((metric) => {
          const pairs: TrainingImpactPairModel[] = [];
          for (const c of eligible) {
            const v = values.get(`${c.agentId}:${metric}`);
            const before = v?.before?.value;
            const after = v?.after?.value;
            if (
              before === null ||
              before === undefined ||
              after === null ||
              after === undefined ||
              !Number.isFinite(before) ||
              !Number.isFinite(after)
            )
              continue;
            pairs.push({ agentId: c.agentId, completedAt: c.completedAt, before, after, difference: after - before });
          }
          const higherIsBetter = HIGHER_IS_BETTER[metric];
          return { metric, higherIsBetter, ...pairedDifference(pairs, higherIsBetter, CONFIDENCE), pairs };
        }),
      };
    });
  }
}
