/**
 * `npm run bench [-- --quick]`: runs every `benchmarks/**\/*.bench.ts`, prints one markdown table of
 * figures beside the baselines measured in the same run, and writes it with the machine's description to
 * benchmarks/results/latest.md. Benchmarks share one database (BENCH_DATABASE_URL, or one embedded
 * PostgreSQL started here).
 */
import 'reflect-metadata';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { benchDatabase } from './support/bench-database';
import { BenchmarkRow } from './support/benchmark-row';

interface BenchmarkModule {
  run(quick: boolean): Promise<BenchmarkRow[]>;
}

async function findBenchmarks(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.filter((e) => e.isDirectory() && e.name !== 'results').map((e) => findBenchmarks(join(folder, e.name))),
  );
  return [
    ...entries.filter((e) => e.isFile() && e.name.endsWith('.bench.ts')).map((e) => join(folder, e.name)),
    ...nested.flat(),
  ].sort();
}

const format = (x: number): string =>
  !Number.isFinite(x)
    ? String(x)
    : Math.abs(x) >= 1000
      ? Math.round(x).toLocaleString('en-US')
      : Math.abs(x) >= 10
        ? x.toFixed(1)
        : x.toFixed(3);

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const started = Date.now();
  const database = process.env['BENCH_DATABASE_URL'] ? undefined : await benchDatabase();
  if (database) process.env['BENCH_DATABASE_URL'] = database.url;
  const lines: string[] = [];
  const failures: string[] = [];
  try {
    for (const file of await findBenchmarks(__dirname)) {
      const name = relative(__dirname, file);
      if (only && !name.includes(only)) continue;
      process.stdout.write(`▶ ${name}${quick ? ' (quick)' : ''}\n`);
      const benchStarted = Date.now();
      try {
        const rows = await (require(file) as BenchmarkModule).run(quick);
        for (const r of rows)
          lines.push(
            `| ${name.replace('.bench.ts', '')} | ${r.name} | ${format(r.value)} ${r.unit} | ${r.baseline} | ${format(r.baselineValue)} | ${format(r.ratio)} |`,
          );
        process.stdout.write(`  done in ${((Date.now() - benchStarted) / 1000).toFixed(1)} s\n`);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        process.stdout.write(`  FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  } finally {
    await database?.close();
  }
  const header = [
    `# Deskforce benchmarks (${quick ? 'quick' : 'full'} mode)`,
    '',
    `${new Date().toISOString()} · ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}) · ${(totalmem() / 2 ** 30).toFixed(1)} GiB · Node ${process.version} · ${((Date.now() - started) / 1000).toFixed(0)} s`,
    '',
    'Every figure is measured beside its baseline in the same run; the ratio is figure ÷ baseline (read it with the unit: higher is better for a rate, lower for a time).',
    '',
    '| benchmark | figure | value | baseline | baseline value | ratio |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const table = [
    ...header,
    ...lines,
    ...(failures.length ? ['', '**Failed:**', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
  process.stdout.write(`\n${table}`);
  const results = join(__dirname, 'results');
  await mkdir(results, { recursive: true });
  await writeFile(join(results, 'latest.md'), table);
  process.exit(failures.length ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
