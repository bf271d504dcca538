/**
 * How our repositories write SQL: tagged templates (sql-template-tag, a small maintained library that turns
 * `${value}` into `$n` parameters and composes fragments with `join`, `empty`, `raw`), executed by
 * TenantDatabase in the open transaction, answering typed rows. Every statement names its tenant as a
 * parameter (`tenant_id = ${db.tenantId}`); the rules are checked over the whole end-to-end suite
 * (tests/sql-rules).
 *
 * Chosen over a query builder (Kysely) because our SQL is hand-tuned for the indexes (rollups, keysets,
 * exclusion constraints) and reads best as SQL; over PgTyped because the KPI engine and the ingest
 * statements are composed from their definitions at run time, which PgTyped's static files cannot express.
 */
import sql, { empty, join, raw, Sql } from 'sql-template-tag';

export { empty, join, raw, sql, Sql };

/** A column list or expression named in code, never from input (raw SQL). */
export function identifier(name: string): Sql {
  if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) throw new Error(`Not an identifier: ${name}`);
  return raw(name);
}

/** `AND <fragment>` for each condition given (undefined ones are skipped). */
export function and(...conditions: (Sql | undefined | false)[]): Sql {
  const present = conditions.filter((c): c is Sql => !!c);
  return present.length ? sql`AND ${join(present, ' AND ')}` : empty;
}

/** Rows per multi-row VALUES statement: at most 1,000, and at most ~30,000 parameters (PostgreSQL's limit is 65,535). */
export function rowsPerStatement(parametersPerRow: number): number {
  return Math.max(1, Math.min(1000, Math.floor(30_000 / parametersPerRow)));
}

/** Splits the rows of a bulk write into batches, one multi-row VALUES statement each (see rowsPerStatement). */
export function chunks<T>(rows: readonly T[], size = 1000): T[][] {
  if (!(size >= 1)) throw new Error('A chunk holds at least one row.');
  const batches: T[][] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
  return batches;
}
