/**
 * A realistic synthetic schedule problem for tests and benchmarks, the same for a given seed:
 *  - demand: contacts per 15-minute interval with a morning and an afternoon peak, open
 *    07:00–22:00, weekdays busier than the weekend, turned into required agents by Erlang C
 *    (AHT 6 min, 80/20, 10% shrinkage); volume scaled so the demand is `demandRatio` of the
 *    agents' working capacity;
 *  - templates: 8 h (8.5 h span, two 15-min breaks, 30-min unpaid lunch), 10 h (10.5 h span, same
 *    breaks) and 6 h (one 15-min break) at staggered start times;
 *  - agents: 20–40 h contracts, hourly cost 18–35, 11 h rest, at most 5 days in a row; 10 h
 *    shifts only for contracts of 36 h and more; about 8% of agent-days off (no candidates); a
 *    few agents worked late the evening before the horizon (fixed shift on day −1), a few have a
 *    published shift on day 0.
 */
import { erlangC } from '../lib/math/erlang-c';
import { CandidateShift, FixedShift, ScheduleAgent, ScheduleProblem } from '../lib/optimize/schedule-problem.types';
import { SeededRandom } from './seeded-random';

export interface SyntheticScheduleOptions {
  seed?: number;
  days?: number;
  agents?: number;
  /** How many of the 30 built-in templates to use (spread over the start times). */
  templates?: number;
  /** Demand in agent-hours ÷ working capacity of all agents (default 0.85). */
  demandRatio?: number;
  /**
   * Several channels in one problem (e.g. ['PHONE', 'CHAT', 'EMAIL', 'SOCIAL']): the demand is shared
   * between them with their own day shapes, and agents serve one to four of them.
   */
  channels?: string[];
  /**
   * Agents' wishes and week rules: one or two weighted PREFER/AVOID wishes each, two days off a week
   * (preferably consecutive), a 2-hour start-time spread for half of them, weekend shifts tagged and
   * shared fairly with a history of 0–4 recent weekend shifts.
   */
  wishes?: boolean;
}

interface Template {
  id: string;
  startMinutes: number;
  spanMinutes: number;
  paidHours: number;
  /** Non-working blocks as [offset from start, length], in minutes. */
  breaks: Array<[number, number]>;
}

const INTERVAL_MINUTES = 15;

function buildTemplates(): Template[] {
  const h = (hours: number): number => hours * 60;
  const eight = [6, 6.5, 7, 7.5, 8, 8.5, 9, 10, 11, 12, 13, 13.5].map((s) => ({
    id: `8h-${s}`,
    startMinutes: h(s),
    spanMinutes: h(8.5),
    paidHours: 8,
    breaks: [
      [h(2), 15],
      [h(4), 30],
      [h(6.5), 15],
    ] as Array<[number, number]>,
  }));
  const ten = [6, 7, 8, 9, 10, 11, 11.5].map((s) => ({
    id: `10h-${s}`,
    startMinutes: h(s),
    spanMinutes: h(10.5),
    paidHours: 10,
    breaks: [
      [h(2), 15],
      [h(5), 30],
      [h(8), 15],
    ] as Array<[number, number]>,
  }));
  const six = [7, 8, 9, 10, 11, 12, 14, 15, 16, 16.5, 17].map((s) => ({
    id: `6h-${s}`,
    startMinutes: h(s),
    spanMinutes: h(6),
    paidHours: 6,
    breaks: [[h(3), 15]] as Array<[number, number]>,
  }));
  return [...eight, ...ten, ...six].sort((x, y) => x.startMinutes - y.startMinutes || x.spanMinutes - y.spanMinutes);
}

/** k templates spread evenly over the start times, so small instances still cover the whole day. */
function pickTemplates(all: Template[], k: number): Template[] {
  if (k >= all.length) return all;
  const picked: Template[] = [];
  for (let i = 0; i < k; i++) picked.push(all[Math.round((i * (all.length - 1)) / Math.max(1, k - 1))]);
  return [...new Set(picked)];
}

