import { Role } from '@deskforce/platform';
import {
  createTestTenant,
  INTROSPECTION_QUERY,
  IntrospectedSchema,
  SchemaWalker,
  startTestApp,
  TestApp,
  TestTenant,
} from '@deskforce/testing';
import { permissions } from '../../../apps/api/src/permissions';

/**
 * Text PostgreSQL cannot store — NUL ("invalid byte sequence for encoding UTF8: 0x00") and unpaired
 * surrogates (written as U+FFFD, silently changing the value) — is refused as BAD_USER_INPUT naming the
 * field, in every string argument and input field of every operation, before anything is written.
 */
describe('text that cannot be stored', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let walker: SchemaWalker;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api, 'Text Org');
    walker = new SchemaWalker(
      (await api.gql<{ __schema: IntrospectedSchema }>(INTROSPECTION_QUERY, {}, tenant.tokens.ADMIN)).data!.__schema,
    );
  });
  afterAll(() => api.close());

  /** A role the permission table lets through, so that the request reaches input validation. */
  function tokenFor(key: string): string | undefined {
    const permission = permissions[key];
    if (permission === 'PUBLIC') return undefined;
    return tenant.tokens[(permission as Role[])[0]!];
  }

  for (const [label, bad] of [
    ['NUL', 'before\u0000after'],
    ['a lone surrogate', 'before\ud800after'],
  ] as const) {
    it(`answers ${label} in any string input with BAD_USER_INPUT naming the field`, async () => {
      const checked: string[] = [];
      for (const operation of walker.operations()) {
        const { query, variables } = walker.request(
          operation,
          (_name, type) => (type.kind === 'SCALAR' && type.name === 'String' ? bad : undefined),
          {
            optionalFields: true,
          },
        );
        if (!JSON.stringify(variables).includes(JSON.stringify(bad).slice(1, -1))) continue;
        const response = await api.gql(query, variables, tokenFor(operation.key));
        const error = response.errors?.[0];
        expect({ operation: operation.key, code: error?.extensions.code }).toEqual({
          operation: operation.key,
          code: 'BAD_USER_INPUT',
        });
        const fields = error!.extensions['fields'] as { field: string; message: string }[];
        expect(fields.some((f) => /cannot be stored/.test(f.message))).toBe(true);
        expect(JSON.stringify(response)).not.toMatch(/invalid byte sequence|0x00|SELECT|INSERT/);
        checked.push(operation.key);
      }
      // Every operation with a text input was tried (sign-in, names, notes, reasons, search filters…).
      expect(checked).toEqual(
        expect.arrayContaining([
          'Mutation.login',
          'Mutation.createTeam',
          'Mutation.createAgent',
          'Mutation.createUser',
          'Query.agents',
        ]),
      );
    });
  }

  it('writes nothing when refusing', async () => {
    const before = await api.sql<{ n: number }>(`SELECT count(*)::int AS n FROM teams WHERE tenant_id = $1`, [
      tenant.tenantId,
    ]);
    await api.gql(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`,
      {
        input: { name: 'Nul\u0000Team', timeZone: 'Europe/Warsaw', channels: ['PHONE'] },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(await api.sql(`SELECT count(*)::int AS n FROM teams WHERE tenant_id = $1`, [tenant.tenantId])).toEqual(
      before,
    );
  });
});
