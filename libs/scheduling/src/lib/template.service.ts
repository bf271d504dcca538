import { Actor, AppError, TenantDatabase } from '@deskforce/platform';
import { AgentService, TeamAccessService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ShiftTemplateModel } from './graphql/template.model';
import { ApplyShiftTemplateInput, CreateShiftTemplateInput } from './graphql/template.input';
import { Violation } from './rules/labor-rules';
import { expandTemplate } from './rules/template-expansion';
import { ShiftService } from './shift.service';
import { ShiftModel } from './graphql/shift.model';
import { TemplateRepository } from './template.repository';

const MAX_DAYS = 92;

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
