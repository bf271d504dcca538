/**
 * The two stages of the schedule solver (see schedule.solver.ts).
 *
 * Stage 1, aggregated model. Agents with the same rule limits (weekly hours, rest, consecutive days)
 * and the same templates form a group; within a group they differ only in hourly cost, in the days
 * they can work and in fixed shifts. A "shift type" is a distinct timing (day, start, end, working
 * intervals) that some agent of the group may take. Variables:
 *   y(g, s) ∈ {0, …, members(g, s)}  how many agents of group g work shift type s,
 *   z(g, w, a) ∈ [0, budget(a, w)]    paid hours of week w carried by agent a's "cost segment",
 *   under(t), over(t) ≥ 0.
 * Rows: coverage as in the full model, with Σ y in place of Σ x; for each rule row of one agent over
 * the group's shift types (one per day, rest cliques, consecutive days), the same row with the right
 * side summed over the group's agents (each agent adds at most its own limit: 1 for a day or a clique
 * it has a shift in, min(days it can work, M − fixed days) for a window of days); weekly hours as
 * Σ paid·y ≤ Σₐ z(g, w, a), and z priced at each agent's rate, so the cheapest agents fill first.
 * Every schedule of the full problem maps to a solution of this one with the same objective or less,
 * so its optimum, and HiGHS's dual bound on it, are lower bounds on every schedule: exact bounds.
 * It is far smaller (no agent index on the shifts) and has no symmetry between interchangeable agents.
 *
 * Stage 2, assignment. For each group, a greedy decomposition (with repair) gives the counts to named
 * agents; when it leaves some unassigned or the agents have wishes, a small MIP does it with every rule
 * of each agent (the full model's rows for that agent), pricing each shift at its agent's rate and an
 * unassigned one at the coverage it would have given. Counts that no agent can take (the aggregated
 * rows are necessary, not sufficient) stay unassigned; a greedy pass fills what coverage is left and
 * the local search (schedule-local-search.ts) repairs the rest. Stage 2 is a heuristic: the final gap
 * is measured against the stage-1 bound.
 */
import type { Highs } from 'highs';
import { addColumn, emptyModel, HighsRunSettings, LinearModel, runModel } from './highs-model';
import { splitInterval } from './channel-split';
import { agentRuleRows, RowDraft } from './schedule-model.builder';
import { PreparedAgent, PreparedSchedule, PreparedShift } from './schedule-preparation';
import { AgentScheduleState, weekOf } from './schedule-rules';

export interface ShiftType {
  /** A member's shift (the timing is the same for every member). */
  representative: PreparedShift;
  /** Each agent (position) that may take it, with its own prepared shift. */
  members: Array<{ agent: number; shift: PreparedShift }>;
}

export interface AgentGroup {
  agents: number[];
  types: ShiftType[];
}

export interface AggregatedModel {
  model: LinearModel;
  groups: AgentGroup[];
  /** Column of y(g, s): yColumn[g][s]. */
  yColumn: number[][];
  /** Cost-segment columns z(g, w, a). */
  segments: Array<{ agent: number; week: number; column: number }>;
  /** Length-pattern columns of each (group, week, budget and days) kind, with their agents and vectors. */
  patterns: Array<{
    week: number;
    lengths: number[];
    agents: number[];
    columns: Array<{ column: number; counts: number[] }>;
  }>;
  activeIntervals: number[];
  underStart: number;
  /** Multi-channel: split columns f(mask, channel, t) and the under/over columns per channel and interval (−1: none). */
  channelColumns?: { split: Map<string, number>; under: number[][]; over: number[][] };
}

function timingKey(shift: PreparedShift): string {
  return `${shift.dayIndex}|${shift.startInterval}|${shift.endInterval}|${shift.paidHours}|${shift.coverIntervals.join(',')}`;
}

/** Groups of agents with the same limits and templates (agents without usable shifts are left out). */
export function groupAgents(
  prepared: PreparedSchedule,
  extraKey: (agent: PreparedAgent) => string = () => '',
): AgentGroup[] {
  const byKey = new Map<string, number[]>();
  for (const agent of prepared.agents) {
    if (agent.usable.length === 0) continue;
    const templates = [...new Set([...agent.candidatesById.values()].map((c) => c.templateId))].sort();
    const key = JSON.stringify([
      agent.maxWeeklyHours,
      agent.minRestMinutes,
      agent.maxConsecutiveDays,
      agent.channelMask,
      templates,
      extraKey(agent),
    ]);
    byKey.set(key, [...(byKey.get(key) ?? []), agent.position]);
  }
  return [...byKey.values()].map((agents) => {
    const types = new Map<string, ShiftType>();
    for (const a of agents) {
      for (const shift of prepared.agents[a]!.usable) {
        const key = timingKey(shift);
        let type = types.get(key);
        if (!type) {
          type = { representative: shift, members: [] };
          types.set(key, type);
        }
        type.members.push({ agent: a, shift });
      }
    }
    return {
      agents,
      types: [...types.values()].sort(
        (x, y) =>
          x.representative.startInterval - y.representative.startInterval ||
          x.representative.endInterval - y.representative.endInterval,
      ),
    };
  });
}

