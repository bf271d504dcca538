import { Actor, AppError, AuditLog, Role, TenantDatabase } from '@deskforce/platform';
import { AgentService, TeamAccessService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AvailabilityRepository, StoredAvailability } from './availability.repository';
import { AgentAvailabilityModel, ShiftPreferenceKind } from './graphql/availability.model';
import { SetAgentAvailabilityInput } from './graphql/availability.input';
import { TemplateRepository } from './template.repository';

const toMinute = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toTime = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export function toAvailabilityModel(agentId: string, stored: StoredAvailability): AgentAvailabilityModel {
  return {
    agentId,
    windows: stored.windows.map((w) => ({
      weekday: w.weekday,
      startTime: toTime(w.startMinute),
      endTime: toTime(w.endMinute),
    })),
    exceptions: stored.exceptions.map((e) => ({
      date: e.date,
      available: e.available,
      startTime: e.startMinute === null ? null : toTime(e.startMinute),
      endTime: e.endMinute === null ? null : toTime(e.endMinute),
      note: e.note,
    })),
    preferences: stored.preferences.map((p) => ({
      kind: p.kind as ShiftPreferenceKind,
      weekday: p.weekday,
      templateId: p.templateId,
      weight: p.weight,
    })),
  };
}

/**
 * Agents enter their own availability and wishes; coordinators (their teams), directors and admins read
 * them. Stored in scheduling because the AVAILABILITY labor rule and schedule generation read them.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly availability: AvailabilityRepository,
    private readonly templates: TemplateRepository,
    private readonly agents: AgentService,
    private readonly access: TeamAccessService,
    private readonly audit: AuditLog,
  ) {}

  /** Availability of `agentId` (default: the signed-in agent). */
  get(actor: Actor, agentId: string | undefined): Promise<AgentAvailabilityModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const id = await this.readable(actor, agentId);
      return toAvailabilityModel(id, (await this.availability.forAgents([id])).get(id)!);
    });
  }

  /** Raw availability of several agents (for the rule checks and schedule generation). */
  forAgents(actor: Actor, agentIds: readonly string[]): Promise<Map<string, StoredAvailability>> {
    return this.db.transaction(actor.tenantId, () => this.availability.forAgents(agentIds));
  }

  set(actor: Actor, input: SetAgentAvailabilityInput): Promise<AgentAvailabilityModel> {
    const windows = input.windows.map((w, i) => {
      const startMinute = toMinute(w.startTime);
      const endMinute = toMinute(w.endTime);
      if (endMinute <= startMinute)
        throw AppError.badInput({ field: `input.windows.${i}.endTime`, message: 'must be after startTime' });
      if (startMinute >= 1440)
        throw AppError.badInput({ field: `input.windows.${i}.startTime`, message: 'must be before 24:00' });
      return { weekday: w.weekday, startMinute, endMinute };
    });
    windows.forEach((w, i) => {
      const clash = windows.findIndex(
        (o, j) => j < i && o.weekday === w.weekday && o.startMinute < w.endMinute && w.startMinute < o.endMinute,
      );
      if (clash >= 0)
        throw AppError.badInput({
          field: `input.windows.${i}`,
          message: `overlaps window ${clash} of the same weekday`,
        });
    });
    const exceptions = input.exceptions.map((e, i) => {
      if (!DateTime.fromISO(e.date).isValid)
        throw AppError.badInput({ field: `input.exceptions.${i}.date`, message: 'is not a calendar date' });
      if ((e.startTime === undefined || e.startTime === null) !== (e.endTime === undefined || e.endTime === null)) {
        throw AppError.badInput({ field: `input.exceptions.${i}.endTime`, message: 'give both times or neither' });
      }
      const startMinute = e.startTime ? toMinute(e.startTime) : null;
      const endMinute = e.endTime ? toMinute(e.endTime) : null;
      if (startMinute !== null && endMinute !== null && endMinute <= startMinute)
        throw AppError.badInput({ field: `input.exceptions.${i}.endTime`, message: 'must be after startTime' });
      if (e.available && startMinute === null)
        throw AppError.badInput({
          field: `input.exceptions.${i}.startTime`,
          message: 'an extra available span needs its times',
        });
      return { date: e.date, available: e.available, startMinute, endMinute, note: e.note ?? null };
    });
    const preferences = input.preferences.map((p, i) => {
      if ((p.weekday ?? null) === null && (p.templateId ?? null) === null)
        throw AppError.badInput({ field: `input.preferences.${i}`, message: 'name a weekday, a template or both' });
      return { kind: p.kind, weekday: p.weekday ?? null, templateId: p.templateId ?? null, weight: p.weight };
    });
    return this.db.transaction(actor.tenantId, async () => {
      const agentId = await this.writable(actor, input.agentId);
      const templateIds = [...new Set(preferences.map((p) => p.templateId).filter((id): id is string => id !== null))];
      if (templateIds.length > 0) {
        const known = new Set<string>();
        for (const id of templateIds) if (await this.templates.findById(id)) known.add(id);
        const missing = preferences.findIndex((p) => p.templateId !== null && !known.has(p.templateId));
        if (missing >= 0)
          throw AppError.notFound(
            'Shift template',
            preferences[missing]!.templateId!,
            `input.preferences.${missing}.templateId`,
          );
      }
      const before = (await this.availability.forAgents([agentId])).get(agentId)!;
      await this.availability.replace(agentId, { windows, exceptions, preferences });
      const after = (await this.availability.forAgents([agentId])).get(agentId)!;
      await this.audit.record(actor, [
        { entityType: 'AGENT_AVAILABILITY', entityId: agentId, agentId, action: 'SET', before, after },
      ]);
      return toAvailabilityModel(agentId, after);
    });
  }

  /** Agents read their own; planners the agents of teams they manage (directors and admins all). */
  private async readable(actor: Actor, agentId: string | undefined): Promise<string> {
    if (actor.role === Role.AGENT || actor.role === Role.TRAINER || !agentId) return this.own(actor, agentId);
    const [profile] = await this.agents.workProfiles(actor, [agentId]);
    if (!profile) throw AppError.notFound('Agent', agentId, 'agentId');
    await this.access.assertManages(actor, [profile.teamId]);
    return agentId;
  }

  /** Agents set their own; admins anyone's (on the agent's word). */
  private async writable(actor: Actor, agentId: string | undefined): Promise<string> {
    if (actor.role !== Role.ADMIN || !agentId) return this.own(actor, agentId, 'input.agentId');
    const [profile] = await this.agents.workProfiles(actor, [agentId]);
    if (!profile) throw AppError.notFound('Agent', agentId, 'input.agentId');
    return agentId;
  }

  private async own(actor: Actor, agentId: string | undefined, field = 'agentId'): Promise<string> {
    const own = await this.agents.agentOfActor(actor);
    if (!own) throw AppError.badInput({ field, message: 'your account has no agent record: say which agent' });
    if (agentId && agentId !== own.id) throw AppError.forbidden('Agents can see and set only their own availability.');
    return own.id;
  }
}
