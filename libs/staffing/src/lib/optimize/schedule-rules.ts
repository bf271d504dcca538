/**
 * The hard rules of a schedule, written once and used by the greedy heuristic, the candidate
 * pruning and `validateSchedule` (the MIP states the same rules as constraints; the tests check
 * its answers against these functions).
 *
 *  - one shift per agent per day;
 *  - at least minRestHours between the end of one shift and the start of the next (overlap is
 *    the extreme case of too little rest);
 *  - paid hours per week (blocks of 7 day indexes from day 0) ≤ maxWeeklyHours;
 *  - no run of more than maxConsecutiveDays worked days (equivalently: every window of
 *    maxConsecutiveDays + 1 days has at most maxConsecutiveDays worked days).
 */
import type { PreparedAgent } from './schedule-preparation';
import type { AvailabilitySpan } from './schedule-problem.types';

/** The timing fields the rules look at. */
export interface TimedShift {
  dayIndex: number;
  startInterval: number;
  endInterval: number;
  paidHours: number;
  /** Optional rule inputs (PreparedShift has them): start time of day, fairness tags, fixed or chosen. */
  startMinuteOfDay?: number;
  weekend?: boolean;
  night?: boolean;
  fixed?: boolean;
}

/** True when the shift lies inside one of the spans (null = always available). */
export function withinAvailability(shift: TimedShift, spans: readonly AvailabilitySpan[] | null): boolean {
  return (
    spans === null ||
    spans.some((span) => shift.startInterval >= span.startInterval && shift.endInterval <= span.endInterval)
  );
}

/** Absolute tolerance on hour sums (paid hours are decimals such as 7.5). */
export const HOURS_TOLERANCE = 1e-9;

/** Week of a day index: days 0–6 are week 0, −7…−1 week −1. */
export function weekOf(dayIndex: number): number {
  return Math.floor(dayIndex / 7);
}

/**
 * True when two shifts are closer than the minimum rest (or overlap). With `first` the one that
 * starts first, they conflict iff second.start − first.end < rest; a negative gap is an overlap.
 */
export function restConflict(a: TimedShift, b: TimedShift, minRestMinutes: number, intervalMinutes: number): boolean {
  const [first, second] = a.startInterval <= b.startInterval ? [a, b] : [b, a];
  return (second.startInterval - first.endInterval) * intervalMinutes < minRestMinutes;
}

/** Length of the run of consecutive days in `days` through `day` if `day` were worked too. */
export function runLengthThrough(days: ReadonlySet<number>, day: number): number {
  let run = 1;
  for (let d = day - 1; days.has(d); d--) run++;
  for (let d = day + 1; days.has(d); d++) run++;
  return run;
}

/** One agent's shifts so far (fixed plus chosen), answering "may this shift be added?". */
export class AgentScheduleState {
  private readonly days = new Set<number>();
  private readonly shifts: TimedShift[] = [];
  private readonly weekHours = new Map<number, number>();
  private readonly weekDays = new Map<number, number>();
  /** Earliest and latest start time of day of the chosen (not fixed) shifts, per week. */
  private readonly weekStarts = new Map<number, [number, number]>();
  private weekend = 0;
  private night = 0;

  constructor(
    private readonly agent: Pick<PreparedAgent, 'maxWeeklyHours' | 'minRestMinutes' | 'maxConsecutiveDays' | 'fixed'> &
      Partial<
        Pick<
          PreparedAgent,
          'maxWorkDaysPerWeek' | 'maxStartSpreadMinutes' | 'maxWeekendShifts' | 'maxNightShifts' | 'availability'
        >
      >,
    private readonly intervalMinutes: number,
  ) {
    for (const shift of agent.fixed) this.add(shift);
  }

  canAdd(shift: TimedShift): boolean {
    if (this.days.has(shift.dayIndex)) return false;
    const week = weekOf(shift.dayIndex);
    if ((this.weekHours.get(week) ?? 0) + shift.paidHours > this.agent.maxWeeklyHours + HOURS_TOLERANCE) return false;
    if (runLengthThrough(this.days, shift.dayIndex) > this.agent.maxConsecutiveDays) return false;
    if ((this.weekDays.get(week) ?? 0) + 1 > (this.agent.maxWorkDaysPerWeek ?? 7)) return false;
    if (!shift.fixed && !withinAvailability(shift, this.agent.availability ?? null)) return false;
    if (shift.weekend && this.weekend + 1 > (this.agent.maxWeekendShifts ?? Infinity)) return false;
    if (shift.night && this.night + 1 > (this.agent.maxNightShifts ?? Infinity)) return false;
    const spread = this.agent.maxStartSpreadMinutes ?? Infinity;
    const range = this.weekStarts.get(week);
    if (
      range &&
      shift.startMinuteOfDay !== undefined &&
      Math.max(range[1], shift.startMinuteOfDay) - Math.min(range[0], shift.startMinuteOfDay) > spread
    )
      return false;
    for (const other of this.shifts) {
      if (restConflict(shift, other, this.agent.minRestMinutes, this.intervalMinutes)) return false;
    }
    return true;
  }

  add(shift: TimedShift): void {
    this.days.add(shift.dayIndex);
    this.shifts.push(shift);
    const week = weekOf(shift.dayIndex);
    this.weekHours.set(week, (this.weekHours.get(week) ?? 0) + shift.paidHours);
    this.weekDays.set(week, (this.weekDays.get(week) ?? 0) + 1);
    if (shift.fixed) return; // fixed shifts are not the solver's: tags and start times count for chosen ones
    if (shift.weekend) this.weekend++;
    if (shift.night) this.night++;
    if (shift.startMinuteOfDay !== undefined) {
      const range = this.weekStarts.get(week);
      this.weekStarts.set(
        week,
        range
          ? [Math.min(range[0], shift.startMinuteOfDay), Math.max(range[1], shift.startMinuteOfDay)]
          : [shift.startMinuteOfDay, shift.startMinuteOfDay],
      );
    }
  }
}
