/** What the ranking knows of an agent. */
export interface RankedAgent {
  id: string;
  teamId: string;
  /** Skill name → proficiency 1..5. */
  skills: ReadonlyMap<string, number>;
}

export interface MentorCandidate extends RankedAgent {
  capacity: number;
  activeMentees: number;
}

export interface MetricReading {
  agentId: string;
  metric: string;
  value: number | null;
}

export interface KpiStrength {
  metric: string;
  mentorValue: number;
  menteeValue: number;
  /** The mentor's standing among the candidates and the mentee, 0 (worst) to 1 (best). */
  mentorPercentile: number;
}

export interface MentorRanking {
  mentorId: string;
  /** 0 to 1: a weighted mean of the parts known for this pair. */
  score: number;
  reasons: string[];
  sameTeam: boolean;
  sharedSkills: string[];
  freeCapacity: number;
  kpiStrengths: KpiStrength[];
}

/**
 * Weights of the parts of the score. Strength on the mentee's weakest KPIs leads (the issue ranks by it
 * first); skills, team and free places separate mentors alike on KPIs and carry the ranking when there are
 * no KPI values. A part with nothing to judge drops out and the rest are rescaled.
 */
export const RANKING_WEIGHTS = { kpi: 0.6, skills: 0.2, team: 0.1, capacity: 0.1 } as const;

/** How many of the mentee's weakest metrics the ranking looks at. */
export const WEAKEST_METRICS = 2;

/**
 * Mid-rank percentile of `value` among `others`, oriented so that 1 is best: the share of the others it beats,
 * ties counted half. With no one to compare with, 0.5.
 */
export function orientedPercentile(value: number, others: readonly number[], higherIsBetter: boolean): number {
  if (others.length === 0) return 0.5;
  let score = 0;
  for (const other of others) {
    if (value === other) score += 0.5;
    else if (value > other === higherIsBetter) score += 1;
  }
  return score / others.length;
}

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, ''));

/** How a director reads each metric: its name and its value in the unit the KPI library gives it. */
const METRIC_LABELS: Readonly<Record<string, [string, 'seconds' | 'percent']>> = {
  FIRST_RESPONSE_TIME_MEDIAN: ['median first response time', 'seconds'],
  RESOLUTION_TIME_MEDIAN: ['median resolution time', 'seconds'],
  RESOLUTION_RATE: ['resolution rate', 'percent'],
  FIRST_CONTACT_RESOLUTION_RATE: ['first contact resolution', 'percent'],
  ESCALATION_RATE: ['escalation rate', 'percent'],
  REOPEN_RATE: ['reopen rate', 'percent'],
  AVERAGE_HANDLE_TIME: ['average handle time', 'seconds'],
  CSAT: ['CSAT', 'percent'],
  SCHEDULE_ADHERENCE: ['schedule adherence', 'percent'],
};

function format(metric: string, value: number): string {
  const unit = METRIC_LABELS[metric]?.[1];
  if (unit === undefined) return number(value);
  if (unit === 'percent') return `${number(Math.round(value * 10) / 10)}%`;
  if (value < 120) return `${number(Math.round(value))} s`;
  if (value < 7200) return `${number(Math.round(value / 6) / 10)} min`;
  return `${number(Math.round(value / 360) / 10)} h`;
}

/**
 * Ranks mentor candidates for a mentee by (1) strength on the mentee's weakest metrics, (2) skills they share,
 * the mentor knowing them better, (3) being on the same team and (4) free places, with a reason for each
 * part that counted. Candidates without a free place are left out. Pure: the caller reads the data.
 */