/** Stage 1: the aggregated MIP (see the file comment). */
export function buildAggregatedModel(prepared: PreparedSchedule, groups: AgentGroup[]): AggregatedModel {
  const { weights, intervalHours: h, costScale } = prepared;
  const model = emptyModel();
  const yColumn: number[][] = groups.map((group) =>
    group.types.map((type) => addColumn(model, 0, 0, type.members.length, true)),
  );

  // Cost segments: one per agent and week, priced at its rate.
  const segmentRows: RowDraft[] = [];
  const segments: AggregatedModel['segments'] = [];
  const patternSets: AggregatedModel['patterns'] = [];
  groups.forEach((group, g) => {
    const weeks = new Map<number, number[]>();
    group.types.forEach((type, s) => {
      const w = weekOf(type.representative.dayIndex);
      weeks.set(w, [...(weeks.get(w) ?? []), s]);
    });
    for (const [week, types] of weeks) {
      const row: RowDraft = { indices: [], values: [], lower: -Infinity, upper: 0 };
      for (const s of types) {
        row.indices.push(yColumn[g]![s]!);
        row.values.push(group.types[s]!.representative.paidHours);
      }
      const budgets: number[] = [];
      const workDays: number[] = [];
      const weekLengths = [...new Set(types.map((s) => group.types[s]!.representative.paidHours))]
        .filter((p) => p > 0)
        .sort((x, y) => x - y);
      for (const a of group.agents) {
        const agent = prepared.agents[a]!;
        const fixedHours = agent.fixed
          .filter((f) => weekOf(f.dayIndex) === week)
          .reduce((sum, f) => sum + f.paidHours, 0);
        const budget = Math.max(0, agent.maxWeeklyHours - fixedHours) + 1e-9;
        const fixedDays = new Set(agent.fixed.filter((f) => weekOf(f.dayIndex) === week).map((f) => f.dayIndex)).size;
        const days = Math.min(
          new Set(agent.usable.filter((u) => weekOf(u.dayIndex) === week).map((u) => u.dayIndex)).size,
          Math.max(0, agent.maxWorkDaysPerWeek - fixedDays),
        );
        budgets.push(budget);
        workDays.push(days);
        // The most hours this agent can really be paid this week: one shift a day, whole shifts.
        const most = Math.max(
          0,
          ...maximalPatterns(weekLengths, budget, days).map((n) =>
            n.reduce((sum, k, i) => sum + k * weekLengths[i]!, 0),
          ),
        );
        const z = addColumn(
          model,
          (weights.cost * agent.hourlyCost) / costScale,
          0,
          Math.min(budget, most + 1e-9),
          false,
        );
        segments.push({ agent: a, week, column: z });
        row.indices.push(z);
        row.values.push(-1);
      }
      segmentRows.push(row);
      // Length patterns: an agent with B hours left and D workable days can take n₁ shifts of length
      // ℓ₁, n₂ of ℓ₂, … with Σ nᵢ ≤ D and Σ nᵢ·ℓᵢ ≤ B. Agents with the same (B, D) choose among the
      // maximal such vectors; the group's count of each length is at most what the chosen patterns
      // hold. Without this the hour row alone lets agents share hours (three 20-hour agents "taking"
      // seven 8-hour shifts), and the counts could not be given to anyone.
      const lengths = [...new Set(types.map((s) => group.types[s]!.representative.paidHours))]
        .filter((p) => p > 0)
        .sort((x, y) => x - y);
      const kinds = new Map<string, { budget: number; days: number; agents: number[] }>();
      budgets.forEach((budget, i) => {
        const key = `${budget}|${workDays[i]}`;
        const kind = kinds.get(key) ?? { budget, days: workDays[i]!, agents: [] };
        kind.agents.push(group.agents[i]!);
        kinds.set(key, kind);
      });
      const lengthRows: RowDraft[] = lengths.map((length) => {
        const typesOfLength = types.filter((s) => Math.abs(group.types[s]!.representative.paidHours - length) < 1e-9);
        return {
          indices: typesOfLength.map((s) => yColumn[g]![s]!),
          values: typesOfLength.map(() => 1),
          lower: -Infinity,
          upper: 0,
        };
      });
      for (const kind of kinds.values()) {
        const patterns = maximalPatterns(lengths, kind.budget, kind.days);
        const pick: RowDraft = { indices: [], values: [], lower: -Infinity, upper: kind.agents.length };
        const set: AggregatedModel['patterns'][number] = { week, lengths, agents: kind.agents, columns: [] };
        patternSets.push(set);
        for (const pattern of patterns) {
          const p = addColumn(model, 0, 0, kind.agents.length, true);
          set.columns.push({ column: p, counts: pattern });
          pick.indices.push(p);
          pick.values.push(1);
          pattern.forEach((n, i) => {
            if (n === 0) return;
            lengthRows[i]!.indices.push(p);
            lengthRows[i]!.values.push(-n);
          });
        }
        segmentRows.push(pick);
      }
      segmentRows.push(...lengthRows);
    }
  });

  if (prepared.channels) {
    model.rows.push(...segmentRows);
    const channelColumns = addChannelCoverage(prepared, groups, yColumn, model);
    addGroupRuleRows(prepared, groups, yColumn, model);
    return {
      model,
      groups,
      yColumn,
      segments,
      patterns: patternSets,
      activeIntervals: [],
      underStart: -1,
      channelColumns,
    };
  }

  // Coverage, difference form (schedule-model.builder.ts).
  const covered = new Array<boolean>(prepared.intervalCount).fill(false);
  groups.forEach((group) =>
    group.types.forEach((type) => type.representative.coverIntervals.forEach((t) => (covered[t] = true))),
  );
  const activeIntervals: number[] = [];
  const activeIndex = new Array<number>(prepared.intervalCount).fill(-1);
  for (let t = 0; t < prepared.intervalCount; t++) {
    if (covered[t]) {
      activeIndex[t] = activeIntervals.length;
      activeIntervals.push(t);
    } else {
      const gap = prepared.remaining[t]!;
      model.offset += gap > 0 ? weights.underCoverage * h * gap : weights.overCoverage * h * -gap;
    }
  }
  const underStart = model.colCost.length;
  for (let k = 0; k < activeIntervals.length; k++) {
    addColumn(model, weights.underCoverage * h, 0, Infinity, false);
    addColumn(model, weights.overCoverage * h, 0, Infinity, false);
  }
  const K = activeIntervals.length;
  const coverage: RowDraft[] = activeIntervals.map(() => ({ indices: [], values: [], lower: 0, upper: 0 }));
  groups.forEach((group, g) =>
    group.types.forEach((type, s) => {
      const j = yColumn[g]![s]!;
      const cover = type.representative.coverIntervals;
      const inCover = new Set(cover);
      for (const t of cover) {
        const k = activeIndex[t]!;
        if (k === 0 || !inCover.has(activeIntervals[k - 1]!)) {
          coverage[k]!.indices.push(j);
          coverage[k]!.values.push(1);
        }
        if (k + 1 < K && !inCover.has(activeIntervals[k + 1]!)) {
          coverage[k + 1]!.indices.push(j);
          coverage[k + 1]!.values.push(-1);
        }
      }
    }),
  );
  for (let k = 0; k < K; k++) {
    const row = coverage[k]!;
    const under = underStart + 2 * k;
    const rhs = prepared.remaining[activeIntervals[k]!]!;
    if (k === 0) {
      row.indices.push(under, under + 1);
      row.values.push(1, -1);
      row.lower = row.upper = rhs;
    } else {
      row.indices.push(under - 2, under - 1, under, under + 1);
      row.values.push(-1, 1, 1, -1);
      row.lower = row.upper = rhs - prepared.remaining[activeIntervals[k - 1]!]!;
    }
  }
  model.rows.push(...coverage, ...segmentRows);
  addGroupRuleRows(prepared, groups, yColumn, model);
  return { model, groups, yColumn, segments, patterns: patternSets, activeIntervals, underStart };
}

