/**
 * Forecast accuracy: WAPE of the chosen method on a week it did not see, beside the seasonal naive
 * forecast (last week repeated) of the same week, in the same run.
 *  - synthetic: quarter-hour Poisson histories with daily and weekly seasons, a trend, closed hours,
 *    a DST change and a holiday (as in quarter-hour-forecast.spec.ts), several seeds; the next week is
 *    drawn from the same process;
 *  - demo: the demo tenant's own history (seeded into the benchmark database): each team and channel
 *    with contacts, the last whole week forecast from the weeks before it, through staffingForecast.
 * WAPE = Σ|actual − forecast| ÷ Σ actual at hourly resolution (the resolution the model is fitted at).
 *
 *   node -r @swc-node/register benchmarks/staffing/forecast.bench.ts [--quick]
 */
import { Actor, Channel, Role } from '@deskforce/platform';
import { DateTime, IANAZone } from 'luxon';
import { DEMO_PASSWORD, seedDemoTenant } from '../../apps/api/src/seed/demo-seed';
import { InteractionHistorySource } from '../../libs/staffing/src';
import { forecastQuarterHours, QUARTERS_PER_WEEK } from '../../libs/staffing/src/lib/forecast/quarter-hour-forecast';
import { hourlyCachedOffset, QUARTER_MS, wallClockHistory } from '../../libs/staffing/src/lib/forecast/wall-clock';
import { SeededRandom } from '../../libs/staffing/src/testing/seeded-random';
import { startBenchApp } from '../support/bench-app';
import { benchDatabase } from '../support/bench-database';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';

const ZONE = 'Europe/Warsaw';

/** Σ|a − f| ÷ Σ a over hourly sums of quarter series. */
function hourlyWape(actual: readonly number[], forecast: readonly number[]): { error: number; volume: number } {
  let error = 0;
  let volume = 0;
  for (let h = 0; 4 * h < actual.length; h++) {
    const a = actual.slice(4 * h, 4 * h + 4).reduce((s, x) => s + x, 0);
    const f = forecast.slice(4 * h, 4 * h + 4).reduce((s, x) => s + x, 0);
    error += Math.abs(a - f);
    volume += a;
  }
  return { error, volume };
}

function syntheticWape(seeds: number): { chosen: number; naive: number; methods: string[] } {
  const offset = hourlyCachedOffset((ms) => IANAZone.create(ZONE).offset(ms));
  let chosenError = 0;
  let naiveError = 0;
  let volume = 0;
  const methods: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const random = new SeededRandom(seed);
    const weeks = 8;
    // The week after clocks go back in October 2026, so the history holds a DST change.
    const fromMs = DateTime.fromISO('2026-11-02', { zone: ZONE }).toMillis();
    const historyFromMs = DateTime.fromMillis(fromMs, { zone: ZONE }).minus({ weeks }).toMillis();
    const toMs = DateTime.fromMillis(fromMs, { zone: ZONE }).plus({ weeks: 1 }).toMillis();
    const trend = -0.02 + 0.05 * random.next();
    const holiday = DateTime.fromMillis(historyFromMs, { zone: ZONE }).plus({
      days: 7 * (2 + Math.floor(random.next() * 5)) + 2,
    });
    const rate = (ms: number): number => {
      const wall = new Date(ms + offset(ms) * 60_000);
      const hour = wall.getUTCHours() + wall.getUTCMinutes() / 60;
      if (hour < 8 || hour >= 20) return 0;
      const weekday = [0.4, 1.2, 1.1, 1, 1, 0.9, 0.5][wall.getUTCDay()]!;
      const daily = 0.5 + Math.exp(-((hour - 10.5) ** 2) / 3) + 0.7 * Math.exp(-((hour - 15) ** 2) / 5);
      const inHoliday = ms >= holiday.toMillis() && ms < holiday.plus({ days: 1 }).toMillis() ? 0.1 : 1;
      return 6 * weekday * daily * (1 + (trend * (ms - historyFromMs)) / (7 * 86_400_000)) * inHoliday;
    };
    const points = [];
    for (let ms = historyFromMs; ms < fromMs; ms += QUARTER_MS) {
      const contacts = random.poisson(rate(ms));
      points.push({ startMs: ms, contacts, handled: contacts, work: contacts * 300 });
    }
    const laid = wallClockHistory({
      fromMs,
      historyFromMs,
      knownUntilMs: fromMs,
      weeks,
      offsetMinutes: offset,
      points,
    });
    const series = laid.contacts.slice(laid.start, laid.end);
    const result = forecastQuarterHours(series, { horizonQuarters: QUARTERS_PER_WEEK });
    methods.push(result.method);
    const actual: number[] = [];
    for (let ms = fromMs; ms < toMs && actual.length < QUARTERS_PER_WEEK; ms += QUARTER_MS)
      actual.push(random.poisson(rate(ms)));
    while (actual.length < QUARTERS_PER_WEEK) actual.push(0);
    const naive = series.slice(-QUARTERS_PER_WEEK);
    const chosen = hourlyWape(actual, result.quarters);
    chosenError += chosen.error;
    naiveError += hourlyWape(actual, naive).error;
    volume += chosen.volume;
  }
  return { chosen: chosenError / volume, naive: naiveError / volume, methods };
}

