import { TeamAccessService, TeamRow, TeamService } from '@deskforce/people';
import { Actor, AppError, AuditLog, Role, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { BusinessCalendar, checkBusinessCalendar, compileBusinessCalendar, Weekday, WEEKDAYS } from './business-hours';
import { RecomputeTeamBusinessTimesInput, SetTeamBusinessCalendarInput } from './graphql/team-calendar.input';
import {
  ingestLock,
  RecomputeCursor,
  RecomputeResult,
  recomputeBusinessTimes,
  TeamCalendars,
} from './ingest/ingest-sql';
import { PerformanceRepository } from './kpi.repository';
import { CalendarRows, TeamCalendarRepository } from './team-calendar.repository';

/** A team's calendar as clients see it (and as the audit log records it). */
export interface BusinessCalendarView {
  timeZone: string;
  weekly: Record<Weekday, { start: string; end: string }[]>;
  holidays: { date: string; name: string }[];
  updatedAt: Date;
}

const minutesOf = (time: string) => (time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));
const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function viewOf(rows: CalendarRows, timeZone: string): BusinessCalendarView {
  const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as { start: string; end: string }[]])) as Record<
    Weekday,
    { start: string; end: string }[]
  >;
  for (const w of rows.windows)
    weekly[WEEKDAYS[w.weekday - 1]!].push({ start: timeOf(w.startMinute), end: timeOf(w.endMinute) });
  return {
    timeZone,
    weekly,
    holidays: rows.holidays.map((h) => ({ date: h.date, name: h.name })),
    updatedAt: rows.updatedAt,
  };
}

/**
 * Team business calendars: read with a team, replaced whole by an admin or the team's coordinator
 * (audited with before and after), and compiled for the ingest, which computes each contact's business
 * times with the calendar of its team when the contact is written.
 */