/**
 * Multi-channel coverage (direct form): for every interval t and channel mask S, the agents of the
 * groups with mask S working t (Σ y, plus fixed shifts) are split over S's channels by continuous
 * f(S, c, t); each channel's row is Σ_S f(S, c, t) + under − over = required(c, t).
 */
function addChannelCoverage(
  prepared: PreparedSchedule,
  groups: AgentGroup[],
  yColumn: number[][],
  model: LinearModel,
): NonNullable<AggregatedModel['channelColumns']> {
  const { weights, intervalHours: h } = prepared;
  const channels = prepared.channels!;
  const T = prepared.intervalCount;
  const supplyRows = new Map<string, RowDraft>(); // `${mask}|${t}`
  const supplyRow = (mask: number, t: number): RowDraft => {
    const key = `${mask}|${t}`;
    let row = supplyRows.get(key);
    if (!row) {
      row = { indices: [], values: [], lower: 0, upper: 0 };
      supplyRows.set(key, row);
    }
    return row;
  };
  groups.forEach((group, g) => {
    const mask = prepared.agents[group.agents[0]!]!.channelMask;
    group.types.forEach((type, s) => {
      for (const t of type.representative.coverIntervals) {
        const row = supplyRow(mask, t);
        row.indices.push(yColumn[g]![s]!);
        row.values.push(-1);
      }
    });
  });
  for (const agent of prepared.agents) {
    for (const f of agent.fixed) {
      for (const t of f.coverIntervals) {
        const row = supplyRow(f.channelMask, t);
        row.lower += 1;
        row.upper += 1;
      }
    }
  }
  const split = new Map<string, number>();
  const channelRows: RowDraft[][] = channels.map(() =>
    Array.from({ length: T }, () => ({ indices: [], values: [], lower: 0, upper: 0 })),
  );
  for (const [key, row] of supplyRows) {
    const [maskText, tText] = key.split('|');
    const mask = Number(maskText);
    const t = Number(tText);
    channels.forEach((_, c) => {
      if (!(mask & (1 << c))) return;
      const f = addColumn(model, 0, 0, Infinity, false);
      split.set(`${mask}|${c}|${t}`, f);
      row.indices.push(f);
      row.values.push(1);
      channelRows[c]![t]!.indices.push(f);
      channelRows[c]![t]!.values.push(1);
    });
    model.rows.push(row);
  }
  const under: number[][] = channels.map(() => new Array<number>(T).fill(-1));
  const over: number[][] = channels.map(() => new Array<number>(T).fill(-1));
  channels.forEach((_, c) => {
    for (let t = 0; t < T; t++) {
      const required = prepared.channelRequired[c]![t]!;
      const row = channelRows[c]![t]!;
      if (row.indices.length === 0) {
        model.offset += weights.underCoverage * h * required;
        continue;
      }
      under[c]![t] = addColumn(model, weights.underCoverage * h, 0, Infinity, false);
      over[c]![t] = addColumn(model, weights.overCoverage * h, 0, Infinity, false);
      row.indices.push(under[c]![t]!, over[c]![t]!);
      row.values.push(1, -1);
      row.lower = row.upper = required;
      model.rows.push(row);
    }
  });
  return { split, under, over };
}

