import { ALL_ROLES, Role } from '@deskforce/platform';
import {
  createTestTenant,
  INTROSPECTION_QUERY,
  IntrospectedSchema,
  SchemaWalker,
  startTestApp,
  TestApp,
  TestTenant,
} from '@deskforce/testing';
import { permissions } from '../../apps/api/src/permissions';

/**
 * The role matrix, over the whole schema: the permission table that the global guard reads is the one
 * read here. Every root field must have an entry; each role is refused or let through as it says.
 */
describe('authorization over the whole schema', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let walker: SchemaWalker;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    const introspection = await api.gql<{ __schema: IntrospectedSchema }>(INTROSPECTION_QUERY, {}, tenant.tokens.ADMIN);
    walker = new SchemaWalker(introspection.data!.__schema);
  });
  afterAll(() => api.close());

  it('has exactly one permission entry for every query and mutation', () => {
    const operations = walker
      .operations()
      .map((o) => o.key)
      .sort();
    expect(operations.filter((key) => !(key in permissions))).toEqual([]);
    expect(Object.keys(permissions).filter((key) => !operations.includes(key))).toEqual([]);
  });

  it('refuses every non-public operation without a token', async () => {
    for (const operation of walker.operations()) {
      if (permissions[operation.key] === 'PUBLIC') continue;
      const { query, variables } = walker.request(operation);
      const response = await api.gql(query, variables);
      expect({ operation: operation.key, code: response.errors?.[0]?.extensions.code }).toEqual({
        operation: operation.key,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it.each(ALL_ROLES.map((role) => [role]))(
    'lets %s call exactly the operations the table allows',
    async (role: Role) => {
      for (const operation of walker.operations()) {
        const permission = permissions[operation.key]!;
        const allowed = permission === 'PUBLIC' || permission.includes(role);
        const { query, variables } = walker.request(operation);
        const response = await api.gql(query, variables, tenant.tokens[role]);
        const refusedByRole =
          response.errors?.some(
            (e) => e.extensions.code === 'FORBIDDEN' && e.extensions['operation'] === operation.key,
          ) ?? false;
        expect({ operation: operation.key, role, refusedByRole }).toEqual({
          operation: operation.key,
          role,
          refusedByRole: !allowed,
        });
        expect(response.status).toBeLessThan(500);
        for (const error of response.errors ?? []) expect(error.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
      }
    },
  );
});
