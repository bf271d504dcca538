/**
 * The rules every statement the application sends must keep to run on a Citus cluster distributed by
 * tenant (each statement routed to one shard), checked on the statement's parse tree (libpg-query: the
 * real PostgreSQL parser). Used by the statement-rules check over the whole end-to-end suite
 * (tests/sql-rules) and unit-tested on known statements.
 *
 * 1. Every tenant table a statement reads, writes or locks is filtered by `tenant_id = $n` (a parameter),
 *    directly or through `tenant_id` equalities with a table that is (joins on (tenant_id, id)).
 * 2. An INSERT names its tenant as a parameter (in VALUES, or as the SELECT's tenant_id).
 * 3. No volatile or time-dependent expression in ON CONFLICT … DO UPDATE SET or RETURNING, and no cast to
 *    text there (Citus evaluates them on the workers and needs them immutable): pass times as parameters.
 * 4. No INSERT … SELECT from a set-returning function (jsonb_to_recordset, unnest…), and no LATERAL: both
 *    make Citus pull rows to the coordinator. Bulk writes are multi-row VALUES or COPY.
 * 5. The tenant setting is written with SET LOCAL (which Citus passes to its workers), never set_config.
 *
 * A statement may carry `/* tenant-rules-exception: <name> *\/`, where <name> is one of EXCEPTIONS with
 * the reason it may break a rule (sign-in by email, maintenance across tenants…).
 */

/** Statements allowed to break the rules, by name, with why. */
export const EXCEPTIONS: Record<string, string> = {
  'sign-in-by-email':
    'sign-in looks an email up across organisations before any tenant is known (a reference lookup on the coordinator)',
  'maintenance-across-tenants':
    'a background sweep over every tenant (lapsed job leases): runs on the coordinator, rarely, by design',
  'operator-lookup': 'operator tools find an organisation by its slug (the tenants table is a reference table)',
};

export interface Violation {
  rule: string;
  message: string;
}

type Node = Record<string, unknown>;

const VOLATILE_FUNCTIONS = new Set([
  'now',
  'clock_timestamp',
  'statement_timestamp',
  'transaction_timestamp',
  'timeofday',
  'random',
  'gen_random_uuid',
  'uuid_generate_v4',
  'nextval',
  'txid_current',
  'current_setting',
]);
const SET_RETURNING_FUNCTIONS = new Set([
  'jsonb_to_recordset',
  'json_to_recordset',
  'jsonb_array_elements',
  'json_array_elements',
  'unnest',
  'generate_series',
  'jsonb_populate_recordset',
]);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The single key of a node wrapper ({ SelectStmt: {...} } → ['SelectStmt', {...}]). */
function unwrap(value: unknown): [string, Node] | undefined {
  if (!isNode(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const inner = value[keys[0]!];
  return isNode(inner) ? [keys[0]!, inner] : undefined;
}

/** Every node below `value`, depth first (wrapper name and content). */
function* walk(value: unknown): Generator<[string, Node]> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item);
    return;
  }
  if (!isNode(value)) return;
  const wrapped = unwrap(value);
  if (wrapped) {
    yield wrapped;
    for (const child of Object.values(wrapped[1])) yield* walk(child);
  } else {
    for (const child of Object.values(value)) yield* walk(child);
  }
}

/** The subqueries of an expression (not those nested inside them: each level finds its own). */
function sublinks(value: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const item of value) sublinks(item, found);
    return found;
  }
  if (!isNode(value)) return found;
  const wrapped = unwrap(value);
  if (wrapped?.[0] === 'SubLink') {
    found.push(wrapped[1]['subselect']);
    return found;
  }
  for (const child of Object.values(wrapped ? wrapped[1] : value)) sublinks(child, found);
  return found;
}

function strings(list: unknown): string[] {
  return Array.isArray(list)
    ? list.map((f) => (isNode(f) && isNode(f['String']) ? String((f['String'] as Node)['sval']) : '*'))
    : [];
}