/** One agent's rule rows over each group's types, with right sides summed over the group. */
function addGroupRuleRows(
  prepared: PreparedSchedule,
  groups: AgentGroup[],
  yColumn: number[][],
  model: LinearModel,
): void {
  const { intervalMinutes } = prepared;
  // Fairness caps summed over each group.
  groups.forEach((group, g) => {
    for (const [tagged, cap] of [
      [(x: PreparedShift) => x.weekend, (a: PreparedAgent) => a.maxWeekendShifts],
      [(x: PreparedShift) => x.night, (a: PreparedAgent) => a.maxNightShifts],
    ] as const) {
      const types = group.types.map((t, s) => [t, s] as const).filter(([t]) => tagged(t.representative));
      if (types.length === 0) continue;
      const upper = group.agents.reduce(
        (sum, a) => sum + Math.min(cap(prepared.agents[a]!), prepared.agents[a]!.usable.filter(tagged).length),
        0,
      );
      const most = types.reduce((sum, [t]) => sum + t.members.length, 0);
      if (upper >= most) continue;
      model.rows.push({
        indices: types.map(([, s]) => yColumn[g]![s]!),
        values: types.map(() => 1),
        lower: -Infinity,
        upper,
      });
    }
  });
  groups.forEach((group, g) => {
    const first = prepared.agents[group.agents[0]!]!;
    const representatives = group.types.map((t) => t.representative);
    const typeOf = new Map(representatives.map((r, s) => [r, s]));
    const pseudo = {
      fixed: [],
      maxWeeklyHours: Infinity,
      minRestMinutes: first.minRestMinutes,
      maxConsecutiveDays: first.maxConsecutiveDays,
    };
    const rows = agentRuleRows(pseudo, representatives, (shift) => yColumn[g]![typeOf.get(shift)!]!, intervalMinutes);
    for (const row of rows) {
      const types = (row.shifts ?? []).map((shift) => group.types[typeOf.get(shift)!]!);
      const agentsIn = new Map<number, Set<number>>(); // agent → days it has a shift of the row in
      for (const type of types) {
        for (const m of type.members)
          agentsIn.set(m.agent, (agentsIn.get(m.agent) ?? new Set()).add(type.representative.dayIndex));
      }
      let upper: number;
      if (row.kind === 'consecutive') {
        const days = types.map((t) => t.representative.dayIndex);
        const from = Math.min(...days);
        const to = Math.max(...days);
        upper = 0;
        for (const [a, worked] of agentsIn) {
          const agent = prepared.agents[a]!;
          const fixedInWindow = new Set(
            agent.fixed.filter((f) => f.dayIndex >= from && f.dayIndex <= to).map((f) => f.dayIndex),
          ).size;
          upper += Math.max(0, Math.min(worked.size, agent.maxConsecutiveDays - fixedInWindow));
        }
      } else {
        upper = agentsIn.size; // 'day' and 'rest': at most one shift of the row per agent
      }
      const sum = types.reduce((total, t) => total + t.members.length, 0);
      if (upper >= sum) continue; // cannot bind
      model.rows.push({ indices: row.indices, values: row.values, lower: -Infinity, upper });
    }
  });
}

/** Integer counts y(g, s) from a stage-1 solution. */
export function countsFrom(aggregated: AggregatedModel, values: ArrayLike<number>): number[][] {
  return aggregated.yColumn.map((columns) => columns.map((j) => Math.max(0, Math.round(values[j]!))));
}