export function rankMentors(
  mentee: RankedAgent,
  candidates: readonly MentorCandidate[],
  readings: readonly MetricReading[],
  higherIsBetter: (metric: string) => boolean,
): MentorRanking[] {
  const available = candidates.filter((c) => c.id !== mentee.id && c.activeMentees < c.capacity);
  const values = new Map<string, Map<string, number>>(); // metric → agent → value
  for (const r of readings) {
    if (r.value === null || !Number.isFinite(r.value)) continue;
    if (!values.has(r.metric)) values.set(r.metric, new Map());
    values.get(r.metric)!.set(r.agentId, r.value);
  }
  const poolIds = new Set([mentee.id, ...available.map((c) => c.id)]);
  const percentileOf = (metric: string, agentId: string): number | null => {
    const byAgent = values.get(metric);
    const own = byAgent?.get(agentId);
    if (own === undefined) return null;
    const others = [...byAgent!.entries()].filter(([id]) => id !== agentId && poolIds.has(id)).map(([, v]) => v);
    return orientedPercentile(own, others, higherIsBetter(metric));
  };
  const weakest = [...values.keys()]
    .map((metric) => ({ metric, percentile: percentileOf(metric, mentee.id) }))
    .filter((m): m is { metric: string; percentile: number } => m.percentile !== null && m.percentile < 0.5)
    .sort((a, b) => a.percentile - b.percentile || a.metric.localeCompare(b.metric))
    .slice(0, WEAKEST_METRICS)
    .map((m) => m.metric);

  const ranked = available.map((candidate): MentorRanking => {
    const reasons: string[] = [];
    const parts: { weight: number; value: number }[] = [];

    const kpiStrengths: KpiStrength[] = [];
    for (const metric of weakest) {
      const mentorPercentile = percentileOf(metric, candidate.id);
      if (mentorPercentile === null) continue;
      kpiStrengths.push({
        metric,
        mentorValue: values.get(metric)!.get(candidate.id)!,
        menteeValue: values.get(metric)!.get(mentee.id)!,
        mentorPercentile,
      });
    }
    if (kpiStrengths.length > 0) {
      parts.push({
        weight: RANKING_WEIGHTS.kpi,
        value: kpiStrengths.reduce((s, k) => s + k.mentorPercentile, 0) / weakest.length,
      });
      for (const k of kpiStrengths) {
        const better =
          k.mentorValue === k.menteeValue ? false : k.mentorValue > k.menteeValue === higherIsBetter(k.metric);
        if (better) {
          reasons.push(
            `Strong on ${METRIC_LABELS[k.metric]?.[0] ?? k.metric}, one of the mentee's weakest: ${format(k.metric, k.mentorValue)} against ${format(k.metric, k.menteeValue)} (better than ${Math.round(k.mentorPercentile * 100)}% of the pool).`,
          );
        }
      }
    }

    const sharedSkills = [...mentee.skills.keys()].filter((s) => candidate.skills.has(s)).sort();
    if (mentee.skills.size > 0) {
      const value =
        sharedSkills.reduce((sum, s) => sum + (candidate.skills.get(s)! > mentee.skills.get(s)! ? 1 : 0.5), 0) /
        mentee.skills.size;
      parts.push({ weight: RANKING_WEIGHTS.skills, value });
      const stronger = sharedSkills.filter((s) => candidate.skills.get(s)! > mentee.skills.get(s)!);
      if (stronger.length > 0) reasons.push(`Knows ${stronger.join(', ')} better than the mentee.`);
      const same = sharedSkills.filter((s) => !stronger.includes(s));
      if (same.length > 0) reasons.push(`Shares the skill${same.length > 1 ? 's' : ''} ${same.join(', ')}.`);
    }

    const sameTeam = candidate.teamId === mentee.teamId;
    parts.push({ weight: RANKING_WEIGHTS.team, value: sameTeam ? 1 : 0 });
    if (sameTeam) reasons.push('Works on the same team.');

    const freeCapacity = candidate.capacity - candidate.activeMentees;
    parts.push({ weight: RANKING_WEIGHTS.capacity, value: freeCapacity / candidate.capacity });
    reasons.push(`${freeCapacity} of ${candidate.capacity} mentoring place${candidate.capacity > 1 ? 's' : ''} free.`);

    const totalWeight = parts.reduce((s, p) => s + p.weight, 0);
    const score = parts.reduce((s, p) => s + p.weight * p.value, 0) / totalWeight;
    return { mentorId: candidate.id, score, reasons, sameTeam, sharedSkills, freeCapacity, kpiStrengths };
  });
  return ranked.sort((a, b) => b.score - a.score || a.mentorId.localeCompare(b.mentorId));
}
