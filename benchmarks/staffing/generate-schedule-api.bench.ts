/**
 * Schedule generation end to end through GraphQL: a team of 150 phone agents with 30 shift templates
 * and a week of uploaded 15-minute forecast; `generateSchedule` is followed with `scheduleJob` to
 * SUCCEEDED. Reports the job's wall time beside its solver time limit, the time spent building the
 * problem (reads, candidate shifts) and writing the drafts (createDrafts re-checks every labor rule),
 * the optimiser's schedule beside the greedy baseline the job computes on the same problem, and the
 * API's worst event-loop delay while the job ran beside the same figure idle (the solver and the
 * baseline run in worker threads, the problem mapping in the compute pool's; what remains on the loop
 * is reading the data and writing the drafts).
 *
 *   node -r @swc-node/register benchmarks/staffing/generate-schedule-api.bench.ts [--quick] [--time-limit=60]
 *     --quick: 40 agents, 12 templates, 15 s limit
 */
import { Role } from '@deskforce/platform';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { erlangC } from '../../libs/staffing/src/lib/math/erlang-c';
import { SeededRandom } from '../../libs/staffing/src/testing/seeded-random';
import { benchTenant, startBenchApp } from '../support/bench-app';
import { benchDatabase } from '../support/bench-database';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';

/** Monday 2 March 2026 00:00 in Warsaw: one week of 15-minute intervals. */
const FROM = '2026-03-01T23:00:00Z';
const TO = '2026-03-08T23:00:00Z';
const TARGETS = { serviceLevelTarget: 0.8, targetAnswerSeconds: 20, shrinkage: 0.1, maxOccupancy: 0.9 };
const AHT = 360;

interface JobState {
  status: string;
  phase: string;
  error: string | null;
  result: {
    shiftsCreated: number;
    solverStatus: string;
    underCoverageAgentHours: number;
    overCoverageAgentHours: number;
    cost: number;
    objective: number;
    bestBound: number | null;
    candidates: number;
    problemSeconds: number;
    buildSeconds: number;
    solveSeconds: number;
    writeSeconds: number;
    baseline: {
      underCoverageAgentHours: number;
      overCoverageAgentHours: number;
      cost: number;
      objective: number;
    } | null;
  } | null;
}

/** The synthetic factory's day shape: open 07:00–22:00, peaks at 10:30 and 15:00, weekdays busier. */
function contactsProfile(random: SeededRandom): number[] {
  const weekday = [1.15, 1.05, 1, 1, 0.95, 0.55, 0.4];
  const values: number[] = [];
  for (let d = 0; d < 7; d++) {
    for (let i = 0; i < 96; i++) {
      const hour = i / 4;
      const shape = 0.45 + Math.exp(-((hour - 10.5) ** 2) / 3) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5);
      values.push(hour >= 7 && hour < 22 ? shape * weekday[d]! * (0.95 + 0.1 * random.next()) : 0);
    }
  }
  return values;
}

function requiredHours(contacts: number[]): number {
  return (
    contacts.reduce(
      (s, c) => s + erlangC({ contacts: c, intervalSeconds: 900, ahtSeconds: AHT, ...TARGETS }).scheduledAgents,
      0,
    ) / 4
  );
}