function funcName(call: Node): string {
  const names = strings(call['funcname']);
  return names[names.length - 1] ?? '';
}

/** A column reference to `tenant_id`, with its qualifier (undefined when unqualified). */
function tenantColumn(expr: unknown): { alias?: string } | undefined {
  const node = unwrap(expr);
  if (!node || node[0] !== 'ColumnRef') return undefined;
  const fields = strings(node[1]['fields']);
  if (fields[fields.length - 1] !== 'tenant_id') return undefined;
  return { alias: fields.length > 1 ? fields[fields.length - 2] : undefined };
}

function isParam(expr: unknown): boolean {
  const node = unwrap(expr);
  if (!node) return false;
  if (node[0] === 'ParamRef') return true;
  if (node[0] === 'TypeCast') return isParam(node[1]['arg']);
  return false;
}

/** The conjuncts of a condition (AND trees flattened; OR branches are not relied on). */
function conjuncts(expr: unknown): unknown[] {
  const node = unwrap(expr);
  if (node && node[0] === 'BoolExpr' && node[1]['boolop'] === 'AND_EXPR')
    return (node[1]['args'] as unknown[]).flatMap(conjuncts);
  return expr === undefined ? [] : [expr];
}

interface Relation {
  table: string;
  alias: string;
}

/** One query level: its tenant relations, which are bound to a parameter, and the tenant_id links between them. */
class Scope {
  readonly relations: Relation[] = [];
  readonly bound = new Set<string>();
  readonly links: [string, string][] = [];

  constructor(readonly outer: Scope | undefined) {}

  resolve(alias: string | undefined): string[] {
    if (alias !== undefined) return [alias];
    // Unqualified tenant_id: the one tenant relation of this level (else the nearest level that has one).
    const levels: Scope[] = [];
    for (let level: Scope | undefined = this.outer; level; level = level.outer) levels.push(level);
    for (const level of [this as Scope, ...levels])
      if (level.relations.length > 0) return level.relations.map((r) => r.alias);
    return [];
  }

  /** Records the tenant conditions among the conjuncts of a WHERE or ON. */
  condition(expr: unknown): void {
    for (const part of conjuncts(expr)) {
      const node = unwrap(part);
      if (!node || node[0] !== 'A_Expr' || node[1]['kind'] !== 'AEXPR_OP' || strings(node[1]['name'])[0] !== '=')
        continue;
      const [left, right] = [node[1]['lexpr'], node[1]['rexpr']];
      const [l, r] = [tenantColumn(left), tenantColumn(right)];
      if (l && isParam(right)) this.resolve(l.alias).forEach((a) => this.bound.add(a));
      else if (r && isParam(left)) this.resolve(r.alias).forEach((a) => this.bound.add(a));
      else if (l && r)
        for (const a of this.resolve(l.alias)) for (const b of this.resolve(r.alias)) this.links.push([a, b]);
    }
  }

  /** Aliases bound to a parameter, here or through links, including outer levels (correlated subqueries). */
  boundAliases(): Set<string> {
    const bound = new Set<string>([...this.bound, ...(this.outer?.boundAliases() ?? [])]);
    const links = [...this.links];
    for (let grew = true; grew;) {
      grew = false;
      for (const [a, b] of links) {
        if (bound.has(a) !== bound.has(b)) {
          bound.add(a);
          bound.add(b);
          grew = true;
        }
      }
    }
    return bound;
  }
}

