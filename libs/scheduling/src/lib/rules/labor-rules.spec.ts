import {
  DEFAULT_RULES,
  Enforcement,
  evaluateAgentRules,
  LaborRule,
  PlannedShift,
  RuleSet,
  workHours,
} from './labor-rules';

const agent = {
  id: 'a1',
  timeZone: 'Europe/Warsaw',
  contractedWeeklyHours: 40,
  channels: ['PHONE'],
  skills: ['billing'],
};
let n = 0;
/** A shift on a local Warsaw date and hour, `hours` long. */
function shift(date: string, startHour: number, hours: number, extra: Partial<PlannedShift> = {}): PlannedShift {
  const start = new Date(`${date}T${String(startHour).padStart(2, '0')}:00:00+01:00`);
  return {
    id: `s${++n}`,
    agentId: 'a1',
    start,
    end: new Date(start.getTime() + hours * 3_600_000),
    channel: null,
    skill: null,
    nonWork: [],
    ...extra,
  };
}
const rules = (overrides: Partial<RuleSet> = {}): RuleSet => ({ ...DEFAULT_RULES, ...overrides });
const off = (rule: LaborRule): Partial<RuleSet> => ({
  [rule]: { ...DEFAULT_RULES[rule], enforcement: Enforcement.OFF },
});