/** Shifts of each length an agent should take in a week (from the stage-1 length patterns). */
export type LengthTargets = Map<number, Map<number, Map<number, number>>>; // agent → week → length → count

/**
 * The stage-1 patterns handed to agents: within each (group, week, kind) the cheapest agents take the
 * patterns with the most hours (as the cost segments assumed); agents left without one get none.
 */
export function lengthTargets(
  prepared: PreparedSchedule,
  aggregated: AggregatedModel,
  values: ArrayLike<number>,
): LengthTargets {
  const targets: LengthTargets = new Map();
  for (const set of aggregated.patterns) {
    const chosen: number[][] = [];
    for (const { column, counts } of set.columns)
      for (let k = 0; k < Math.round(values[column]!); k++) chosen.push(counts);
    chosen.sort(
      (x, y) => y.reduce((s, n, i) => s + n * set.lengths[i]!, 0) - x.reduce((s, n, i) => s + n * set.lengths[i]!, 0),
    );
    const agents = [...set.agents].sort((x, y) => prepared.agents[x]!.hourlyCost - prepared.agents[y]!.hourlyCost);
    agents.forEach((agent, i) => {
      const counts = chosen[i] ?? set.lengths.map(() => 0);
      const byWeek = targets.get(agent) ?? new Map<number, Map<number, number>>();
      byWeek.set(set.week, new Map(set.lengths.map((length, j) => [length, counts[j]!])));
      targets.set(agent, byWeek);
    });
  }
  return targets;
}

/** Column values of the aggregated model for a named schedule (to warm-start stage 1 from it). */
export function aggregatedStart(
  prepared: PreparedSchedule,
  aggregated: AggregatedModel,
  chosen: readonly PreparedShift[][],
): number[] | null {
  const { model, groups, yColumn } = aggregated;
  const values = new Array<number>(model.colCost.length).fill(0);
  const typeOfShift = new Map<PreparedShift, [number, number]>();
  groups.forEach((group, g) =>
    group.types.forEach((type, s) => type.members.forEach((m) => typeOfShift.set(m.shift, [g, s]))),
  );
  for (const shifts of chosen) {
    for (const shift of shifts) {
      const at = typeOfShift.get(shift);
      if (!at) return null; // a shift outside the model (pruned): no start
      values[yColumn[at[0]]![at[1]]!]! += 1;
    }
  }
  // Cost segments filled by each agent's own hours; each agent's week under a pattern that holds it.
  for (const { agent, week, column } of aggregated.segments) {
    values[column] = (chosen[agent] ?? [])
      .filter((s) => weekOf(s.dayIndex) === week)
      .reduce((sum, s) => sum + s.paidHours, 0);
  }
  for (const set of aggregated.patterns) {
    for (const agent of set.agents) {
      const mine = (chosen[agent] ?? []).filter((s) => weekOf(s.dayIndex) === set.week);
      const counts = set.lengths.map((length) => mine.filter((s) => Math.abs(s.paidHours - length) < 1e-9).length);
      const holder = set.columns.find((c) => c.counts.every((n, i) => counts[i]! <= n));
      if (!holder) return null;
      values[holder.column]! += 1;
    }
  }
  if (aggregated.channelColumns) {
    const { split, under, over } = aggregated.channelColumns;
    const channels = prepared.channels!;
    const supply: Array<Map<number, number>> = Array.from({ length: prepared.intervalCount }, () => new Map());
    const add = (shift: PreparedShift): void => {
      for (const t of shift.coverIntervals)
        supply[t]!.set(shift.channelMask, (supply[t]!.get(shift.channelMask) ?? 0) + 1);
    };
    for (const agent of prepared.agents) for (const f of agent.fixed) add(f);
    for (const shifts of chosen) for (const shift of shifts) add(shift);
    for (let t = 0; t < prepared.intervalCount; t++) {
      const demand = channels.map((_, c) => prepared.channelRequired[c]![t]!);
      const result = splitInterval(supply[t]!, demand);
      for (const [mask, onChannel] of result.byMask) {
        onChannel.forEach((n, c) => {
          const column = split.get(`${mask}|${c}|${t}`);
          if (column !== undefined) values[column] = n;
        });
      }
      channels.forEach((_, c) => {
        if (under[c]![t]! >= 0) values[under[c]![t]!] = Math.max(0, demand[c]! - result.served[c]!);
        if (over[c]![t]! >= 0) values[over[c]![t]!] = result.surplus[c]!;
      });
    }
    return values;
  }
  const coverage = new Array<number>(prepared.intervalCount).fill(0);
  for (const shifts of chosen) for (const shift of shifts) for (const t of shift.coverIntervals) coverage[t] += 1;
  aggregated.activeIntervals.forEach((t, k) => {
    const gap = prepared.remaining[t]! - coverage[t]!;
    values[aggregated.underStart + 2 * k] = Math.max(0, gap);
    values[aggregated.underStart + 2 * k + 1] = Math.max(0, -gap);
  });
  return values;
}

