import { decodeCursor } from '../pagination/connection';
import { join, raw, sql, Sql } from './sql';
import { TenantDatabase } from './tenant-database';

export interface KeysetKey {
  /** The column (or expression) as written in the query, e.g. `s.starts_at`. */
  column: string;
  /** Its type in the cursor: values travel as strings or numbers. */
  type: 'timestamptz' | 'uuid' | 'text' | 'int' | 'date';
}

/**
 * One page of a keyset-paginated list, with its total: `SELECT <columns> FROM <from> WHERE <where>
 * AND (keys) > (cursor) ORDER BY keys LIMIT first + 1` (`<` with `descending`). `where` must name the
 * tenant (`tenant_id = ${db.tenantId}`), like every statement.
 */
export async function keysetPage<Row extends object>(
  db: TenantDatabase,
  spec: { columns: Sql; from: Sql; where: Sql; keys: KeysetKey[]; descending?: boolean; first: number; after?: string },
): Promise<{ rows: Row[]; totalCount: number }> {
  const [{ count }] = (await db.many<{ count: number }>(
    sql`SELECT count(*)::int AS count FROM ${spec.from} WHERE ${spec.where}`,
  )) as [{ count: number }];
  let after: Sql = sql``;
  if (spec.after) {
    const values = decodeCursor(
      spec.after,
      spec.keys.map((k) => (k.type === 'int' ? 'number' : 'string')),
    );
    const left = join(spec.keys.map((k) => raw(k.column)));
    const right = join(spec.keys.map((k, i) => sql`${values[i]}::${raw(k.type)}`));
    after = sql`AND (${left}) ${raw(spec.descending ? '<' : '>')} (${right})`;
  }
  const direction = raw(spec.descending ? 'DESC' : 'ASC');
  const order = join(spec.keys.map((k) => sql`${raw(k.column)} ${direction}`));
  const rows = await db.many<Row>(
    sql`SELECT ${spec.columns} FROM ${spec.from} WHERE ${spec.where} ${after} ORDER BY ${order} LIMIT ${spec.first + 1}`,
  );
  return { rows, totalCount: count };
}