describe('labor rules', () => {
  it('counts work hours without breaks and lunch', () => {
    const s = shift('2026-01-05', 9, 8);
    s.nonWork = [
      { start: new Date(s.start.getTime() + 4 * 3_600_000), end: new Date(s.start.getTime() + 4.5 * 3_600_000) },
    ];
    expect(workHours(s)).toBe(7.5);
  });

  it('flags less than 11 hours of rest, naming both shifts', () => {
    const late = shift('2026-01-05', 14, 8); // ends 22:00
    const early = shift('2026-01-06', 7, 8); // 9 h later
    const [violation] = evaluateAgentRules({ agent, shifts: [late, early], timeOff: [], rules: rules() });
    expect(violation).toMatchObject({
      rule: LaborRule.MIN_REST,
      enforcement: Enforcement.HARD,
      shiftIds: [late.id, early.id],
    });
    expect(
      evaluateAgentRules({
        agent,
        shifts: [late, shift('2026-01-06', 9, 8)],
        timeOff: [],
        rules: rules(off(LaborRule.START_TIME_SPREAD)),
      }),
    ).toEqual([]);
  });

  it('flags a week over contract + 8 hours, in the local ISO week', () => {
    const week = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'].map((d) => shift(d, 8, 9.5)); // 47.5 h
    expect(evaluateAgentRules({ agent, shifts: week, timeOff: [], rules: rules() })).toEqual([]);
    const sixth = shift('2026-01-10', 8, 2); // 49.5 h > 48 h
    const [violation] = evaluateAgentRules({ agent, shifts: [...week, sixth], timeOff: [], rules: rules() });
    expect(violation!.rule).toBe(LaborRule.MAX_WEEKLY_HOURS);
    expect(violation!.shiftIds).toHaveLength(6);
    // Weeks are local: Sunday 16:00-23:00 and Monday 00:30 in Warsaw are two ISO weeks, though both are Sunday in UTC.
    const sunday = shift('2026-01-11', 16, 7);
    const monday = {
      ...shift('2026-01-12', 0, 4),
      start: new Date('2026-01-12T00:30:00+01:00'),
      end: new Date('2026-01-12T04:30:00+01:00'),
    };
    const noRest = rules({ MIN_REST: { ...DEFAULT_RULES.MIN_REST, enforcement: Enforcement.OFF } });
    expect(
      evaluateAgentRules({
        agent: { ...agent, contractedWeeklyHours: 0 },
        shifts: [sunday, monday],
        timeOff: [],
        rules: noRest,
      }),
    ).toEqual([]);
  });

  it('flags a seventh consecutive working day', () => {
    const days = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10'].map((d) =>
      shift(d, 9, 4),
    );
    const withoutDaysOff = rules(off(LaborRule.MIN_DAYS_OFF));
    expect(evaluateAgentRules({ agent, shifts: days, timeOff: [], rules: withoutDaysOff })).toEqual([]);
    const seventh = shift('2026-01-11', 9, 4);
    const violations = evaluateAgentRules({ agent, shifts: [...days, seventh], timeOff: [], rules: withoutDaysOff });
    expect(violations.map((v) => v.rule)).toEqual([LaborRule.MAX_CONSECUTIVE_DAYS]);
    expect(violations[0]!.message).toContain('7 working days in a row');
  });

  it('checks shift length bounds, time off and skills, and reports SOFT rules as such', () => {
    const short = shift('2026-01-05', 9, 1);
    const long = shift('2026-01-06', 6, 13);
    const wrongChannel = shift('2026-01-07', 9, 8, { channel: 'CHAT', skill: 'sales' });
    const inTimeOff = shift('2026-01-08', 9, 8);
    const violations = evaluateAgentRules({
      agent,
      shifts: [short, long, wrongChannel, inTimeOff],
      timeOff: [{ start: new Date('2026-01-08T00:00:00+01:00'), end: new Date('2026-01-09T00:00:00+01:00') }],
      rules: rules({
        SKILL_MATCH: { ...DEFAULT_RULES.SKILL_MATCH, enforcement: Enforcement.SOFT },
        ...off(LaborRule.START_TIME_SPREAD),
      }),
    });
    expect(violations.map((v) => [v.rule, v.enforcement, v.shiftIds[0]])).toEqual([
      [LaborRule.SHIFT_LENGTH, Enforcement.HARD, short.id],
      [LaborRule.SHIFT_LENGTH, Enforcement.HARD, long.id],
      [LaborRule.SKILL_MATCH, Enforcement.SOFT, wrongChannel.id],
      [LaborRule.SKILL_MATCH, Enforcement.SOFT, wrongChannel.id],
      [LaborRule.TIME_OFF, Enforcement.HARD, inTimeOff.id],
    ]);
  });

  it('reports only violations that involve the focused shifts, and ignores rules turned OFF', () => {
    const a = shift('2026-01-05', 14, 8);
    const b = shift('2026-01-06', 7, 8);
    const c = shift('2026-01-20', 9, 8);
    expect(
      evaluateAgentRules({ agent, shifts: [a, b, c], timeOff: [], rules: rules(), focus: new Set([c.id]) }),
    ).toEqual([]);
    expect(
      evaluateAgentRules({
        agent,
        shifts: [a, b],
        timeOff: [],
        rules: rules({ ...off(LaborRule.MIN_REST), ...off(LaborRule.START_TIME_SPREAD) }),
      }),
    ).toEqual([]);
  });

  it('flags a week with fewer days off than the rule, counting local days and ISO weeks', () => {
    // Monday to Friday in Warsaw, plus Saturday: one day off in the week of 5 January.
    const five = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'].map((d) => shift(d, 9, 4));
    expect(evaluateAgentRules({ agent, shifts: five, timeOff: [], rules: rules() })).toEqual([]);
    const saturday = shift('2026-01-10', 9, 4);
    const violations = evaluateAgentRules({ agent, shifts: [...five, saturday], timeOff: [], rules: rules() });
    expect(violations).toEqual([
      expect.objectContaining({
        rule: LaborRule.MIN_DAYS_OFF,
        enforcement: Enforcement.HARD,
        shiftIds: [...five, saturday].map((s) => s.id),
        message: '1 day off in week 2026-W2; at least 2 required.',
      }),
    ]);
    // Sunday 23:30 in Warsaw is still Sunday (22:30 UTC): the week of 5 January, not the next one.
    const lateSunday = {
      ...shift('2026-01-11', 23, 1),
      start: new Date('2026-01-11T23:30:00+01:00'),
      end: new Date('2026-01-12T03:30:00+01:00'),
    };
    expect(
      evaluateAgentRules({
        agent,
        shifts: [...five, lateSunday],
        timeOff: [],
        rules: rules({
          MIN_DAYS_OFF: { ...DEFAULT_RULES.MIN_DAYS_OFF, value: 1 },
          ...off(LaborRule.START_TIME_SPREAD),
        }),
      }),
    ).toEqual([]);
    expect(
      evaluateAgentRules({
        agent,
        shifts: [...five, lateSunday],
        timeOff: [],
        rules: rules(off(LaborRule.START_TIME_SPREAD)),
      }).map((v) => v.rule),
    ).toEqual([LaborRule.MIN_DAYS_OFF]);
  });

  it('warns when start times of one week spread over more than the rule, in local time across DST', () => {
    // Week of 23 March 2026 in Warsaw (clocks go forward on Sunday 29 March): 08:00 local every day is
    // 07:00 UTC before the change and 06:00 UTC after; the spread is 0 h, not 1 h.
    const before = shift('2026-03-23', 8, 8);
    const after = {
      ...before,
      id: 'dst',
      start: new Date('2026-03-29T06:00:00Z'),
      end: new Date('2026-03-29T14:00:00Z'),
    };
    expect(evaluateAgentRules({ agent, shifts: [before, after], timeOff: [], rules: rules() })).toEqual([]);
    const late = shift('2026-03-25', 10, 8); // exactly two hours after 08:00: allowed
    expect(evaluateAgentRules({ agent, shifts: [before, late, after], timeOff: [], rules: rules() })).toEqual([]);
    const later = { ...shift('2026-03-26', 10, 8), start: new Date('2026-03-26T10:30:00+01:00') };
    later.end = new Date(later.start.getTime() + 8 * 3_600_000);
    const [violation] = evaluateAgentRules({ agent, shifts: [before, later], timeOff: [], rules: rules() });
    expect(violation).toMatchObject({
      rule: LaborRule.START_TIME_SPREAD,
      enforcement: Enforcement.SOFT,
      shiftIds: [before.id, later.id],
      message: 'Start times in week 2026-W13 spread over 2.5 h; at most 2 h allowed.',
    });
  });

  it('reports overlapping shifts as NO_OVERLAP', () => {
    const a = shift('2026-01-05', 9, 8);
    const b = shift('2026-01-05', 16, 4);
    expect(evaluateAgentRules({ agent, shifts: [a, b], timeOff: [], rules: rules() })[0]).toMatchObject({
      rule: 'NO_OVERLAP',
      shiftIds: [a.id, b.id],
    });
  });
});