async function demoWape(): Promise<{ chosen: number; naive: number; series: string[] }> {
  const database = await benchDatabase();
  const bench = await startBenchApp(database.url);
  try {
    await seedDemoTenant(bench.app);
    // Signing in is the one call without a token (the helper always sends one).
    const response = await fetch(bench.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
        variables: { input: { email: 'director@demo.test', password: DEMO_PASSWORD } },
      }),
    });
    const login = (await response.json()) as { data?: { login: { accessToken: string } }; errors?: unknown };
    if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
    const token = login.data.login.accessToken;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      sub: string;
      tid: string;
    };
    const actor: Actor = { userId: claims.sub, tenantId: claims.tid, role: Role.DIRECTOR, email: 'director@demo.test' };
    const teams = await bench.gql<{
      teams: { edges: { node: { id: string; name: string; timeZone: string; channels: Channel[] } }[] };
    }>(`{ teams(first: 20) { edges { node { id name timeZone channels } } } }`, {}, token);
    const history = bench.app.get(InteractionHistorySource);
    let chosenError = 0;
    let naiveError = 0;
    let volume = 0;
    const series: string[] = [];
    for (const { node: team } of teams.data!.teams.edges) {
      const lastMonday = DateTime.now().setZone(team.timeZone).startOf('week').minus({ weeks: 1 });
      const from = lastMonday.toJSDate();
      const to = lastMonday.plus({ weeks: 1 }).toJSDate();
      for (const channel of team.channels) {
        const read = (start: Date, end: Date) =>
          history.intervalHistory(actor, { teamId: team.id, channel, from: start, to: end, intervalMinutes: 60 });
        const hours = (await read(from, to)).reduce(
          (m, p) => m.set(p.start.getTime(), p.contacts),
          new Map<number, number>(),
        );
        const before = (await read(lastMonday.minus({ weeks: 1 }).toJSDate(), from)).reduce(
          (m, p) => m.set(p.start.getTime() + 7 * 86_400_000, p.contacts),
          new Map<number, number>(),
        );
        const total = [...hours.values()].reduce((s, x) => s + x, 0);
        if (total === 0) continue;
        const response = await bench.gql<{
          staffingForecast: { method: string; intervals: { startsAt: string; contacts: number }[] };
        }>(
          `query($input: StaffingForecastInput!) { staffingForecast(input: $input) { method intervals { startsAt contacts } } }`,
          {
            input: {
              teamId: team.id,
              channel,
              from: from.toISOString(),
              to: to.toISOString(),
              intervalMinutes: 60,
              historyWeeks: 8,
            },
          },
          token,
        );
        const forecast = response.data!.staffingForecast;
        series.push(`${team.name} ${channel}: ${forecast.method}`);
        for (const interval of forecast.intervals) {
          const ms = Date.parse(interval.startsAt);
          const actual = hours.get(ms) ?? 0;
          chosenError += Math.abs(actual - interval.contacts);
          naiveError += Math.abs(actual - (before.get(ms) ?? 0));
          volume += actual;
        }
      }
    }
    return { chosen: chosenError / volume, naive: naiveError / volume, series };
  } finally {
    await bench.close();
    await database.close();
  }
}

export async function run(quick: boolean): Promise<BenchmarkRow[]> {
  const synthetic = syntheticWape(quick ? 3 : 10);
  process.stdout.write(`  synthetic methods chosen: ${synthetic.methods.join(', ')}\n`);
  const demo = await demoWape();
  process.stdout.write(`  demo: ${demo.series.join('; ')}\n`);
  return [
    row(
      `forecast WAPE, synthetic (${quick ? 3 : 10} series, DST, holiday, trend)`,
      100 * synthetic.chosen,
      '%',
      'seasonal naive',
      100 * synthetic.naive,
    ),
    row(
      'forecast WAPE, demo tenant history (last week, every team and channel)',
      100 * demo.chosen,
      '%',
      'seasonal naive',
      100 * demo.naive,
    ),
  ];
}

runIfMain(module, 'Forecast accuracy: chosen method vs seasonal naive (same run, same weeks)', run);
