/** One measured figure beside its baseline, measured in the same run (collected by `npm run bench`). */
export interface BenchmarkRow {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with. */
  baseline: string;
  baselineValue: number;
  /** value ÷ baselineValue (read with the unit: higher is better for a rate, lower for a time or a shortfall). */
  ratio: number;
}

export function row(name: string, value: number, unit: string, baseline: string, baselineValue: number): BenchmarkRow {
  return {
    name,
    value,
    unit,
    baseline,
    baselineValue,
    ratio: baselineValue === 0 ? (value === 0 ? 1 : Infinity) : value / baselineValue,
  };
}

const format = (x: number): string =>
  !Number.isFinite(x)
    ? String(x)
    : Math.abs(x) >= 1000
      ? x.toFixed(0)
      : Math.abs(x) >= 10
        ? x.toFixed(1)
        : x.toFixed(3);

export function printRows(title: string, rows: readonly BenchmarkRow[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const r of rows) {
    process.stdout.write(
      `  ${r.name.padEnd(52)} ${format(r.value).padStart(12)} ${r.unit.padEnd(16)} vs ${r.baseline}: ${format(r.baselineValue).padStart(12)}  ratio ${format(r.ratio)}\n`,
    );
  }
}

/** Runs a benchmark's `run` when the file is executed directly, printing its rows. */
export function runIfMain(module: NodeModule, title: string, run: (quick: boolean) => Promise<BenchmarkRow[]>): void {
  if (require.main !== module) return;
  run(process.argv.includes('--quick'))
    .then((rows) => {
      printRows(title, rows);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
