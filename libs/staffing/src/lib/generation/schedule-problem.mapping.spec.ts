import { AgentWorkProfileRow, EmploymentStatus } from '@deskforce/people';
import { Channel } from '@deskforce/platform';
import {
  ActivityType,
  DEFAULT_RULES,
  Enforcement,
  LaborRule,
  RuleSetting,
  ShiftModel,
  ShiftStatus,
  ShiftTemplateModel,
} from '@deskforce/scheduling';
import { mapScheduleProblem, ProblemSources, shiftTags, templateFitsShiftLength } from './schedule-problem.mapping';

const RULES: RuleSetting[] = Object.values(DEFAULT_RULES);

function agent(id: string, extra: Partial<AgentWorkProfileRow> = {}): AgentWorkProfileRow {
  return {
    id,
    name: id,
    teamId: 'team',
    timeZone: 'Europe/Warsaw',
    userId: null,
    employmentStatus: EmploymentStatus.ACTIVE,
    contractedWeeklyHours: 40,
    hourlyCost: 20,
    channels: [Channel.PHONE],
    skills: ['billing'],
    ...extra,
  };
}

function template(id: string, extra: Partial<ShiftTemplateModel> = {}): ShiftTemplateModel {
  return {
    id,
    teamId: 'team',
    name: id,
    startTime: '09:00',
    durationMinutes: 510,
    daysOfWeek: [1, 2, 3, 4, 5],
    channel: null,
    skill: null,
    activities: [{ type: ActivityType.LUNCH, durationMinutes: 30, earliestStartMinutes: 240, latestStartMinutes: 240 }],
    ...extra,
  };
}

function shift(
  id: string,
  agentId: string,
  startsAt: string,
  endsAt: string,
  extra: Partial<ShiftModel> = {},
): ShiftModel {
  return {
    id,
    agentId,
    teamId: 'team',
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    status: ShiftStatus.PUBLISHED,
    channel: null,
    skill: null,
    templateId: null,
    note: null,
    version: 1,
    activities: [],
    publishedAt: null,
    updatedAt: new Date(),
    ...extra,
  };
}

/** Wednesday 25 to Wednesday 1 April 2026 in Warsaw, across the change to summer time on Sunday 29 March, hourly. */
function sources(extra: Partial<ProblemSources> = {}): ProblemSources {
  const from = new Date('2026-03-24T23:00:00Z'); // Wednesday 00:00 +01:00
  const to = new Date('2026-03-31T22:00:00Z'); // Wednesday 00:00 +02:00
  const hours = (to.getTime() - from.getTime()) / 3_600_000;
  return {
    from,
    to,
    intervalMinutes: 60,
    timeZone: 'Europe/Warsaw',
    channel: Channel.PHONE,
    required: new Array<number>(hours).fill(1),
    agents: [agent('a'), agent('b')],
    templates: [template('day')],
    rules: RULES,
    shifts: [],
    timeOff: [],
    note: 'generated',
    ...extra,
  };
}