/** Checks one parsed statement (libpg-query's `stmts[i].stmt`) against the rules. */
export function checkStatement(stmt: unknown, tenantTables: ReadonlySet<string>): Violation[] {
  const violations: Violation[] = [];
  const statement = unwrap(stmt);
  if (!statement) return violations;

  // Rules 3, 4, 5 look anywhere in the tree.
  for (const [kind, node] of walk(stmt)) {
    if (kind === 'InsertStmt') {
      const onConflict = node['onConflictClause'] as Node | undefined;
      for (const [what, list] of [
        ['ON CONFLICT … SET', onConflict?.['targetList']],
        ['RETURNING', node['returningList']],
      ] as const) {
        for (const [inner, expr] of walk(list)) {
          if (inner === 'FuncCall' && VOLATILE_FUNCTIONS.has(funcName(expr)))
            violations.push({
              rule: 'immutable',
              message: `${funcName(expr)}() in ${what}: pass the value as a parameter`,
            });
          if (inner === 'SQLValueFunction')
            violations.push({ rule: 'immutable', message: `a current date/time in ${what}: pass it as a parameter` });
          if (
            inner === 'TypeCast' &&
            /^(text|varchar)$/.test(strings(((expr['typeName'] as Node) ?? {})['names']).at(-1) ?? '')
          ) {
            violations.push({
              rule: 'immutable',
              message: `a cast to text in ${what}: cast in the application instead`,
            });
          }
        }
      }
      const select = unwrap(node['selectStmt']);
      if (select && select[0] === 'SelectStmt') {
        for (const [inner, fn] of walk(select[1]['fromClause'])) {
          if (inner !== 'FuncCall') continue;
          if (SET_RETURNING_FUNCTIONS.has(funcName(fn)))
            violations.push({
              rule: 'bulk-write',
              message: `INSERT … SELECT from ${funcName(fn)}(): write multi-row VALUES or COPY`,
            });
        }
      }
    }
    if ((kind === 'UpdateStmt' || kind === 'DeleteStmt') && node['returningList']) {
      for (const [inner, expr] of walk(node['returningList'])) {
        if (inner === 'FuncCall' && VOLATILE_FUNCTIONS.has(funcName(expr)))
          violations.push({
            rule: 'immutable',
            message: `${funcName(expr)}() in RETURNING: pass the value as a parameter`,
          });
        if (inner === 'SQLValueFunction')
          violations.push({ rule: 'immutable', message: 'a current date/time in RETURNING: pass it as a parameter' });
      }
    }
    if ((kind === 'RangeSubselect' || kind === 'RangeFunction') && node['lateral'])
      violations.push({ rule: 'lateral', message: 'LATERAL: Citus pulls its rows to the coordinator' });
    if (kind === 'FuncCall' && funcName(node) === 'set_config')
      violations.push({ rule: 'set-local', message: 'set_config(): set the tenant with SET LOCAL' });
  }

  // Rules 1 and 2, level by level.
  const visit = (value: unknown, outer: Scope | undefined, ctes: ReadonlySet<string>): void => {
    const node = unwrap(value);
    if (!node) return;
    const [kind, body] = node;
    if (!['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt'].includes(kind)) return;
    const withClause = body['withClause'] as Node | undefined;
    const names = new Set(ctes);
    for (const cte of (withClause?.['ctes'] as unknown[]) ?? []) names.add(String((unwrap(cte)?.[1] ?? {})['ctename']));
    for (const cte of (withClause?.['ctes'] as unknown[]) ?? [])
      visit((unwrap(cte)?.[1] ?? {})['ctequery'], outer, names);

    if (kind === 'SelectStmt' && body['op'] && body['op'] !== 'SETOP_NONE') {
      visit({ SelectStmt: body['larg'] }, outer, names);
      visit({ SelectStmt: body['rarg'] }, outer, names);
      return;
    }
    const scope = new Scope(outer);
    const subqueries: unknown[] = [];
    const addRelation = (range: unknown): void => {
      const r = unwrap(range);
      if (!r) return;
      if (r[0] === 'RangeVar') {
        const table = String(r[1]['relname']);
        if (names.has(table) || !tenantTables.has(table)) return;
        const alias = ((r[1]['alias'] as Node | undefined)?.['aliasname'] as string | undefined) ?? table;
        scope.relations.push({ table, alias });
      } else if (r[0] === 'JoinExpr') {
        addRelation(r[1]['larg']);
        addRelation(r[1]['rarg']);
        if (r[1]['quals']) pendingConditions.push(r[1]['quals']);
        const using = strings(r[1]['usingClause']);
        if (using.includes('tenant_id')) pendingUsing.push([r[1]['larg'], r[1]['rarg']]);
      } else if (r[0] === 'RangeSubselect') {
        subqueries.push(r[1]['subquery']);
      }
    };
    const pendingConditions: unknown[] = [];
    const pendingUsing: [unknown, unknown][] = [];
    const target = body['relation'];
    if (target) addRelation({ RangeVar: target });
    for (const range of [...((body['fromClause'] as unknown[]) ?? []), ...((body['usingClause'] as unknown[]) ?? [])])
      addRelation(range);
    for (const cond of pendingConditions) scope.condition(cond);
    for (const [l, r] of pendingUsing) {
      const aliasOf = (range: unknown): string[] => {
        const u = unwrap(range);
        if (!u) return [];
        if (u[0] === 'RangeVar')
          return [
            ((u[1]['alias'] as Node | undefined)?.['aliasname'] as string | undefined) ?? String(u[1]['relname']),
          ];
        if (u[0] === 'JoinExpr') return [...aliasOf(u[1]['larg']), ...aliasOf(u[1]['rarg'])];
        return [];
      };
      for (const a of aliasOf(l)) for (const b of aliasOf(r)) scope.links.push([a, b]);
    }
    if (body['whereClause']) scope.condition(body['whereClause']);

    if (kind === 'InsertStmt' && target) {
      const table = String((target as Node)['relname']);
      if (tenantTables.has(table)) {
        const columns = ((body['cols'] as unknown[]) ?? []).map((c) => String((unwrap(c)?.[1] ?? {})['name']));
        const position = columns.indexOf('tenant_id');
        const select = unwrap(body['selectStmt']);
        let named = false;
        if (position >= 0 && select && select[0] === 'SelectStmt') {
          const values = select[1]['valuesLists'] as unknown[] | undefined;
          if (values)
            named = values.every((row) =>
              isParam(((unwrap(row)?.[1] ?? {})['items'] as unknown[] | undefined)?.[position]),
            );
          else {
            const entry = unwrap((select[1]['targetList'] as unknown[] | undefined)?.[position])?.[1]?.['val'];
            named = isParam(entry) || tenantColumn(entry) !== undefined; // a bound table's tenant_id: checked in the SELECT's level
          }
        }
        if (!named)
          violations.push({
            rule: 'tenant-parameter',
            message: `INSERT INTO ${table} does not take tenant_id from a parameter`,
          });
        // The inserted table is named by the VALUES, not by a WHERE.
        scope.relations.shift();
      }
      visit(body['selectStmt'], scope, names);
    }

    // Subqueries anywhere in this level (WHERE, target list, FROM) see this level's bindings.
    subqueries.push(
      ...sublinks([
        body['whereClause'],
        body['targetList'],
        body['returningList'],
        body['havingClause'],
        pendingConditions,
      ]),
    );
    const bound = scope.boundAliases();
    for (const relation of scope.relations) {
      if (!bound.has(relation.alias))
        violations.push({
          rule: 'tenant-filter',
          message: `${relation.table}${relation.alias !== relation.table ? ` (${relation.alias})` : ''} is not filtered by tenant_id = $n`,
        });
    }
    for (const sub of subqueries) visit(sub, scope, names);
  };
  visit(stmt, undefined, new Set());
  return violations;
}

/** The exception a statement claims, if any (`/* tenant-rules-exception: name *\/`). */
export function claimedException(sql: string): string | undefined {
  return /tenant-rules-exception:\s*([a-z-]+)/.exec(sql)?.[1];
}
