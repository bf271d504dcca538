import { loadModule, parseSync } from 'libpg-query';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { checkStatement, claimedException, EXCEPTIONS } from '../../libs/platform/src/testing/statement-rules';

/**
 * Every statement the application sent during the end-to-end suite (the test cluster's CSV statement log,
 * connections named `deskforce`), parsed with PostgreSQL's own parser and held to the rules that let it
 * run on a Citus cluster distributed by tenant (libs/platform/src/testing/statement-rules.ts).
 */
const folder = process.env['DESKFORCE_STATEMENT_LOG'];

/** Not data statements: transaction control, settings, schema changes (migrations run apart), and ANALYZE after bulk loads. */
const NOT_CHECKED = new Set([
  'TransactionStmt',
  'VariableShowStmt',
  'CopyStmt',
  'CreateStmt',
  'CreateTableAsStmt',
  'DropStmt',
  'TruncateStmt',
  'PrepareStmt',
  'DeallocateStmt',
  'VacuumStmt',
]);

/**
 * The statements of connections named `deskforce` (the application's own), from the server's log: each
 * entry starts with §<application name>§ (log_line_prefix); a statement's later lines follow, indented by
 * a tab.
 */
async function applicationStatements(): Promise<Map<string, number>> {
  const statements = new Map<string, number>();
  let entry = '';
  const take = (): void => {
    const match = /^§([^§]*)§ LOG: {2}(?:statement|execute [^:]*): ([\s\S]*)$/.exec(entry);
    entry = '';
    if (!match || match[1] !== 'deskforce') return;
    // Literal ids (the tenant of a SET LOCAL, seeds) do not make a statement different.
    const sql = match[2]!
      .replace(/\n\t/g, '\n')
      .replace(/'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'/g, "'<uuid>'");
    statements.set(sql, (statements.get(sql) ?? 0) + 1);
  };
  const lines = createInterface({ input: createReadStream(join(folder!, 'statements.log')), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.startsWith('§')) {
      take();
      entry = line;
    } else if (entry) entry += `\n${line}`;
  }
  take();
  return statements;
}

const check = folder && existsSync(join(folder, 'tenant-tables.json')) ? it : it.skip;
if (!folder)
  process.stderr.write('The statement-rules check runs through `npm test` (it sets DESKFORCE_STATEMENT_LOG).\n');
else if (!existsSync(join(folder, 'tenant-tables.json')))
  process.stderr.write(
    'No statement log: the suite ran on TEST_DATABASE_URL, whose server we do not configure. Skipped.\n',
  );

describe('the statements of the end-to-end suite', () => {
  check('name their tenant as a parameter and use nothing Citus refuses', async () => {
    await loadModule();
    const tenantTables = new Set<string>(
      JSON.parse(readFileSync(join(folder!, 'tenant-tables.json'), 'utf8')) as string[],
    );
    const statements = await applicationStatements();
    expect(statements.size).toBeGreaterThan(Number(process.env['SQL_RULES_MIN'] ?? 200)); // the suite ran, and its statements were logged
    const problems: string[] = [];
    for (const [sql, count] of statements) {
      let parsed: { stmts: { stmt: unknown }[] };
      try {
        parsed = parseSync(sql) as typeof parsed;
      } catch {
        continue; // not SQL we sent whole (a log line cut by the server)
      }
      const claimed = claimedException(sql);
      if (claimed && !EXCEPTIONS[claimed]) problems.push(`unknown exception "${claimed}": ${sql.slice(0, 200)}`);
      if (claimed && EXCEPTIONS[claimed]) continue;
      for (const { stmt } of parsed.stmts) {
        const kind = Object.keys(stmt as object)[0]!;
        if (NOT_CHECKED.has(kind)) continue;
        for (const violation of checkStatement(stmt, tenantTables)) {
          problems.push(
            `[${violation.rule}] ${violation.message} (sent ${count}×): ${sql.replace(/\s+/g, ' ').slice(0, 300)}`,
          );
        }
      }
    }
    expect(problems.sort()).toEqual([]);
  });
});
