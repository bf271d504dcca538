import { Actor, AppError, Channel, ComputePool } from '@deskforce/platform';
import { AgentService } from '@deskforce/people';
import {
  availableSpans,
  AvailabilityService,
  SchedulePlanningService,
  ShiftDraft,
  ShiftTemplateModel,
  TemplateService,
} from '@deskforce/scheduling';
import { Injectable } from '@nestjs/common';
import { ScheduleAssignment, ScheduleWeights, ShiftTag } from '../optimize/schedule-problem.types';
import { ForecastService } from '../forecast.service';
import { RequirementsRequest, RequirementsService } from '../requirements.service';
import {
  MappedProblemData,
  ProblemSources,
  requiredAgentHours,
  templateFitsShiftLength,
  templateServesChannel,
} from './schedule-problem.mapping';
import { chosenDraftsTask, mapProblemTask, SCHEDULE_PROBLEM_WORKER_FILE } from './schedule-problem.worker';

/** How far around the window existing shifts and time off are read: a week's hours and a run of days. */
const AROUND_MS = 15 * 86_400_000;

export interface GenerationRequest extends RequirementsRequest {
  templateIds?: string[];
  weights?: Partial<ScheduleWeights>;
  /** Several channels in one problem (the first is `channel`); absent = `channel` only. */
  channels?: Channel[];
  /** Weekend and night shifts shared within a bound, counted over `fairnessWeeks` weeks before the window. */
  fairness?: { tag: ShiftTag; maxAboveFairShare: number }[];
  fairnessWeeks?: number;
  /** Paid-hour equivalents per agent and week whose days off are not consecutive. */
  consecutiveDaysOffWeight?: number;
}

export interface BuiltProblem extends MappedProblemData {
  /** What the problem was mapped from (to find the chosen candidates' drafts: `drafts`). */
  sources: ProblemSources;
  requiredAgentHours: number;
  /** With several channels: the required agent-hours of each. */
  channelRequiredAgentHours: { channel: Channel; requiredAgentHours: number }[] | null;
}

