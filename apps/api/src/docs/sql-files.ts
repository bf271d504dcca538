import { SAMPLE, SqlSample, sqlSamplesOf, SqlSampleSpec } from '@deskforce/platform';
import crypto from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The checked-in SQL files (`npm run sql:generate`, checked by sql-files.spec.ts): for every repository
 * (every `*.repository.ts`, and every other file that marks methods with `@GenerateSql`), each marked
 * method is called with its samples against a stand-in for TenantDatabase that records the text and
 * parameters of each statement and answers no rows. It never runs SQL: it prints what would be sent.
 */

export const ROOT = join(__dirname, '../../../..');
const LIBS = join(ROOT, 'libs');

/** A generated file: where it goes (from the repository root) and its text. */
export interface SqlFile {
  path: string;
  text: string;
}

interface Recorded {
  text: string;
  values: readonly unknown[];
}

/**
 * What a repository sees instead of TenantDatabase: the tenant is SAMPLE.TENANT_ID; transactions just run
 * their function; each statement is recorded and answers the sample's next rows, or none (a bare
 * `count(*)` answers 0, as keysetPage expects one row).
 */
class RecordingDatabase {
  readonly statements: Recorded[] = [];
  readonly tenantId = SAMPLE.TENANT_ID;

  constructor(private readonly answers: readonly (readonly object[])[] = []) {}

  transaction<T>(_tenantId: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  systemTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  detached<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  afterCommit(): void {
    // Nothing commits here.
  }

  many(statement: { text: string; values: readonly unknown[] }): Promise<object[]> {
    return this.query(statement.text, statement.values);
  }

  async maybeOne(statement: { text: string; values: readonly unknown[] }): Promise<object | undefined> {
    return (await this.many(statement))[0];
  }

  async execute(statement: { text: string; values: readonly unknown[] }): Promise<void> {
    await this.many(statement);
  }

  query(text: string, values: readonly unknown[] = []): Promise<object[]> {
    const index = this.statements.push({ text, values }) - 1;
    const answer = this.answers[index];
    if (answer) return Promise.resolve([...answer]);
    return Promise.resolve(/^\s*SELECT count\(\*\)(::int)? AS count FROM /i.test(text) ? [{ count: 0 }] : []);
  }
}

/** The files that hold repositories: every `*.repository.ts` and every file that uses `@GenerateSql`. */
export function repositorySources(): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'migrations') visit(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        if (entry.name.endsWith('.repository.ts') || /@GenerateSql\(/.test(readFileSync(path, 'utf8')))
          found.push(path);
      }
    }
  };
  visit(LIBS);
  return found.sort();
}

/** Where a source's SQL goes: `libs/<lib>/src/lib/queries/<file name>.sql`. */
export function sqlFileOf(source: string): string {
  const lib = relative(LIBS, source).split('/')[0]!;
  return join('libs', lib, 'src/lib/queries', `${basename(source, '.ts')}.sql`);
}

interface ClassOutline {
  name: string;
  /** The public methods (neither private nor protected, not accessors), in declaration order. */
  methods: string[];
  /** Public methods without `@GenerateSql`. */
  unmarked: string[];
}

/**
 * The classes of a source that reach the database (a constructor parameter of type TenantDatabase), read
 * from the source text so that no public method can be left out unnoticed.
 */
function outline(source: string): ClassOutline[] {
  const file = ts.createSourceFile(source, readFileSync(source, 'utf8'), ts.ScriptTarget.Latest, true);
  const classes: ClassOutline[] = [];
  for (const statement of file.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const constructor = statement.members.find(ts.isConstructorDeclaration);
    const usesDatabase = constructor?.parameters.some((p) => p.type?.getText(file) === 'TenantDatabase');
    if (!usesDatabase) continue;
    const methods: string[] = [];
    const unmarked: string[] = [];
    for (const member of statement.members) {
      if (!ts.isMethodDeclaration(member) || !member.name || ts.isPrivateIdentifier(member.name)) continue;
      const modifiers = ts.getModifiers(member) ?? [];
      if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword))
        continue;
      if (modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
      const name = member.name.getText(file);
      methods.push(name);
      const marked = (ts.getDecorators(member) ?? []).some(
        (d) => ts.isCallExpression(d.expression) && d.expression.expression.getText(file) === 'GenerateSql',
      );
      if (!marked) unmarked.push(name);
    }
    classes.push({ name: statement.name.text, methods, unmarked });
  }
  return classes;
}

/** A parameter as a comment shows it: JSON, dates as ISO text. */
function show(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return Object.fromEntries(v);
    if (v instanceof Set) return [...v];
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && 'data' in v)
      return `\\x${Buffer.from((v as { data: number[] }).data).toString('hex')}`;
    return v;
  });
}