function demandProfile(days: number, random: SeededRandom): number[] {
  const perDay = (24 * 60) / INTERVAL_MINUTES;
  const weekday = [1.15, 1.05, 1, 1, 0.95, 0.55, 0.4];
  const values: number[] = [];
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < perDay; i++) {
      const hour = (i * INTERVAL_MINUTES) / 60;
      const open = hour >= 7 && hour < 22;
      const shape = 0.45 + Math.exp(-((hour - 10.5) ** 2) / 3) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5);
      values.push(open ? shape * weekday[d % 7] * (0.95 + 0.1 * random.next()) : 0);
    }
  }
  return values;
}

function requiredFor(profile: number[], scale: number): number[] {
  return profile.map(
    (p) =>
      erlangC({
        contacts: p * scale,
        intervalSeconds: INTERVAL_MINUTES * 60,
        ahtSeconds: 360,
        serviceLevelTarget: 0.8,
        targetAnswerSeconds: 20,
        shrinkage: 0.1,
        maxOccupancy: 0.9,
      }).scheduledAgents,
  );
}

export function syntheticScheduleProblem(options: SyntheticScheduleOptions = {}): ScheduleProblem {
  const random = new SeededRandom(options.seed ?? 1);
  const days = options.days ?? 7;
  const agentCount = options.agents ?? 150;
  const templates = pickTemplates(buildTemplates(), options.templates ?? 30);
  const perDay = (24 * 60) / INTERVAL_MINUTES;
  const intervalCount = days * perDay;
  const toIntervals = (minutes: number): number => Math.round(minutes / INTERVAL_MINUTES);

  const agents: ScheduleAgent[] = [];
  let capacityHours = 0;
  for (let a = 0; a < agentCount; a++) {
    const contract = random.pick([20, 24, 30, 32, 36, 40]);
    const hourlyCost = Math.round((18 + 17 * random.next()) * 100) / 100;
    const allowed = templates.filter((t) => t.paidHours !== 10 || contract >= 36);
    const candidates: CandidateShift[] = [];
    let daysOff = 0;
    for (let d = 0; d < days; d++) {
      if (random.next() < 0.08) {
        daysOff++;
        continue;
      }
      for (const t of allowed) {
        const start = d * perDay + toIntervals(t.startMinutes);
        const nonWorkingIntervals: number[] = [];
        for (const [offset, length] of t.breaks) {
          for (let k = 0; k < toIntervals(length); k++) nonWorkingIntervals.push(start + toIntervals(offset) + k);
        }
        candidates.push({
          candidateId: `${t.id}@d${d}`,
          templateId: t.id,
          dayIndex: d,
          startInterval: start,
          endInterval: start + toIntervals(t.spanMinutes),
          nonWorkingIntervals,
          paidHours: t.paidHours,
        });
      }
    }
    const fixedShifts: FixedShift[] = [];
    const roll = random.next();
    if (roll < 0.1) {
      // Closed the day before the horizon at 22:30: rules out early starts on day 0 (11 h rest).
      fixedShifts.push({
        shiftId: `prev-${a}`,
        dayIndex: -1,
        startInterval: toIntervals(-h(10)),
        endInterval: toIntervals(-h(1.5)),
        paidHours: 8,
      });
    } else if (roll < 0.15 && days > 0) {
      fixedShifts.push({
        shiftId: `pub-${a}`,
        dayIndex: 0,
        startInterval: toIntervals(h(9)),
        endInterval: toIntervals(h(17.5)),
        nonWorkingIntervals: [toIntervals(h(13)), toIntervals(h(13)) + 1],
        paidHours: 8,
      });
    }
    // Working hours this agent can give in the horizon (≈ 0.9 of paid hours are worked).
    capacityHours += 0.9 * Math.min(contract * Math.ceil(days / 7), (days - daysOff) * 8);
    const agent: ScheduleAgent = {
      agentId: `agent-${String(a).padStart(3, '0')}`,
      hourlyCost,
      maxWeeklyHours: contract,
      minRestHours: 11,
      maxConsecutiveDays: 5,
      candidates,
      fixedShifts,
    };
    if (options.channels) agent.channels = pickChannels(options.channels, random);
    if (options.wishes) {
      for (const c of candidates) {
        const tags: Array<'WEEKEND' | 'NIGHT'> = [];
        if (c.dayIndex % 7 >= 5) tags.push('WEEKEND');
        if ((c.endInterval - c.dayIndex * perDay) * INTERVAL_MINUTES > 21 * 60) tags.push('NIGHT');
        if (tags.length > 0) c.tags = tags;
      }
      agent.minDaysOffPerWeek = 2;
      if (random.next() < 0.5) agent.maxStartSpreadMinutes = 120;
      agent.history = { weekendShifts: Math.floor(random.next() * 5) };
      const wishes = 1 + Math.floor(random.next() * 2);
      agent.preferences = [];
      for (let w = 0; w < wishes; w++) {
        const weight = 1 + Math.floor(random.next() * 4);
        if (random.next() < 0.5)
          agent.preferences.push({ kind: 'PREFER', templateId: random.pick(allowed).id, weight });
        else agent.preferences.push({ kind: 'AVOID', dayIndex: Math.floor(random.next() * days), weight });
      }
    }
    agents.push(agent);
  }

  // Scale the volume so that Σ required × interval hours ≈ demandRatio × capacity.
  const profile = demandProfile(days, random);
  const target = (options.demandRatio ?? 0.85) * capacityHours;
  const demandHours = (scale: number): number =>
    (requiredFor(profile, scale).reduce((s, r) => s + r, 0) * INTERVAL_MINUTES) / 60;
  let low = 0;
  let high = 1;
  while (demandHours(high) < target) high *= 2;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (demandHours(mid) < target) low = mid;
    else high = mid;
  }
  const wishes = options.wishes
    ? { fairness: [{ tag: 'WEEKEND' as const, maxAboveFairShare: 1 }], consecutiveDaysOffWeight: 0.5 }
    : {};
  if (options.channels) {
    // Each channel takes a share of the volume with its own day shape (phone early, chat late, e-mail
    // flat); the volume is scaled again so that the channels together ask demandRatio of the capacity
    // (sized per channel, they need more agents than pooled: less economy of scale).
    const shapes = options.channels.map((_, c) => {
      const share = CHANNEL_SHARES[c % CHANNEL_SHARES.length]!;
      return profile.map((p, i) => {
        const hour = ((i % perDay) * INTERVAL_MINUTES) / 60;
        const tilt = c === 0 ? 1.3 - 0.04 * (hour - 7) : c === 1 ? 0.7 + 0.04 * (hour - 7) : 1;
        return p * share * Math.max(0.2, tilt);
      });
    });
    const channelHours = (scale: number): number =>
      shapes.reduce(
        (sum, shape) => sum + (requiredFor(shape, scale).reduce((x, r) => x + r, 0) * INTERVAL_MINUTES) / 60,
        0,
      );
    let lo = 0;
    let hi = high;
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (channelHours(mid) < target) lo = mid;
      else hi = mid;
    }
    const channels = options.channels.map((channel, c) => ({ channel, required: requiredFor(shapes[c]!, hi) }));
    return { intervalCount, intervalMinutes: INTERVAL_MINUTES, required: [], channels, agents, ...wishes };
  }
  return { intervalCount, intervalMinutes: INTERVAL_MINUTES, required: requiredFor(profile, high), agents, ...wishes };
}

const CHANNEL_SHARES = [0.45, 0.3, 0.15, 0.1];

/** One to four channels: phone only, chat only, phone and chat, the written ones, or all. */
function pickChannels(channels: string[], random: SeededRandom): string[] {
  const roll = random.next();
  if (channels.length === 1) return channels;
  if (roll < 0.35) return [channels[0]!];
  if (roll < 0.5) return [channels[1]!];
  if (roll < 0.7) return channels.slice(0, 2);
  if (roll < 0.85) return channels.slice(1);
  return channels;
}

function h(hours: number): number {
  return hours * 60;
}