describe('mapScheduleProblem', () => {
  it('counts intervals in real time and days in the local calendar from the Monday of the first week, across a DST change', () => {
    const { problem, draftFor, candidateCount } = mapScheduleProblem(sources());
    expect(problem.intervalCount).toBe(167); // a week with a 23-hour Sunday
    const [a] = problem.agents;
    // Weekdays only: Wed 25, Thu 26, Fri 27, Mon 30, Tue 31.
    expect(a!.candidates.map((c) => [c.candidateId, c.dayIndex, c.startInterval, c.endInterval])).toEqual([
      ['day@2026-03-25', 2, 9, 18],
      ['day@2026-03-26', 3, 33, 42],
      ['day@2026-03-27', 4, 57, 66],
      // 09:00 local is 07:00Z after the change: one interval earlier than the week's rhythm.
      ['day@2026-03-30', 7, 128, 137],
      ['day@2026-03-31', 8, 152, 161],
    ]);
    // The lunch (13:00-13:30 local) and the half hour after 17:00 leave two intervals not fully worked; 8 paid hours.
    expect(a!.candidates[0]).toMatchObject({ nonWorkingIntervals: [13, 17], paidHours: 8 });
    expect(candidateCount).toBe(10);
    expect(draftFor('a', 'day@2026-03-30')).toMatchObject({
      agentId: 'a',
      startsAt: new Date('2026-03-30T07:00:00Z'),
      channel: Channel.PHONE,
      note: 'generated',
      templateId: 'day',
    });
    // Default rules: contract + 8 h, 11 h rest, 6 days in a row.
    expect(a).toMatchObject({ maxWeeklyHours: 48, minRestHours: 11, maxConsecutiveDays: 6, hourlyCost: 20 });
  });

  it('keeps existing shifts as fixed: rounded outward, covering only the whole intervals worked on the channel', () => {
    const { problem } = mapScheduleProblem(
      sources({
        shifts: [
          // Before the window, in its ISO week: counts toward the week's hours and the run of days.
          shift('monday', 'a', '2026-03-23T08:00:00Z', '2026-03-23T16:00:00Z'),
          // 10:15-18:45 local with a 15-minute break at 12:00: the 10:00, 12:00 and 18:00 intervals are not fully worked.
          shift('thursday', 'a', '2026-03-26T09:15:00Z', '2026-03-26T17:45:00Z', {
            activities: [
              {
                id: 'x',
                type: ActivityType.BREAK,
                startsAt: new Date('2026-03-26T11:00:00Z'),
                endsAt: new Date('2026-03-26T11:15:00Z'),
                note: null,
                reference: null,
              },
            ],
          }),
          // A chat shift occupies the agent but covers nothing for the phones.
          shift('chat', 'b', '2026-03-25T08:00:00Z', '2026-03-25T12:00:00Z', { channel: Channel.CHAT }),
        ],
      }),
    );
    const [a, b] = problem.agents;
    expect(a!.fixedShifts).toEqual([
      { shiftId: 'monday', dayIndex: 0, startInterval: -39, endInterval: -31, nonWorkingIntervals: [], paidHours: 8 },
      {
        shiftId: 'thursday',
        dayIndex: 3,
        startInterval: 34,
        endInterval: 43,
        nonWorkingIntervals: [34, 36, 42],
        paidHours: 8.25,
      },
    ]);
    expect(b!.fixedShifts).toEqual([
      {
        shiftId: 'chat',
        dayIndex: 2,
        startInterval: 9,
        endInterval: 13,
        nonWorkingIntervals: [9, 10, 11, 12],
        paidHours: 4,
      },
    ]);
  });

  it('offers no candidate in time off, off the agent’s channels or skills, or to agents on leave', () => {
    const { problem } = mapScheduleProblem(
      sources({
        agents: [
          agent('a'),
          agent('leave', { employmentStatus: EmploymentStatus.ON_LEAVE }),
          agent('chat', { channels: [Channel.CHAT] }),
        ],
        templates: [
          template('day'),
          template('sales', { skill: 'sales' }),
          template('email', { channel: Channel.EMAIL }),
        ],
        timeOff: [{ agentId: 'a', start: new Date('2026-03-26T00:00:00Z'), end: new Date('2026-03-27T00:00:00Z') }],
      }),
    );
    expect(problem.agents[0]!.candidates.map((c) => c.candidateId)).toEqual([
      'day@2026-03-25',
      'day@2026-03-27',
      'day@2026-03-30',
      'day@2026-03-31',
    ]);
    expect(problem.agents[1]!.candidates).toEqual([]);
    expect(problem.agents[2]!.candidates).toEqual([]);
  });

  it('maps the labor rules: OFF lifts a limit, team values replace the defaults', () => {
    const rules: RuleSetting[] = RULES.map((r) => {
      if (r.rule === LaborRule.MIN_REST) return { ...r, enforcement: Enforcement.OFF };
      if (r.rule === LaborRule.MAX_WEEKLY_HOURS) return { ...r, value: 2 };
      if (r.rule === LaborRule.MAX_CONSECUTIVE_DAYS) return { ...r, enforcement: Enforcement.SOFT, value: 4 };
      return r;
    });
    const [a] = mapScheduleProblem(sources({ rules })).problem.agents;
    expect(a).toMatchObject({ minRestHours: 0, maxWeeklyHours: 42, maxConsecutiveDays: 4 });
    expect(templateFitsShiftLength(template('long', { durationMinutes: 13 * 60 }), RULES)).toBe(false);
    expect(
      templateFitsShiftLength(
        template('long', { durationMinutes: 13 * 60 }),
        RULES.map((r) => (r.rule === LaborRule.SHIFT_LENGTH ? { ...r, enforcement: Enforcement.OFF } : r)),
      ),
    ).toBe(true);
  });

  it('tags weekend and night shifts in local time, and gives each candidate its local start time', () => {
    const warsaw = (iso: string) => new Date(iso);
    // Friday evening to 01:00: three hours of night, not a weekend shift.
    expect(
      shiftTags(warsaw('2026-03-27T17:00:00+01:00'), warsaw('2026-03-28T01:00:00+01:00'), 'Europe/Warsaw'),
    ).toEqual(['NIGHT']);
    // Two hours of night is not enough for an 8-hour shift, but is half of a 4-hour one.
    expect(
      shiftTags(warsaw('2026-03-26T04:00:00+01:00'), warsaw('2026-03-26T12:00:00+01:00'), 'Europe/Warsaw'),
    ).toEqual([]);
    expect(
      shiftTags(warsaw('2026-03-26T04:00:00+01:00'), warsaw('2026-03-26T08:00:00+01:00'), 'Europe/Warsaw'),
    ).toEqual(['NIGHT']);
    // Saturday 14:00-22:00: a weekend shift that ends where the night begins.
    expect(
      shiftTags(warsaw('2026-03-28T14:00:00+01:00'), warsaw('2026-03-28T22:00:00+01:00'), 'Europe/Warsaw'),
    ).toEqual(['WEEKEND']);

    const { problem } = mapScheduleProblem(
      sources({
        templates: [
          template('day'),
          template('night', { startTime: '22:00', durationMinutes: 480, daysOfWeek: [5, 6, 7], activities: [] }),
        ],
      }),
    );
    const candidates = problem.agents[0]!.candidates;
    const by = (id: string) => candidates.find((c) => c.candidateId === id)!;
    // 09:00 local before and after the change to summer time: the same start time of day.
    expect([by('day@2026-03-25').startMinuteOfDay, by('day@2026-03-30').startMinuteOfDay]).toEqual([540, 540]);
    expect(by('day@2026-03-25').tags).toBeUndefined();
    expect(
      ['night@2026-03-27', 'night@2026-03-28', 'night@2026-03-29'].map((id) => [by(id).startMinuteOfDay, by(id).tags]),
    ).toEqual([
      [1320, ['NIGHT']],
      [1320, ['WEEKEND', 'NIGHT']],
      [1320, ['WEEKEND', 'NIGHT']],
    ]);
  });

  it('maps days off, start-time spread and fairness, counting past weekend and night shifts and those already in the window', () => {
    const { problem } = mapScheduleProblem(
      sources({
        pastShifts: [
          shift('saturday', 'a', '2026-03-14T08:00:00Z', '2026-03-14T16:00:00Z'),
          shift('night', 'a', '2026-03-18T21:00:00Z', '2026-03-19T05:00:00Z'),
          shift('sunday-night', 'b', '2026-03-15T21:00:00Z', '2026-03-16T05:00:00Z'),
        ],
        // Already in the window: Saturday 28 March for b (and a shift before the window that is no history).
        shifts: [
          shift('fixed-saturday', 'b', '2026-03-28T08:00:00Z', '2026-03-28T16:00:00Z'),
          shift('monday', 'a', '2026-03-23T08:00:00Z', '2026-03-23T16:00:00Z'),
        ],
        fairness: [
          { tag: 'WEEKEND', maxAboveFairShare: 1 },
          { tag: 'NIGHT', maxAboveFairShare: 0 },
        ],
        consecutiveDaysOffWeight: 3,
      }),
    );
    const [a, b] = problem.agents;
    expect(a).toMatchObject({
      minDaysOffPerWeek: 2,
      maxStartSpreadMinutes: 120,
      history: { weekendShifts: 1, nightShifts: 1 },
    });
    expect(b).toMatchObject({ history: { weekendShifts: 2, nightShifts: 1 } });
    expect(problem.fairness).toEqual([
      { tag: 'WEEKEND', maxAboveFairShare: 1 },
      { tag: 'NIGHT', maxAboveFairShare: 0 },
    ]);
    expect(problem.consecutiveDaysOffWeight).toBe(3);

    const off = RULES.map((r) =>
      r.rule === LaborRule.MIN_DAYS_OFF || r.rule === LaborRule.START_TIME_SPREAD
        ? { ...r, enforcement: Enforcement.OFF }
        : r,
    );
    const plain = mapScheduleProblem(sources({ rules: off })).problem;
    expect(plain.agents[0]!.minDaysOffPerWeek).toBeUndefined();
    expect(plain.agents[0]!.maxStartSpreadMinutes).toBeUndefined();
    expect(plain.agents[0]!.history).toBeUndefined();
    expect(plain.fairness).toBeUndefined();
  });

  it('offers only candidates within the start-time spread of the shifts an agent already has that week', () => {
    const { problem } = mapScheduleProblem(
      sources({
        templates: [template('day'), template('late', { startTime: '12:00' })],
        // Thursday 26 March at 13:00 local: 09:00 starts are 4 h away, 12:00 starts 1 h.
        shifts: [shift('thursday', 'a', '2026-03-26T12:00:00Z', '2026-03-26T20:00:00Z')],
      }),
    );
    const ids = problem.agents[0]!.candidates.map((c) => c.candidateId);
    // In that ISO week only the 12:00 shifts; the next week (30 and 31 March) is free.
    expect(ids.filter((id) => id.startsWith('day@'))).toEqual(['day@2026-03-30', 'day@2026-03-31']);
    expect(ids.filter((id) => id.startsWith('late@'))).toEqual([
      'late@2026-03-25',
      'late@2026-03-26',
      'late@2026-03-27',
      'late@2026-03-30',
      'late@2026-03-31',
    ]);
    // Agent b has no shift that week: every candidate.
    expect(problem.agents[1]!.candidates).toHaveLength(10);
  });

  it('repeats the week before as a warm start: the same template on the same weekday', () => {
    const { problem, previousWeek } = mapScheduleProblem(
      sources({
        templates: [template('day'), template('late', { startTime: '11:00' })],
        shifts: [
          // Wednesday 18 and Tuesday 24 March from 'day' (09:00 local), and a shift from no template.
          shift('wed', 'a', '2026-03-18T08:00:00Z', '2026-03-18T16:30:00Z', { templateId: 'day' }),
          shift('tue', 'a', '2026-03-24T08:00:00Z', '2026-03-24T16:30:00Z', { templateId: 'day' }),
          shift('manual', 'b', '2026-03-19T08:00:00Z', '2026-03-19T16:30:00Z'),
          // Two weeks before: not the week before the window.
          shift('old', 'b', '2026-03-11T08:00:00Z', '2026-03-11T16:30:00Z', { templateId: 'day' }),
        ],
      }),
    );
    expect(previousWeek).toEqual([{ agentId: 'a', candidateIds: ['day@2026-03-25', 'day@2026-03-31'] }]);
    expect(problem.agents[0]!.candidates.map((c) => c.candidateId)).toContain('late@2026-03-25');
  });
});