/** Comment lines of at most ~120 columns listing `$n = value`. */
function parameterLines(values: readonly unknown[]): string[] {
  const lines: string[] = [];
  let line = '';
  values.forEach((value, i) => {
    const part = `$${i + 1} = ${show(value)}`;
    if (line && line.length + part.length + 2 > 116) {
      lines.push(`--   ${line}`);
      line = part;
    } else line = line ? `${line}, ${part}` : part;
  });
  if (line) lines.push(`--   ${line}`);
  return lines;
}

/** The statement as sent, without blank lines around it or spaces at line ends. */
function layout(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

/**
 * Runs `fn` with the clock fixed at SAMPLE.NOW and `randomUUID()` answering numbered UUIDs, so that what
 * a method sends is the same on every run.
 */
async function deterministic<T>(fn: () => Promise<T>): Promise<T> {
  const RealDate = globalThis.Date;
  const realRandomUUID = crypto.randomUUID;
  const now = SAMPLE.NOW.getTime();
  let counter = 0;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now);
      else super(...(args as [string]));
    }
    static override now(): number {
      return now;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  crypto.randomUUID = () => `00000000-0000-4000-b000-${String(++counter).padStart(12, '0')}`;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
    crypto.randomUUID = realRandomUUID;
  }
}

type Constructor = new (db: RecordingDatabase) => Record<string, (...args: unknown[]) => unknown>;

async function methodBlock(
  owner: Constructor,
  className: string,
  method: string,
  spec: SqlSampleSpec,
): Promise<string[]> {
  const header = `-- ${className}.${method}${'name' in spec && spec.name ? `: ${spec.name}` : ''}`;
  if ('skip' in spec) return [header, `--   not generated: ${spec.skip}`];
  const sample: SqlSample = spec;
  const db = new RecordingDatabase(sample.answers);
  const instance = new owner(db);
  const params = sample.params ?? [];
  try {
    await deterministic(async () => {
      await instance[method]!(...params);
    });
  } catch (error) {
    throw new Error(
      `${className}.${method}: the sample call failed (${String(error)}); give it params (or answers) that run, or { skip: 'why' }`,
    );
  }
  const lines = [header];
  if (params.length) lines.push(`--   called with ${params.map(show).join(', ')}`);
  if (db.statements.length === 0) lines.push('--   sends no statement');
  db.statements.forEach((statement, i) => {
    if (i > 0) lines.push('');
    lines.push(`${layout(statement.text)};`, ...parameterLines(statement.values));
  });
  return lines;
}

/** Every SQL file as it should be, and the problems that stop it (unmarked methods, failing samples). */
export async function generateSqlFiles(): Promise<{ files: SqlFile[]; problems: string[] }> {
  const files: SqlFile[] = [];
  const problems: string[] = [];
  for (const source of repositorySources()) {
    const classes = outline(source);
    if (classes.length === 0) continue;
    const exported = require(source) as Record<string, unknown>;
    const sourcePath = relative(ROOT, source);
    const blocks: string[][] = [];
    for (const outlined of classes) {
      for (const method of outlined.unmarked)
        problems.push(
          `${sourcePath}: ${outlined.name}.${method} has no @GenerateSql(...) (samples, or { skip: 'why' })`,
        );
      const owner = exported[outlined.name] as Constructor | undefined;
      if (!owner) {
        problems.push(`${sourcePath}: ${outlined.name} is not exported`);
        continue;
      }
      const samples = sqlSamplesOf(owner);
      for (const method of outlined.methods) {
        for (const spec of samples.get(method) ?? []) {
          try {
            blocks.push(await methodBlock(owner, outlined.name, method, spec));
          } catch (error) {
            problems.push(`${sourcePath}: ${(error as Error).message}`);
          }
        }
      }
    }
    const text = [
      `-- Generated by \`npm run sql:generate\` from the @GenerateSql samples of ${sourcePath}; do not edit.`,
      '-- Each block: the method, its sample call, then each statement it sends as sent ($n placeholders), with its parameters.',
      '',
      blocks.map((b) => b.join('\n')).join('\n\n'),
      '',
    ].join('\n');
    files.push({ path: sqlFileOf(source), text });
  }
  return { files, problems };
}

/** The SQL files on disk (under every library's src/lib/queries). */
export function existingSqlFiles(): string[] {
  const found: string[] = [];
  for (const lib of readdirSync(LIBS)) {
    const dir = join(LIBS, lib, 'src/lib/queries');
    try {
      for (const name of readdirSync(dir)) if (name.endsWith('.sql')) found.push(relative(ROOT, join(dir, name)));
    } catch {
      // no queries folder
    }
  }
  return found.sort();
}