@Injectable()
export class TeamCalendarService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly calendars: TeamCalendarRepository,
    private readonly teams: TeamService,
    private readonly access: TeamAccessService,
    private readonly audit: AuditLog,
    private readonly repository: PerformanceRepository,
  ) {}

  /** For DataLoaders: the calendars of these teams in their order, null where a team has none. */
  ofTeams(actor: Actor, teams: readonly Pick<TeamRow, 'id' | 'timeZone'>[]): Promise<(BusinessCalendarView | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = await this.calendars.ofTeams(teams.map((t) => t.id));
      return teams.map((t) => {
        const rows = found.get(t.id);
        return rows ? viewOf(rows, t.timeZone) : null;
      });
    });
  }

  /**
   * Replaces a team's calendar in one transaction. No window on any day and no holidays removes it (24×7).
   * Every problem is refused at once, each naming its field (`input.weekly.monday.0.end`); nothing is written.
   */
  set(
    actor: Actor,
    input: SetTeamBusinessCalendarInput,
  ): Promise<{ team: TeamRow; calendar: BusinessCalendarView | null }> {
    return this.db.transaction(actor.tenantId, async () => {
      const team = await this.managedTeam(actor, input.teamId);
      const weekly = Object.fromEntries(
        WEEKDAYS.map((day) => [day, (input.weekly?.[day] ?? []).map((w) => ({ start: w.start, end: w.end }))]),
      ) as Record<Weekday, { start: string; end: string }[]>;
      const holidays = (input.holidays ?? []).map((h) => ({ date: h.date, name: h.name }));
      const calendar: BusinessCalendar = { zone: team.timeZone, weekly, holidays };
      const problems = checkBusinessCalendar(calendar).map((p) => ({
        field: p.field === 'zone' ? 'input.teamId' : `input.${p.field}`,
        message: p.field === 'zone' ? `the team's time zone ${p.message}` : p.message,
      }));
      const windows = WEEKDAYS.flatMap((day, d) =>
        weekly[day].map((w, position) => ({
          weekday: d + 1,
          position,
          startMinute: minutesOf(w.start),
          endMinute: minutesOf(w.end),
        })),
      );
      if (windows.length === 0 && holidays.length > 0)
        problems.push({
          field: 'input.weekly',
          message: 'has no working window: holidays need working hours (send neither to remove the calendar)',
        });
      if (problems.length > 0) throw AppError.badInput(problems);
      const before = (await this.calendars.ofTeams([team.id])).get(team.id);
      const now = new Date();
      if (windows.length === 0) await this.calendars.remove(team.id);
      else await this.calendars.replace(team.id, windows, holidays, now);
      const after = (await this.calendars.ofTeams([team.id])).get(team.id);
      const view = after ? viewOf(after, team.timeZone) : null;
      if (before || after) {
        await this.audit.record(actor, [
          {
            entityType: 'TEAM_BUSINESS_CALENDAR',
            entityId: team.id,
            action: !before ? 'CREATE' : !after ? 'DELETE' : 'UPDATE',
            before: before ? viewOf(before, team.timeZone) : null,
            after: view,
          },
        ]);
      }
      return { team, calendar: view };
    });
  }

  /**
   * Computes again, with the team's calendar now, the business times of up to `first` of its contacts
   * created in [from, to) (after the cursor), in one transaction; call again with `endCursor` until
   * `hasNextPage` is false. Who may: as for setting the calendar.
   */
  recompute(
    actor: Actor,
    input: RecomputeTeamBusinessTimesInput,
  ): Promise<RecomputeResult & { endCursor: string | null }> {
    if (input.to <= input.from) throw AppError.badInput({ field: 'input.to', message: 'must be after from' });
    if (input.to.getTime() - input.from.getTime() > 732 * 86_400_000)
      throw AppError.badInput({ field: 'input.to', message: 'must be at most 732 days after from' });
    const after = input.after === undefined ? null : cursorOf(input.after);
    return this.db.transaction(actor.tenantId, async () => {
      const team = await this.managedTeam(actor, input.teamId);
      const tenantId = this.repository.tenantId;
      const run = <T extends object>(statement: Sql) => this.repository.many<T>(statement);
      await run(ingestLock(tenantId, 'exclusive'));
      const calendar = (await this.compiledForIngest(actor, [team.id])).get(team.id.toLowerCase()) ?? null;
      const result = await recomputeBusinessTimes(
        run,
        tenantId,
        team.id,
        input,
        after,
        input.first,
        calendar,
        new Date(),
      );
      return { ...result, endCursor: result.next ? cursorText(result.next) : null };
    });
  }

  /** The team, when it is the organisation's and the actor may change its calendar (ADMIN, its COORDINATOR). */
  private async managedTeam(actor: Actor, teamId: string): Promise<TeamRow> {
    const team = (await this.teams.byIds(actor, [teamId]))[0];
    if (!team) throw AppError.notFound('Team', teamId, 'input.teamId');
    if (actor.role === Role.COORDINATOR) await this.access.assertManages(actor, [team.id]);
    else if (actor.role !== Role.ADMIN) throw AppError.forbidden();
    return team;
  }

  /**
   * The compiled calendars of every team of the open transaction's tenant that has one, in the teams'
   * zones now (for the ingest: one small read per batch, nothing more when no team has a calendar).
   */
  async compiledForIngest(actor: Actor, teamIds: readonly string[] | null = null): Promise<TeamCalendars> {
    const found = await this.calendars.ofTeams(teamIds);
    const compiled = new Map<string, ReturnType<typeof compileBusinessCalendar>>();
    if (found.size === 0) return compiled;
    const teams = await this.teams.byIds(actor, [...found.keys()]);
    for (const team of teams) {
      if (!team) continue;
      const view = viewOf(found.get(team.id)!, team.timeZone);
      compiled.set(
        team.id.toLowerCase(),
        compileBusinessCalendar({ zone: view.timeZone, weekly: view.weekly, holidays: view.holidays }),
      );
    }
    return compiled;
  }
}

/** A recompute cursor as opaque text (base64 of the last contact's creation time in ms and its id). */
function cursorText(cursor: RecomputeCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}:${cursor.id}`).toString('base64url');
}

function cursorOf(text: string): RecomputeCursor {
  const match = /^(-?\d{1,16}):(\d{1,19})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  const createdAt = match ? new Date(Number(match[1])) : null;
  if (!match || !createdAt || Number.isNaN(createdAt.getTime()))
    throw AppError.badInput({ field: 'input.after', message: 'is not an endCursor of this mutation' });
  return { createdAt, id: match[2]! };
}
