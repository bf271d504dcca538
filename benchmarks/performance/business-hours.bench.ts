/**
 * What business hours cost the ingest (issue 13), beside baselines measured in the same run. No database:
 * the business times are computed in TypeScript before a batch is written.
 *
 *  - Computing the business first response and resolution of an import lane's share of a chunk (25,000
 *    contacts, a fortnight to a quarter of history, one team calendar in Europe/Paris, its DST changes
 *    already known) against the ingest rules' check of the same rows (`checkBatch`, the TypeScript work
 *    every imported row already costs).
 *  - The longest the event loop was held while computing them, with a zone whose offset changes are
 *    not known yet (the first batch after a start), against the 10 ms slice the computation yields after.
 *  - A hostile contact from year 1 to 9999: its total time (the search of 1800–2440 for a fresh zone),
 *    and the longest hold, against the same 10 ms.
 *
 * Run: node -r @swc-node/register benchmarks/performance/business-hours.bench.ts [--quick]
 */
import 'reflect-metadata';
import { businessTimes, checkBatch, compileBusinessCalendar, rawRowOf, TeamCalendars } from '@deskforce/performance';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';

const TEAM = '1b0f0c9e-6c1f-4f0e-9d55-3b1f3c9e0a01';
const WEEKDAY = [{ start: '09:00', end: '17:00' }];
const calendarIn = (zone: string): TeamCalendars =>
  new Map([
    [
      TEAM,
      compileBusinessCalendar({
        zone,
        weekly: { monday: WEEKDAY, tuesday: WEEKDAY, wednesday: WEEKDAY, thursday: WEEKDAY, friday: WEEKDAY },
        holidays: [
          { date: '2024-05-01', name: 'Labour Day' },
          { date: '2024-05-08', name: 'Victory Day' },
        ],
      }),
    ],
  ]);

/** mulberry32 (public domain): the same rows every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function contacts(count: number) {
  const rand = prng(13);
  const start = Date.parse('2024-03-01T00:00:00Z');
  return Array.from({ length: count }, (_, idx) => {
    const createdAt = start + Math.floor(rand() * 90 * 86_400_000);
    const firstResponseAt = createdAt + Math.floor(Math.exp(rand() * Math.log(3 * 86_400_000)));
    const resolvedAt = rand() < 0.8 ? firstResponseAt + Math.floor(Math.exp(rand() * Math.log(5 * 86_400_000))) : null;
    return { idx, teamId: TEAM, createdAt, firstResponseAt, resolvedAt };
  });
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; maxHoldMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.disable();
  return { ms, maxHoldMs: histogram.max / 1e6 };
}

export async function run(quick: boolean): Promise<BenchmarkRow[]> {
  const rows = contacts(25_000);
  const rounds = quick ? 3 : 9;
  const known = { agentTeam: new Map<string, string>(), teams: new Set([TEAM]) };
  const raw = rows.map((r, i) =>
    rawRowOf(
      'interactions',
      {
        source: 'bench',
        externalId: `c${r.idx}`,
        channel: 'EMAIL',
        teamId: TEAM,
        status: r.resolvedAt === null ? 'OPEN' : 'RESOLVED',
        createdAt: new Date(r.createdAt),
        firstResponseAt: new Date(r.firstResponseAt),
        ...(r.resolvedAt === null ? {} : { resolvedAt: new Date(r.resolvedAt) }),
      },
      i,
    ),
  );
  // A fresh zone: the first batch also searches its offset changes for 2024.
  const firstBatch = await timed(() => businessTimes(calendarIn('Europe/Paris'), rows));
  const paris = calendarIn('Europe/Paris');
  const business: number[] = [];
  const rules: number[] = [];
  for (let i = 0; i < rounds; i++) {
    business.push((await timed(() => businessTimes(paris, rows))).ms);
    rules.push((await timed(() => checkBatch('interactions', raw, known))).ms);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const hostile = [
    {
      idx: 0,
      teamId: TEAM,
      createdAt: Date.parse('0001-01-01T00:00:00Z'),
      firstResponseAt: Date.parse('9999-12-31T00:00:00Z'),
      resolvedAt: null,
    },
  ];
  const farAway = await timed(() => businessTimes(calendarIn('America/Santiago'), hostile));
  return [
    row(
      'business times of 25,000 contacts',
      median(business),
      'ms',
      'ingest rules check of the same rows',
      median(rules),
    ),
    row('longest event-loop hold, first batch (fresh zone)', firstBatch.maxHoldMs, 'ms', 'yield slice', 10),
    row(
      'hostile contact, year 1 → 9999 (fresh zone): total',
      farAway.ms,
      'ms',
      'the 25,000 contacts',
      median(business),
    ),
    row('hostile contact: longest event-loop hold', farAway.maxHoldMs, 'ms', 'yield slice', 10),
  ];
}

runIfMain(module, 'Business hours in the ingest', run);
