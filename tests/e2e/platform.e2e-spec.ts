import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import { printSchemaFile, SCHEMA_FILE } from '../../apps/api/src/graphql/print-schema';

describe('the API as a service', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp({
      BODY_LIMIT: '1mb',
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '20',
      GRAPHQL_MAX_TOKENS: '2000',
      GRAPHQL_INTROSPECTION: 'false',
    });
    tenant = await createTestTenant(api);
  });
  afterAll(() => api.close());

  const post = (body: string, token = tenant.tokens.DIRECTOR) =>
    fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
  type Body = { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
  const json = async (response: Response) => (await response.json()) as Body;

  it('keeps the checked-in schema.gql identical to the code (run `npm run schema:print` after changing it)', () => {
    const checkedIn = readFileSync(join(__dirname, '../..', SCHEMA_FILE), 'utf8');
    expect(printSchemaFile(api.app.get(GraphQLSchemaHost).schema)).toBe(checkedIn);
  });

  it('answers /health with the database status', async () => {
    const response = await fetch(api.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses a query nested deeper than the limit before running it', async () => {
    const deep = `{ agents { edges { node { team { leadAgent { team { leadAgent { team { leadAgent { team { name } } } } } } } } } } }`;
    const body = await json(await post(JSON.stringify({ query: deep })));
    expect(body.errors[0].message).toMatch(/depth/i);
    expect(body.data).toBeUndefined();
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ');
    const body = await json(await post(JSON.stringify({ query: `{ ${aliases} }` })));
    expect(body.errors[0].message).toMatch(/alias/i);
  });

  it('stops parsing a document past the token limit', async () => {
    const body = await json(
      await post(JSON.stringify({ query: `{ me { ${Array.from({ length: 2000 }, () => 'id').join(' ')} } }` })),
    );
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.message).toMatch(/2000 tokens\. Parsing aborted/);
    expect(body.errors[0]!.extensions['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('keeps the schema out of error messages when introspection is off', async () => {
    const body = await json(await post(JSON.stringify({ query: '{ me { emial } }' })));
    expect(body.errors[0]!.message).toMatch(/^Cannot query field "emial" on type "User"\./);
    expect(body.errors[0]!.message).not.toMatch(/Did you mean|"email"/);
  });

  it('refuses a fragment bomb before executing anything', async () => {
    // Each fragment spreads the previous one twice: 2^20 fields once expanded.
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(
      '\n',
    );
    const query = `query { ...F20 }\nfragment F0 on Query { me { id } }\n${fragments}`;
    const body = await json(await post(JSON.stringify({ query })));
    // Refused by validation (cost and depth limits), so nothing was executed.
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a fragment cycle', async () => {
    const body = await json(
      await post(JSON.stringify({ query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' })),
    );
    expect(body.errors[0]!.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses batched operations', async () => {
    const batch = JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' })));
    const response = await post(batch);
    expect(response.status).toBe(400);
  });

  it('refuses a body over the limit with a clear code', async () => {
    const response = await post(
      JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('answers malformed JSON without a stack trace', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('BAD_REQUEST');
    expect(text).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('names the field when a variable has the wrong type', async () => {
    const body = await json(
      await post(
        JSON.stringify({ query: 'query($id: ID!) { team(id: $id) { id } }', variables: { id: 'not-a-uuid' } }),
      ),
    );
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'id' }] });
  });
});
