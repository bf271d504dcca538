import { Actor, AppError, TenantDatabase } from '@deskforce/platform';
import { AgentService, TeamAccessService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ShiftTemplateModel, TemplateActivityModel } from './graphql/template.model';
import { ApplyShiftTemplateInput, CreateShiftTemplateInput } from './graphql/template.input';
import { Violation } from './rules/labor-rules';
import { ShiftDraft, ShiftService } from './shift.service';
import { ShiftModel } from './graphql/shift.model';
import { TemplateRepository } from './template.repository';

const MAX_DAYS = 92;

/**
 * Where each activity of a template goes in one agent's shift: agents are staggered in 15-minute steps
 * across each activity's window (so that not everyone lunches at once), and an activity that would
 * collide with the previous one is pushed after it.
 */
export function placeActivities(
  activities: readonly TemplateActivityModel[],
  agentIndex: number,
): { type: TemplateActivityModel['type']; offsetMinutes: number; durationMinutes: number }[] {
  const placed: { type: TemplateActivityModel['type']; offsetMinutes: number; durationMinutes: number }[] = [];
  for (const activity of [...activities].sort((a, b) => a.earliestStartMinutes - b.earliestStartMinutes)) {
    const slots = Math.floor((activity.latestStartMinutes - activity.earliestStartMinutes) / 15) + 1;
    let offset = activity.earliestStartMinutes + (agentIndex % slots) * 15;
    const previous = placed.at(-1);
    if (previous && offset < previous.offsetMinutes + previous.durationMinutes)
      offset = previous.offsetMinutes + previous.durationMinutes;
    placed.push({ type: activity.type, offsetMinutes: offset, durationMinutes: activity.durationMinutes });
  }
  return placed;
}

/**
 * When a template's shifts start between two local dates (inclusive), in the team's time zone: a 09:00
 * template starts at 09:00 local on both sides of a daylight-saving change.
 */
export function templateStarts(template: ShiftTemplateModel, timeZone: string, from: string, to: string): Date[] {
  const [hour, minute] = template.startTime.split(':').map(Number) as [number, number];
  const last = DateTime.fromISO(to, { zone: timeZone });
  const starts: Date[] = [];
  for (let day = DateTime.fromISO(from, { zone: timeZone }); day <= last; day = day.plus({ days: 1 })) {
    if (template.daysOfWeek.includes(day.weekday))
      starts.push(day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate());
  }
  return starts;
}

/** One shift of a template starting at `startsAt`, its activities staggered for the agent. The length is real elapsed time. */
export function templateDraft(
  template: ShiftTemplateModel,
  startsAt: Date,
  agentIndex: number,
): Omit<ShiftDraft, 'agentId'> {
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + template.durationMinutes * 60_000),
    channel: template.channel,
    skill: template.skill,
    templateId: template.id,
    activities: placeActivities(template.activities, agentIndex).map((a) => ({
      type: a.type,
      startsAt: new Date(startsAt.getTime() + a.offsetMinutes * 60_000),
      endsAt: new Date(startsAt.getTime() + (a.offsetMinutes + a.durationMinutes) * 60_000),
      note: null,
      reference: null,
    })),
  };
}

/** The shifts a template makes for one agent between two local dates (inclusive), in the team's time zone. */
export function expandTemplate(
  template: ShiftTemplateModel,
  timeZone: string,
  from: string,
  to: string,
  agentIndex: number,
): Omit<ShiftDraft, 'agentId'>[] {
  return templateStarts(template, timeZone, from, to).map((startsAt) => templateDraft(template, startsAt, agentIndex));
}

@Injectable()
export class TemplateService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly templates: TemplateRepository,
    private readonly shifts: ShiftService,
    private readonly agents: AgentService,
    private readonly access: TeamAccessService,
  ) {}

  list(actor: Actor, teamId?: string): Promise<ShiftTemplateModel[]> {
    return this.db.transaction(actor.tenantId, () => this.templates.list(teamId));
  }

  create(actor: Actor, input: CreateShiftTemplateInput): Promise<ShiftTemplateModel> {
    input.activities.forEach((a, i) => {
      const field = `input.activities.${i}`;
      if (a.latestStartMinutes < a.earliestStartMinutes)
        throw AppError.badInput({
          field: `${field}.latestStartMinutes`,
          message: 'must not be before earliestStartMinutes',
        });
      if (a.latestStartMinutes + a.durationMinutes > input.durationMinutes)
        throw AppError.badInput({
          field: `${field}.latestStartMinutes`,
          message: 'the activity must end inside the shift',
        });
    });
    return this.db.transaction(actor.tenantId, async () => {
      // A tenant-wide template is offered to every team's generation: only admins and directors make one.
      if (input.teamId) await this.access.assertManages(actor, [input.teamId]);
      else
        this.access.assertManagesEveryTeam(
          actor,
          'Only admins and directors create tenant-wide templates; give the teamId of a team you coordinate.',
        );
      return this.templates.insert({
        teamId: input.teamId ?? null,
        name: input.name.trim(),
        startTime: input.startTime,
        durationMinutes: input.durationMinutes,
        daysOfWeek: [...input.daysOfWeek].sort((a, b) => a - b),
        channel: input.channel ?? null,
        skill: input.skill ?? null,
        activities: input.activities.map((a) => ({
          type: a.type,
          durationMinutes: a.durationMinutes,
          earliestStartMinutes: a.earliestStartMinutes,
          latestStartMinutes: a.latestStartMinutes,
        })),
      });
    });
  }

  /** All the template's shifts for all the agents, or none: every hard violation is listed when it refuses. */
  apply(actor: Actor, input: ApplyShiftTemplateInput): Promise<{ shifts: ShiftModel[]; warnings: Violation[] }> {
    const days = DateTime.fromISO(input.to).diff(DateTime.fromISO(input.from), 'days').days;
    if (!DateTime.fromISO(input.from).isValid)
      throw AppError.badInput({ field: 'input.from', message: 'must be a date, YYYY-MM-DD' });
    if (!DateTime.fromISO(input.to).isValid || days < 0)
      throw AppError.badInput({ field: 'input.to', message: 'must be a date on or after from' });
    if (days >= MAX_DAYS) throw AppError.badInput({ field: 'input.to', message: `at most ${MAX_DAYS} days at once` });
    return this.db.transaction(actor.tenantId, async () => {
      const template = await this.templates.findById(input.templateId);
      if (!template) throw AppError.notFound('Shift template', input.templateId, 'input.templateId');
      const agentIds = [...new Set(input.agentIds)];
      const profiles = await this.agents.workProfiles(actor, agentIds);
      const missing = agentIds.find((id) => !profiles.some((p) => p.id === id));
      if (missing) throw AppError.notFound('Agent', missing, 'input.agentIds');
      if (template.teamId && profiles.some((p) => p.teamId !== template.teamId)) {
        throw AppError.badInput({ field: 'input.agentIds', message: 'every agent must belong to the template’s team' });
      }
      const byId = new Map(profiles.map((p) => [p.id, p]));
      const drafts = agentIds.flatMap((agentId, index) =>
        expandTemplate(template, byId.get(agentId)!.timeZone, input.from, input.to, index).map((draft) => ({
          ...draft,
          agentId,
        })),
      );
      const results = await this.shifts.createDrafts(actor, drafts, 'APPLY_TEMPLATE');
      return { shifts: results.map((r) => r.shift), warnings: results.flatMap((r) => r.warnings) };
    });
  }
}