/**
 * Stage 2 for one group: gives `counts[s]` shifts of each type to the group's agents. Greedy first (by
 * day, then start; each shift to the cheapest member that may still take it), then, when the greedy
 * left some unassigned and there is time, a MIP over the members of the counted types. Returns the
 * shifts per agent position (only the group's agents are set).
 */
export function assignGroup(
  highs: Highs | null,
  prepared: PreparedSchedule,
  group: AgentGroup,
  counts: readonly number[],
  settings: Omit<HighsRunSettings, 'relax' | 'start'> | null,
  extra: GroupAssignmentExtras = {},
  targets?: LengthTargets,
): { chosen: Map<number, PreparedShift[]>; unassigned: number; messages: string[] } {
  // The greedy decomposition, then randomised restarts while they are cheap (each is milliseconds):
  // the ordering and the ties decide whether the last few shifts still find an agent.
  let attempt = greedyDecompose(prepared, group, counts, extra, targets, null);
  const started = performance.now();
  let random = 12345;
  const next = (): number => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random / 2147483648;
  };
  const budgetMs = Math.min(RESTART_MS, settings ? settings.timeLimit * 500 : 100);
  for (let k = 0; k < RESTARTS && attempt.failed.length > 0 && performance.now() - started < budgetMs; k++) {
    const other = greedyDecompose(prepared, group, counts, extra, targets, next);
    if (other.failed.length < attempt.failed.length) attempt = other;
  }
  const { chosen, states } = attempt;
  let unassigned = 0;
  const failed = attempt.failed;
  const order = group.types.map((_, s) => s).filter((s) => counts[s]! > 0);
  const penaltyOf = extra.penalty ?? (() => 0);
  // Only once every counted shift had its turn: nearest substitutes for those nobody could take. They
  // still count as unassigned: the solver caps the type and solves the counts again if time allows.
  for (const f of failed) {
    substitute(group, f, chosen, states, extra);
    unassigned++;
  }
  const messages: string[] = [];
  if ((unassigned === 0 && !extra.optimise) || !highs || !settings) return { chosen, unassigned, messages };

  // The assignment MIP: x(a, shift) for members of counted types, u(s) unassigned.
  const { weights, costScale, intervalHours: h } = prepared;
  const model = emptyModel();
  const xs: Array<{ agent: number; shift: PreparedShift }> = [];
  const columnOf = new Map<PreparedShift, number>();
  const usableByAgent = new Map<number, PreparedShift[]>(group.agents.map((a) => [a, []]));
  const countRows: RowDraft[] = [];
  for (const s of order) {
    const row: RowDraft = { indices: [], values: [], lower: counts[s]!, upper: counts[s]! };
    for (const m of group.types[s]!.members) {
      if (extra.allowed && !extra.allowed(m.agent, m.shift, [])) continue;
      const j = addColumn(model, (weights.cost * m.shift.cost) / costScale + penaltyOf(m.agent, m.shift), 0, 1, true);
      xs.push(m);
      columnOf.set(m.shift, j);
      usableByAgent.get(m.agent)!.push(m.shift);
      row.indices.push(j);
      row.values.push(1);
    }
    const lost = weights.underCoverage * h * group.types[s]!.representative.coverIntervals.length;
    row.indices.push(addColumn(model, lost, 0, counts[s]!, false));
    row.values.push(1);
    countRows.push(row);
  }
  model.rows.push(...countRows);
  for (const a of group.agents) {
    model.rows.push(
      ...agentRuleRows(
        prepared.agents[a]!,
        usableByAgent.get(a)!,
        (shift) => columnOf.get(shift)!,
        prepared.intervalMinutes,
      ),
    );
    if (extra.agentRows)
      model.rows.push(...extra.agentRows(a, usableByAgent.get(a)!, (shift) => columnOf.get(shift)!, model));
  }
  // Warm start: the greedy assignment.
  const start = new Array<number>(model.colCost.length).fill(0);
  const greedyChosen = new Set([...chosen.values()].flat());
  xs.forEach((m) => {
    if (greedyChosen.has(m.shift)) start[columnOf.get(m.shift)!] = 1;
  });
  order.forEach((s, r) => {
    const row = countRows[r]!;
    const assigned = row.indices.slice(0, -1).reduce((n, j) => n + start[j]!, 0);
    start[row.indices[row.indices.length - 1]!] = counts[s]! - assigned;
  });
  const run = runModel(highs, model, { ...settings, relax: false, start });
  messages.push(...run.messages);
  if (!run.values) return { chosen, unassigned, messages };
  const picked = new Map<number, PreparedShift[]>(group.agents.map((a) => [a, []]));
  let left = 0;
  xs.forEach((m) => {
    if (run.values![columnOf.get(m.shift)!]! > 0.5) picked.get(m.agent)!.push(m.shift);
  });
  countRows.forEach((row) => (left += Math.round(run.values![row.indices[row.indices.length - 1]!]!)));
  return { chosen: picked, unassigned: left, messages };
}

