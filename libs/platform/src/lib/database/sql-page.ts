import { decodeCursor } from '../pagination/connection';
import { TenantDatabase } from './tenant-database';

/** Builds a parameterised WHERE clause: each `?` in a condition takes the next value. */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  add(condition: string, ...values: unknown[]): this {
    let i = 0;
    this.clauses.push(
      condition.replace(/\?/g, () => {
        this.params.push(values[i++]);
        return `$${this.params.length}`;
      }),
    );
    return this;
  }

  /** Adds the condition only when `value` is neither undefined nor null. */
  addIf(value: unknown, condition: string): this {
    return value === undefined || value === null ? this : this.add(condition, value);
  }

  get where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

export interface KeysetColumn {
  /** SQL expression, e.g. `s.starts_at`. */
  expression: string;
  /** Its type in the cursor: values travel as strings or numbers. */
  type: 'timestamptz' | 'uuid' | 'text' | 'int' | 'date';
}

/**
 * One page of a keyset-paginated list, with its total: `SELECT columns FROM from WHERE filter AND
 * (keys) > (cursor) ORDER BY keys LIMIT first + 1` (or `<` with `descending`).
 */
export async function queryPage<Row extends object>(
  db: TenantDatabase,
  spec: {
    columns: string;
    from: string;
    filter: SqlFilter;
    keys: KeysetColumn[];
    descending?: boolean;
    first: number;
    after?: string;
  },
): Promise<{ rows: Row[]; totalCount: number }> {
  const [{ count }] = (await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${spec.from} ${spec.filter.where}`, spec.filter.params)) as [
    { count: number },
  ];
  const filter = spec.filter;
  if (spec.after) {
    const values = decodeCursor(spec.after, spec.keys.map((k) => (k.type === 'int' ? 'number' : 'string')));
    const left = spec.keys.map((k) => k.expression).join(', ');
    const right = spec.keys.map((k) => `?::${k.type}`).join(', ');
    filter.add(`(${left}) ${spec.descending ? '<' : '>'} (${right})`, ...values);
  }
  const direction = spec.descending ? 'DESC' : 'ASC';
  filter.params.push(spec.first + 1);
  const rows = await db.query<Row>(
    `SELECT ${spec.columns} FROM ${spec.from} ${filter.where}
      ORDER BY ${spec.keys.map((k) => `${k.expression} ${direction}`).join(', ')} LIMIT $${filter.params.length}`,
    filter.params,
  );
  return { rows, totalCount: count };
}