/** Gathers what a schedule generation needs through the other domains' services and maps it for the core. */
@Injectable()
export class ScheduleProblemBuilder {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly requirements: RequirementsService,
    private readonly agents: AgentService,
    private readonly templateService: TemplateService,
    private readonly planning: SchedulePlanningService,
    private readonly availability: AvailabilityService,
    private readonly compute: ComputePool,
  ) {}

  /**
   * The templates a job may build shifts from: the team's and the tenant-wide ones (or those asked for)
   * that serve the channel and keep the SHIFT_LENGTH rule. Checked when the job is requested, so that a
   * job that cannot produce anything is refused at once.
   */
  async usableTemplates(
    actor: Actor,
    teamId: string,
    channelOrChannels: Channel | readonly Channel[],
    templateIds?: readonly string[],
  ): Promise<ShiftTemplateModel[]> {
    const channels = typeof channelOrChannels === 'string' ? [channelOrChannels] : channelOrChannels;
    const serves = (template: ShiftTemplateModel): boolean => channels.some((c) => templateServesChannel(template, c));
    const channel = channels.join(', ');
    const available = await this.templateService.list(actor, teamId);
    const rules = await this.planning.effectiveRules(actor, teamId);
    if (templateIds) {
      const byId = new Map(available.map((t) => [t.id, t]));
      return templateIds.map((id, i) => {
        const template = byId.get(id);
        if (!template) throw AppError.notFound('Shift template', id, `input.templateIds.${i}`);
        if (!serves(template))
          throw AppError.badInput({
            field: `input.templateIds.${i}`,
            message: `the template is for ${template.channel}, not ${channel}`,
          });
        if (!templateFitsShiftLength(template, rules))
          throw AppError.badInput({
            field: `input.templateIds.${i}`,
            message: 'the template’s length breaks the SHIFT_LENGTH rule',
          });
        return template;
      });
    }
    const usable = available.filter((t) => serves(t) && templateFitsShiftLength(t, rules));
    if (usable.length === 0) {
      throw AppError.badInput({
        field: 'input.templateIds',
        message: `no shift template of the team serves ${channel} within the SHIFT_LENGTH rule; create one first`,
      });
    }
    return usable;
  }

  async build(
    actor: Actor,
    request: GenerationRequest,
    templates: readonly ShiftTemplateModel[],
    note: string,
  ): Promise<BuiltProblem> {
    const team = await this.forecasts.team(actor, request.teamId);
    const requirements = await this.requirements.compute(actor, request, { withCoverage: false });
    const required = requirements.intervals.map((i) => i.requiredAgents);
    // Other channels: each sized by its own default method with the same targets (one after another).
    let channelDemands: { channel: Channel; required: number[] }[] | undefined;
    if (request.channels) {
      channelDemands = [{ channel: request.channel, required }];
      for (const channel of request.channels.slice(1)) {
        const sized = await this.requirements.compute(
          actor,
          { ...request, channel, sizingMethod: undefined },
          { withCoverage: false },
        );
        channelDemands.push({ channel, required: sized.intervals.map((i) => i.requiredAgents) });
      }
    }
    const agentIds = await this.agents.activeAgentIds(actor, request.teamId);
    const agents = (await this.agents.workProfiles(actor, agentIds)).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    const rules = await this.planning.effectiveRules(actor, request.teamId);
    const aroundFrom = new Date(request.from.getTime() - AROUND_MS);
    const aroundTo = new Date(request.to.getTime() + AROUND_MS);
    // Fairness history reaches further back than the shifts the rules need: read once, split here.
    const historyFrom = new Date(request.from.getTime() - (request.fairnessWeeks ?? 0) * 7 * 86_400_000);
    const read = await this.planning.commitments(
      actor,
      agentIds,
      historyFrom < aroundFrom ? historyFrom : aroundFrom,
      aroundTo,
    );
    const shifts = read.shifts.filter((s) => s.endsAt > aroundFrom);
    const pastShifts = read.shifts.filter((s) => s.startsAt >= historyFrom && s.startsAt < request.from);
    const timeOff = read.timeOff;
    const stored = await this.availability.forAgents(actor, agentIds);
    const sources: ProblemSources = {
      availability: new Map(
        agentIds.map((id) => [id, availableSpans(stored.get(id) ?? null, team.timeZone, aroundFrom, aroundTo)]),
      ),
      preferences: new Map(agentIds.map((id) => [id, stored.get(id)?.preferences ?? []])),
      from: request.from,
      to: request.to,
      intervalMinutes: request.intervalMinutes,
      timeZone: team.timeZone,
      channel: request.channel,
      required,
      agents,
      templates,
      rules,
      shifts,
      timeOff,
      weights: request.weights,
      pastShifts,
      ...(request.fairness ? { fairness: request.fairness } : {}),
      ...(request.consecutiveDaysOffWeight ? { consecutiveDaysOffWeight: request.consecutiveDaysOffWeight } : {}),
      note,
      ...(channelDemands ? { channelDemands } : {}),
    };
    // Expanding every template for every agent is CPU work for a worker thread, not the event loop.
    const mapped = await this.compute.run<MappedProblemData>(
      actor.tenantId,
      { file: SCHEDULE_PROBLEM_WORKER_FILE, name: mapProblemTask.name },
      sources,
    );
    const total = channelDemands
      ? channelDemands.reduce((sum, c) => sum + requiredAgentHours(c.required, request.intervalMinutes), 0)
      : requiredAgentHours(required, request.intervalMinutes);
    return {
      ...mapped,
      sources,
      requiredAgentHours: total,
      channelRequiredAgentHours:
        channelDemands?.map((c) => ({
          channel: c.channel,
          requiredAgentHours: requiredAgentHours(c.required, request.intervalMinutes),
        })) ?? null,
    };
  }

  /** The draft shifts of the chosen candidates (mapped again in a worker thread: see schedule-problem.worker.ts). */
  drafts(actor: Actor, built: BuiltProblem, assignments: ScheduleAssignment[]): Promise<ShiftDraft[]> {
    if (assignments.every((a) => a.candidateIds.length === 0)) return Promise.resolve([]);
    return this.compute.run<ShiftDraft[]>(
      actor.tenantId,
      { file: SCHEDULE_PROBLEM_WORKER_FILE, name: chosenDraftsTask.name },
      { sources: built.sources, assignments },
    );
  }
}