/** Per-agent additions to the assignment stage (preferences, availability, fairness: schedule-preferences.ts). */
export interface GroupAssignmentExtras {
  /** Extra objective per (agent, shift), in objective units (e.g. preference weights). */
  penalty?: (agent: number, shift: PreparedShift) => number;
  /** False when the agent may not take the shift given what it already has (greedy) or at all. */
  allowed?: (agent: number, shift: PreparedShift, current: readonly PreparedShift[]) => boolean;
  /** Extra rows (and columns, added to `model`) of one agent over its shifts (e.g. start-time spread). */
  agentRows?: (
    agent: number,
    usable: readonly PreparedShift[],
    column: (shift: PreparedShift) => number,
    model: LinearModel,
  ) => RowDraft[];
  /** Run the MIP even when the greedy assigned everything (to optimise penalties). */
  optimise?: boolean;
}

/**
 * The maximal vectors n (one count per length) with Σ n ≤ days and Σ n·length ≤ budget: every
 * feasible mix of shift lengths for one agent's week is below one of them.
 */
export function maximalPatterns(lengths: readonly number[], budget: number, days: number): number[][] {
  const all: number[][] = [];
  const walk = (i: number, current: number[], hours: number, count: number): void => {
    if (i === lengths.length) {
      all.push(current.slice());
      return;
    }
    for (let n = 0; count + n <= days && hours + n * lengths[i]! <= budget + 1e-9; n++) {
      current.push(n);
      walk(i + 1, current, hours + n * lengths[i]!, count + n);
      current.pop();
    }
  };
  walk(0, [], 0, 0);
  const dominated = (x: number[], y: number[]): boolean =>
    x !== y && x.every((v, i) => v <= y[i]!) && x.some((v, i) => v < y[i]!);
  return all.filter((x) => !all.some((y) => dominated(x, y)));
}

/**
 * Repair for a shift of type `s` that no member can take: find a member a and one of its shifts x
 * such that a could take s without x and another member b can take x; move x to b, give s to a.
 * (A depth-one ejection chain; the usual repair for roster construction.)
 */
function ejectAndAssign(
  prepared: PreparedSchedule,
  group: AgentGroup,
  s: number,
  chosen: Map<number, PreparedShift[]>,
  states: Map<number, AgentScheduleState>,
  extra: GroupAssignmentExtras,
): boolean {
  const rebuild = (agent: number, shifts: readonly PreparedShift[]): AgentScheduleState => {
    const state = new AgentScheduleState(prepared.agents[agent]!, prepared.intervalMinutes);
    for (const shift of shifts) state.add(shift);
    return state;
  };
  const typeOf = new Map<PreparedShift, ShiftType>();
  for (const type of group.types) for (const m of type.members) typeOf.set(m.shift, type);
  for (const m of group.types[s]!.members) {
    const mine = chosen.get(m.agent)!;
    for (const x of mine) {
      const without = mine.filter((y) => y !== x);
      if (!rebuild(m.agent, without).canAdd(m.shift)) continue;
      if (extra.allowed && !extra.allowed(m.agent, m.shift, without)) continue;
      const type = typeOf.get(x);
      if (!type) continue;
      for (const other of type.members) {
        if (other.agent === m.agent || !states.get(other.agent)!.canAdd(other.shift)) continue;
        if (extra.allowed && !extra.allowed(other.agent, other.shift, chosen.get(other.agent)!)) continue;
        chosen.set(m.agent, [...without, m.shift]);
        states.set(m.agent, rebuild(m.agent, chosen.get(m.agent)!));
        chosen.get(other.agent)!.push(other.shift);
        states.get(other.agent)!.add(other.shift);
        return true;
      }
    }
  }
  return false;
}

/**
 * Last resort for a shift of type `s` nobody can take: the nearest type of the same day and length
 * (closest start) that a member can take, so the coverage moves a little instead of going missing.
 */
function substitute(
  group: AgentGroup,
  s: number,
  chosen: Map<number, PreparedShift[]>,
  states: Map<number, AgentScheduleState>,
  extra: GroupAssignmentExtras,
): boolean {
  const wanted = group.types[s]!.representative;
  const near = group.types
    .filter(
      (t) =>
        t !== group.types[s] &&
        t.representative.dayIndex === wanted.dayIndex &&
        Math.abs(t.representative.paidHours - wanted.paidHours) < 1e-9,
    )
    .sort(
      (x, y) =>
        Math.abs(x.representative.startInterval - wanted.startInterval) -
        Math.abs(y.representative.startInterval - wanted.startInterval),
    );
  for (const type of near) {
    for (const m of type.members) {
      if (!states.get(m.agent)!.canAdd(m.shift)) continue;
      if (extra.allowed && !extra.allowed(m.agent, m.shift, chosen.get(m.agent)!)) continue;
      states.get(m.agent)!.add(m.shift);
      chosen.get(m.agent)!.push(m.shift);
      return true;
    }
  }
  return false;
}

