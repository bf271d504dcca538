/**
 * Erlang C requirement calculations per second: `erlangC` (one pass of the Erlang B recursion,
 * started a few standard deviations below A) against `textbookErlangC` (the textbook sum Σ Aᵏ/k!,
 * carried from N to N + 1 — the fair O(N) version, not one that recomputes the sum per candidate),
 * on days of 96 15-minute intervals for queues from a single agent to a national-scale one, in the
 * same run. Also checks that both give identical agent counts on every interval.
 *
 *   node -r @swc-node/register benchmarks/staffing/erlang-c.bench.ts [--quick]
 */
import { erlangC, ErlangCInput, ErlangCResult, textbookErlangC } from '../../libs/staffing/src/lib/math/erlang-c';
import { BenchmarkRow, printRows, row } from '../support/benchmark-row';

interface Queue {
  name: string;
  /** Contacts in the busiest 15-minute interval. */
  peakContacts: number;
  ahtSeconds: number;
}

const QUEUES: Queue[] = [
  { name: 'one agent (peak A ≈ 0.7)', peakContacts: 2, ahtSeconds: 300 },
  { name: 'small team (peak A ≈ 3)', peakContacts: 9, ahtSeconds: 300 },
  { name: 'team (peak A ≈ 8)', peakContacts: 25, ahtSeconds: 300 },
  { name: 'floor (peak A ≈ 33)', peakContacts: 100, ahtSeconds: 300 },
  { name: 'department (peak A ≈ 130)', peakContacts: 400, ahtSeconds: 300 },
  { name: 'large centre (peak A ≈ 1,000)', peakContacts: 3000, ahtSeconds: 300 },
  { name: 'national scale (peak A ≈ 10,000)', peakContacts: 30000, ahtSeconds: 300 },
];

/** A day of 96 intervals: closed at night, morning and afternoon peaks. */
function day(queue: Queue): ErlangCInput[] {
  const inputs: ErlangCInput[] = [];
  for (let i = 0; i < 96; i++) {
    const hour = i / 4;
    const open = hour >= 7 && hour < 22;
    const shape = open
      ? (0.45 + Math.exp(-((hour - 10.5) ** 2) / 3) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5)) / 1.45
      : 0;
    inputs.push({
      contacts: Math.round(queue.peakContacts * shape),
      intervalSeconds: 900,
      ahtSeconds: queue.ahtSeconds,
      serviceLevelTarget: 0.8,
      targetAnswerSeconds: 20,
      shrinkage: 0.3,
      maxOccupancy: 0.9,
    });
  }
  return inputs;
}

/** Calculations per second of `fn` over `inputs`, repeated for at least `seconds`. */
function rateOnce(fn: (input: ErlangCInput) => ErlangCResult, inputs: ErlangCInput[], seconds: number): number {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const input of inputs) fn(input);
    count += inputs.length;
    elapsed = (performance.now() - started) / 1000;
  } while (elapsed < seconds);
  return count / elapsed;
}

/**
 * Rates of both implementations, measured in alternating rounds (so that neither always runs first,
 * warmer or cooler, or during someone else's burst on a shared machine); the best round of each counts.
 */
function rates(inputs: ErlangCInput[], seconds: number): { fast: number; textbook: number } {
  for (const input of inputs) {
    erlangC(input);
    textbookErlangC(input);
  }
  const rounds = 5;
  let fast = 0;
  let textbook = 0;
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      fast = Math.max(fast, rateOnce(erlangC, inputs, seconds / rounds));
      textbook = Math.max(textbook, rateOnce(textbookErlangC, inputs, seconds / rounds));
    } else {
      textbook = Math.max(textbook, rateOnce(textbookErlangC, inputs, seconds / rounds));
      fast = Math.max(fast, rateOnce(erlangC, inputs, seconds / rounds));
    }
  }
  return { fast, textbook };
}

export function runErlangCBenchmark(options: { quick?: boolean } = {}): BenchmarkRow[] {
  const seconds = options.quick ? 0.5 : 1.5;
  const rows: BenchmarkRow[] = [];
  const allInputs: ErlangCInput[] = [];
  let mismatches = 0;
  for (const queue of QUEUES) {
    const inputs = day(queue);
    allInputs.push(...inputs);
    for (const input of inputs) {
      if (erlangC(input).agents !== textbookErlangC(input).agents) mismatches++;
    }
    const measured = rates(inputs, seconds);
    rows.push(
      row(`requirements/s, ${queue.name}`, measured.fast, 'calc/s', 'textbookErlangC (sum carried)', measured.textbook),
    );
  }
  const mixed = rates(allInputs, seconds);
  rows.push(
    row('requirements/s, all days mixed', mixed.fast, 'calc/s', 'textbookErlangC (sum carried)', mixed.textbook),
  );
  rows.push(row('intervals with a different agent count', mismatches, 'intervals', 'expected', 0));
  return rows;
}

/** For `npm run bench`. */
export const run = async (quick: boolean): Promise<BenchmarkRow[]> => runErlangCBenchmark({ quick });

if (require.main === module) {
  const rows = runErlangCBenchmark({ quick: process.argv.includes('--quick') });
  printRows('Erlang C: erlangC vs textbookErlangC (same run, same inputs)', rows);
  const mismatch = rows[rows.length - 1];
  if (mismatch.value !== 0) {
    process.stderr.write(`\n${mismatch.value} intervals differ between the two implementations.\n`);
    process.exitCode = 1;
  }
}
