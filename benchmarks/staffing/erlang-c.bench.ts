/**
 * Erlang C requirement calculations per second: `erlangC` (one pass of the Erlang B recursion)
 * against `textbookErlangC` (the sum Σ Aᵏ/k! recomputed for every candidate N), on days of 96
 * 15-minute intervals for queues from a small team to a national-scale one, in the same run.
 * Also checks that both give identical agent counts on every interval.
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
  { name: 'team (peak A ≈ 8)', peakContacts: 25, ahtSeconds: 300 },
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
    const shape = open ? (0.45 + Math.exp(-((hour - 10.5) ** 2) / 3) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5)) / 1.45 : 0;
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
function rate(fn: (input: ErlangCInput) => ErlangCResult, inputs: ErlangCInput[], seconds: number): number {
  for (const input of inputs) fn(input); // warm-up
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

export function runErlangCBenchmark(options: { quick?: boolean } = {}): BenchmarkRow[] {
  const seconds = options.quick ? 0.2 : 1;
  const rows: BenchmarkRow[] = [];
  const allInputs: ErlangCInput[] = [];
  let mismatches = 0;
  for (const queue of QUEUES) {
    const inputs = day(queue);
    allInputs.push(...inputs);
    for (const input of inputs) {
      if (erlangC(input).agents !== textbookErlangC(input).agents) mismatches++;
    }
    rows.push(
      row(`requirements/s, ${queue.name}`, rate(erlangC, inputs, seconds), 'calc/s', 'textbookErlangC', rate(textbookErlangC, inputs, seconds)),
    );
  }
  rows.push(
    row('requirements/s, the four days mixed', rate(erlangC, allInputs, seconds), 'calc/s', 'textbookErlangC', rate(textbookErlangC, allInputs, seconds)),
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