const RESTARTS = 40;
const RESTART_MS = 400;

/** One greedy decomposition of a group's counts (see assignGroup); `random` null = deterministic. */
function greedyDecompose(
  prepared: PreparedSchedule,
  group: AgentGroup,
  counts: readonly number[],
  extra: GroupAssignmentExtras,
  targets: LengthTargets | undefined,
  random: (() => number) | null,
): { chosen: Map<number, PreparedShift[]>; states: Map<number, AgentScheduleState>; failed: number[] } {
  // The stage-1 patterns left per agent and week (a copy: each attempt consumes its own).
  const left: LengthTargets | undefined = targets
    ? new Map(
        [...targets].map(([agent, weeks]) => [
          agent,
          new Map([...weeks].map(([week, lengths]) => [week, new Map(lengths)])),
        ]),
      )
    : undefined;
  const states = new Map(
    group.agents.map((a) => [a, new AgentScheduleState(prepared.agents[a]!, prepared.intervalMinutes)]),
  );
  const hours = new Map(group.agents.map((a) => [a, 0]));
  const chosen = new Map<number, PreparedShift[]>(group.agents.map((a) => [a, []]));
  const order = group.types.map((_, s) => s).filter((s) => counts[s]! > 0);
  order.sort(
    (x, y) =>
      group.types[x]!.representative.dayIndex - group.types[y]!.representative.dayIndex ||
      group.types[x]!.representative.startInterval - group.types[y]!.representative.startInterval,
  );
  const penaltyOf = extra.penalty ?? (() => 0);
  // Most constrained first: the shift instances with the fewest members that could still take them;
  // each to the member with the most weekly hours left (keeps the others' options open), then the cheapest.
  const budgetLeft = new Map(
    group.agents.map((a) => {
      const agent = prepared.agents[a]!;
      return [a, agent.maxWeeklyHours - agent.fixed.reduce((sum, f) => sum + f.paidHours, 0)];
    }),
  );
  const pending: number[] = [];
  for (const s of order) for (let k = 0; k < counts[s]!; k++) pending.push(s);
  // Length targets left per agent and week (stage 1's patterns); followed while some member has room.
  const room = (agent: number, shift: PreparedShift): number => {
    const byLength = left?.get(agent)?.get(weekOf(shift.dayIndex));
    if (!byLength) return 0;
    for (const [length, count] of byLength) if (Math.abs(length - shift.paidHours) < 1e-9) return count;
    return 0;
  };
  const take = (agent: number, shift: PreparedShift): void => {
    const byLength = left?.get(agent)?.get(weekOf(shift.dayIndex));
    if (!byLength) return;
    for (const [length, count] of byLength)
      if (Math.abs(length - shift.paidHours) < 1e-9) byLength.set(length, count - 1);
  };
  const eligible = (s: number): Array<{ agent: number; shift: PreparedShift }> => {
    const open = group.types[s]!.members.filter(
      (m) =>
        states.get(m.agent)!.canAdd(m.shift) &&
        (!extra.allowed || extra.allowed(m.agent, m.shift, chosen.get(m.agent)!)),
    );
    if (!targets) return open;
    const planned = open.filter((m) => room(m.agent, m.shift) > 0);
    return planned.length > 0 ? planned : open;
  };
  const failed: number[] = [];
  while (pending.length > 0) {
    let pick = 0;
    let pickOptions = eligible(pending[0]!);
    for (let i = 1; i < pending.length && pickOptions.length > 1; i++) {
      if (pending[i] === pending[i - 1]) continue;
      const options = eligible(pending[i]!);
      if (
        options.length < pickOptions.length ||
        (random !== null && options.length === pickOptions.length && random() < 0.3)
      ) {
        pick = i;
        pickOptions = options;
      }
    }
    const s = pending.splice(pick, 1)[0]!;
    if (pickOptions.length === 0) {
      if (!ejectAndAssign(prepared, group, s, chosen, states, extra)) failed.push(s);
      continue;
    }
    let best = pickOptions[0]!;
    let bestScore = Infinity;
    for (const m of pickOptions) {
      const jitter = random === null ? 1 : 0.7 + 0.6 * random();
      const score =
        -budgetLeft.get(m.agent)! * 1000 * jitter +
        m.shift.cost +
        penaltyOf(m.agent, m.shift) +
        1e-6 * hours.get(m.agent)!;
      if (score < bestScore) {
        best = m;
        bestScore = score;
      }
    }
    states.get(best.agent)!.add(best.shift);
    chosen.get(best.agent)!.push(best.shift);
    take(best.agent, best.shift);
    hours.set(best.agent, hours.get(best.agent)! + best.shift.paidHours);
    budgetLeft.set(best.agent, budgetLeft.get(best.agent)! - best.shift.paidHours);
  }
  return { chosen, states, failed };
}
