import { loadModule, parseSync } from 'libpg-query';
import { checkStatement, claimedException } from './statement-rules';

const TENANT_TABLES = new Set(['shifts', 'agents', 'teams', 'users', 'sessions', 'interactions', 'audit_log']);

describe('statement rules', () => {
  beforeAll(() => loadModule());

  const rules = (sql: string) =>
    checkStatement((parseSync(sql) as { stmts: { stmt: unknown }[] }).stmts[0]!.stmt, TENANT_TABLES).map((v) => v.rule);

  it.each([
    ['a filter by parameter', 'SELECT id FROM shifts WHERE tenant_id = $1 AND id = $2'],
    ['an alias and a cast', 'SELECT s.id FROM shifts s WHERE s.tenant_id = $1::uuid'],
    [
      'a join on (tenant_id, id)',
      'SELECT s.id FROM shifts s JOIN agents a ON a.tenant_id = s.tenant_id AND a.id = s.agent_id WHERE s.tenant_id = $1',
    ],
    ['a join USING (tenant_id)', 'SELECT 1 FROM shifts s JOIN agents a USING (tenant_id) WHERE s.tenant_id = $1'],
    [
      'both sides bound',
      'SELECT 1 FROM shifts s, agents a WHERE s.tenant_id = $1 AND a.tenant_id = $1 AND a.id = s.agent_id',
    ],
    [
      'a correlated subquery',
      'SELECT id FROM agents a WHERE a.tenant_id = $1 AND EXISTS (SELECT 1 FROM shifts s WHERE s.tenant_id = a.tenant_id AND s.agent_id = a.id)',
    ],
    [
      'an update',
      'UPDATE shifts SET version = version + 1, updated_at = $3 WHERE tenant_id = $1 AND id = $2 RETURNING id',
    ],
    ['a delete', 'DELETE FROM shifts WHERE tenant_id = $1 AND id = ANY($2::uuid[])'],
    ['a locking read', 'SELECT id FROM shifts WHERE tenant_id = $1 AND id = $2 FOR UPDATE'],
    [
      'an insert of VALUES',
      'INSERT INTO shifts (tenant_id, id) VALUES ($1, $2), ($1, $3) ON CONFLICT (tenant_id, id) DO UPDATE SET updated_at = $4',
    ],
    ['a CTE', 'WITH mine AS (SELECT id FROM agents WHERE tenant_id = $1) SELECT count(*) FROM mine'],
    ['the tenants reference table', 'SELECT name FROM tenants WHERE id = $1'],
  ])('accepts %s', (_, sql) => expect(rules(sql)).toEqual([]));

  it.each([
    ['a statement leaning on row-level security', 'SELECT id FROM shifts WHERE id = $1', ['tenant-filter']],
    [
      'the RLS function instead of a parameter',
      'SELECT id FROM shifts WHERE tenant_id = app_current_tenant_id()',
      ['tenant-filter'],
    ],
    [
      'a join on id alone',
      'SELECT s.id FROM shifts s JOIN agents a ON a.id = s.agent_id WHERE s.tenant_id = $1',
      ['tenant-filter'],
    ],
    ['a lock by id alone', 'SELECT id FROM shifts WHERE id = $1 FOR UPDATE', ['tenant-filter']],
    [
      'an EXISTS without the tenant',
      'SELECT id FROM agents a WHERE a.tenant_id = $1 AND EXISTS (SELECT 1 FROM shifts s WHERE s.agent_id = a.id)',
      ['tenant-filter'],
    ],
    ['an OR that may not filter', 'SELECT id FROM shifts WHERE tenant_id = $1 OR id = $2', ['tenant-filter']],
    [
      'now() in ON CONFLICT SET',
      'INSERT INTO shifts (tenant_id, id) VALUES ($1, $2) ON CONFLICT (tenant_id, id) DO UPDATE SET updated_at = now()',
      ['immutable'],
    ],
    [
      'a text cast in RETURNING',
      'INSERT INTO shifts (tenant_id, id) VALUES ($1, $2) RETURNING id::text',
      ['immutable'],
    ],
    [
      'INSERT … SELECT from jsonb_to_recordset',
      'INSERT INTO audit_log (tenant_id, id) SELECT $1, x.id FROM jsonb_to_recordset($2::jsonb) AS x(id uuid)',
      ['bulk-write'],
    ],
    [
      'LATERAL',
      'SELECT 1 FROM agents a LEFT JOIN LATERAL (SELECT 1 FROM shifts s WHERE s.tenant_id = a.tenant_id) x ON true WHERE a.tenant_id = $1',
      ['lateral'],
    ],
    ['set_config for the tenant', "SELECT set_config('app.tenant_id', $1, true)", ['set-local']],
    [
      'an insert with a constant tenant',
      "INSERT INTO shifts (tenant_id, id) VALUES ('4c7e4d1e-0000-4000-8000-000000000000', $1)",
      ['tenant-parameter'],
    ],
  ])('refuses %s', (_, sql, expected) => expect([...new Set(rules(sql))]).toEqual(expected));

  it('reads an exception claimed by name', () => {
    expect(claimedException('/* tenant-rules-exception: sign-in-by-email */ SELECT 1')).toBe('sign-in-by-email');
    expect(claimedException('SELECT 1')).toBeUndefined();
  });
});