export async function run(quick: boolean): Promise<BenchmarkRow[]> {
  const agentCount = quick ? 40 : 150;
  const templateCount = quick ? 12 : 30;
  const limitArgument = process.argv.find((a) => a.startsWith('--time-limit='));
  const timeLimitSeconds = limitArgument ? Number(limitArgument.slice('--time-limit='.length)) : quick ? 15 : 60;
  const random = new SeededRandom(7);
  const database = await benchDatabase();
  const bench = await startBenchApp(database.url);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const gql = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const response = await bench.gql<T>(query, variables, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  try {
    const { tenantId, token } = await benchTenant(bench, Role.DIRECTOR);
    const teamId = randomUUID();
    await client.query(
      `INSERT INTO teams (tenant_id, id, name, time_zone, channels) VALUES ($1, $2, 'Bench team', 'Europe/Warsaw', '{PHONE}')`,
      [tenantId, teamId],
    );
    const contracts = Array.from({ length: agentCount }, () => random.pick([20, 24, 30, 32, 36, 40]));
    const costs = Array.from({ length: agentCount }, () => Math.round((18 + 17 * random.next()) * 100) / 100);
    await client.query(
      `INSERT INTO agents (tenant_id, id, name, email, team_id, level, hire_date, contracted_weekly_hours, hourly_cost, channels)
       SELECT $1, gen_random_uuid(), 'Agent ' || n, 'agent' || n || '@bench.test', $2, 'ENTRY', '2024-01-01', c, h, '{PHONE}'
         FROM unnest($3::numeric[], $4::numeric[]) WITH ORDINALITY AS x(c, h, n)`,
      [tenantId, teamId, contracts, costs],
    );
    // The synthetic instance's rules: weekly hours up to the contract, at most 5 days in a row.
    const setRule = `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule } } }`;
    await gql(setRule, { input: { teamId, rule: 'MAX_WEEKLY_HOURS', enforcement: 'HARD', value: 0 } }, token);
    await gql(setRule, { input: { teamId, rule: 'MAX_CONSECUTIVE_DAYS', enforcement: 'HARD', value: 5 } }, token);

    // 30 templates: 8 h, 10 h and 6 h at staggered starts, with breaks and lunch (as in the core benchmark).
    const templates = [
      ...[6, 6.5, 7, 7.5, 8, 8.5, 9, 10, 11, 12, 13, 13.5].map((s) => ({
        s,
        span: 510,
        acts: [
          [120, 15, 'BREAK'],
          [240, 30, 'LUNCH'],
          [390, 15, 'BREAK'],
        ],
      })),
      ...[6, 7, 8, 9, 10, 11, 11.5].map((s) => ({
        s,
        span: 630,
        acts: [
          [120, 15, 'BREAK'],
          [300, 30, 'LUNCH'],
          [480, 15, 'BREAK'],
        ],
      })),
      ...[7, 8, 9, 10, 11, 12, 14, 15, 16, 16.5, 17].map((s) => ({ s, span: 360, acts: [[180, 15, 'BREAK']] })),
    ].sort((a, b) => a.s - b.s || a.span - b.span);
    const picked =
      templateCount >= templates.length
        ? templates
        : Array.from(
            { length: templateCount },
            (_, i) => templates[Math.round((i * (templates.length - 1)) / (templateCount - 1))]!,
          );
    for (const t of picked) {
      const time = `${String(Math.floor(t.s)).padStart(2, '0')}:${t.s % 1 ? '30' : '00'}`;
      await gql(
        `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id } } }`,
        {
          input: {
            teamId,
            name: `${t.span / 60} h from ${time}`,
            startTime: time,
            durationMinutes: t.span,
            daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
            channel: 'PHONE',
            activities: t.acts.map(([offset, length, type]) => ({
              type,
              durationMinutes: length,
              earliestStartMinutes: offset,
              latestStartMinutes: offset,
            })),
          },
        },
        token,
      );
    }

    // Volume scaled so that the Erlang C demand is about 85% of the agents' working capacity.
    const profile = contactsProfile(random);
    const capacity = 0.9 * contracts.reduce((s, c) => s + c, 0);
    let low = 0;
    let high = 1;
    while (requiredHours(profile.map((p) => p * high)) < 0.85 * capacity) high *= 2;
    for (let i = 0; i < 30; i++) {
      const mid = (low + high) / 2;
      if (requiredHours(profile.map((p) => p * mid)) < 0.85 * capacity) low = mid;
      else high = mid;
    }
    const contacts = profile.map((p) => p * high);
    await gql(
      `mutation($input: UploadForecastInput!) { uploadForecast(input: $input) { intervalCount } }`,
      {
        input: {
          teamId,
          channel: 'PHONE',
          from: FROM,
          intervalMinutes: 15,
          contacts,
          ahtSeconds: contacts.map(() => AHT),
        },
      },
      token,
    );

    // Idle event-loop delay over a few seconds, then the same while the job runs.
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    idle.disable();
    const busy = monitorEventLoopDelay({ resolution: 10 });
    busy.enable();

    const started = performance.now();
    const { generateSchedule } = await gql<{ generateSchedule: { job: { id: string } } }>(
      `mutation($input: GenerateScheduleInput!) { generateSchedule(input: $input) { job { id } } }`,
      { input: { teamId, channel: 'PHONE', from: FROM, to: TO, intervalMinutes: 15, timeLimitSeconds, ...TARGETS } },
      token,
    );
    let job: JobState;
    for (;;) {
      job = (
        await gql<{ scheduleJob: JobState }>(
          `query($id: ID!) { scheduleJob(id: $id) { status phase error result { shiftsCreated solverStatus underCoverageAgentHours overCoverageAgentHours cost objective bestBound candidates problemSeconds buildSeconds solveSeconds writeSeconds baseline { underCoverageAgentHours overCoverageAgentHours cost objective } } } }`,
          { id: generateSchedule.job.id },
          token,
        )
      ).scheduleJob;
      if (!['QUEUED', 'RUNNING'].includes(job.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const wallSeconds = (performance.now() - started) / 1000;
    busy.disable();
    if (job.status !== 'SUCCEEDED' || !job.result?.baseline) throw new Error(`job ${job.status}: ${job.error}`);
    const r = job.result;
    const b = r.baseline!;
    const label = `generateSchedule via GraphQL, ${agentCount} agents, ${picked.length} templates, 7 × 96 intervals`;
    process.stdout.write(
      `  ${r.candidates} candidates; ${r.shiftsCreated} draft shifts written; solver ${r.solverStatus}; bound ${r.bestBound?.toFixed(1) ?? 'n/a'}; ` +
        `problem ${r.problemSeconds.toFixed(2)} s, model ${r.buildSeconds.toFixed(2)} s, HiGHS ${r.solveSeconds.toFixed(1)} s, write ${r.writeSeconds.toFixed(2)} s, wall ${wallSeconds.toFixed(1)} s\n`,
    );
    return [
      row(`${label}: job wall time`, wallSeconds, 's', 'solver time limit', timeLimitSeconds),
      row('  building the problem (reads, candidate shifts)', r.problemSeconds, 's', 'job wall time', wallSeconds),
      row('  writing the drafts (every labor rule re-checked)', r.writeSeconds, 's', 'job wall time', wallSeconds),
      row('  under-covered agent-hours', r.underCoverageAgentHours, 'agent-hours', 'greedy', b.underCoverageAgentHours),
      row('  over-covered agent-hours', r.overCoverageAgentHours, 'agent-hours', 'greedy', b.overCoverageAgentHours),
      row('  cost of the new shifts', r.cost, 'currency', 'greedy', b.cost),
      row('  objective (weighted)', r.objective, 'objective', 'greedy', b.objective),
      row('  API event-loop delay, worst, during the job', busy.max / 1e6, 'ms', 'idle', idle.max / 1e6),
    ];
  } finally {
    await client.end();
    await bench.close();
    await database.close();
  }
}

runIfMain(module, 'Schedule generation through GraphQL', run);
