/**
 * Requests per second of a simple authenticated query, `{ me { id email role } }`, through the whole
 * Deskforce API (Nest, guards, validation, tenant transaction with RLS) against a bare Apollo Server
 * (no Nest) answering the same query from the same database with the same work: verify the JWT, open a
 * transaction as the request role with the tenant set, select the user. Same load (autocannon, loopback,
 * same connections and duration), same run.
 *
 *   node -r @swc-node/register benchmarks/api/throughput.bench.ts [--quick]
 */
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import autocannon from 'autocannon';
import express from 'express';
import { createSecretKey } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { verify } from 'jsonwebtoken';
import { Pool } from 'pg';
import { benchTenant, startBenchApp } from '../support/bench-app';
import { benchDatabase } from '../support/bench-database';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';

const SECRET = 'benchmark-secret-that-is-long-enough-for-hs256';
// The same key handling as the API: a KeyObject made once.
const KEY = createSecretKey(Buffer.from(SECRET, 'utf8'));
const QUERY = '{ me { id email role } }';

async function bareApollo(url: string): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: url, max: 10 });
  const server = new ApolloServer<{ auth?: string }>({
    typeDefs: `type User { id: ID! email: String! role: String! } type Query { me: User }`,
    resolvers: {
      Query: {
        me: async (_parent: unknown, _args: unknown, context: { auth?: string }) => {
          const claims = verify(context.auth?.replace(/^Bearer /, '') ?? '', KEY, { algorithms: ['HS256'] }) as { sub: string; tid: string };
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query(`SELECT set_config('role', 'deskforce_app', true), set_config('app.tenant_id', $1, true)`, [claims.tid]);
            const { rows } = await client.query('SELECT id, email, role FROM users WHERE id = $1', [claims.sub]);
            await client.query('COMMIT');
            return rows[0];
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          } finally {
            client.release();
          }
        },
      },
    },
  });
  await server.start();
  const app = express();
  app.use(express.json());
  app.use('/graphql', expressMiddleware(server, { context: async ({ req }) => ({ auth: req.headers.authorization }) }));
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await new Promise((resolve) => http.close(resolve));
      await server.stop();
      await pool.end();
    },
  };
}

async function load(url: string, token: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
}

export async function run(quick: boolean): Promise<BenchmarkRow[]> {
  const seconds = quick ? 6 : 30;
  const database = await benchDatabase();
  const bench = await startBenchApp(database.url, { JWT_SECRET: SECRET });
  const bare = await bareApollo(database.url);
  try {
    const { token } = await benchTenant(bench);
    const check = await bench.gql<{ me: { id: string } }>(QUERY, {}, token);
    if (!check.data?.me) throw new Error(`the API did not answer: ${JSON.stringify(check)}`);
    // Warm both (JIT, pools), then alternate short rounds so that a noisy neighbour hits both alike;
    // the figures are the medians of the rounds.
    await load(bench.url, token, 2);
    await load(bare.url, token, 2);
    const rounds = quick ? 3 : 5;
    const nestRounds: autocannon.Result[] = [];
    const bareRounds: autocannon.Result[] = [];
    for (let i = 0; i < rounds; i++) {
      nestRounds.push(await load(bench.url, token, seconds / rounds));
      bareRounds.push(await load(bare.url, token, seconds / rounds));
    }
    for (const [name, results] of [['Deskforce', nestRounds], ['bare Apollo', bareRounds]] as const) {
      for (const result of results) if (result.errors > 0 || result.non2xx > 0) throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const nest = { rps: median(nestRounds.map((r) => r.requests.average)), p99: median(nestRounds.map((r) => r.latency.p99)) };
    const baseline = { rps: median(bareRounds.map((r) => r.requests.average)), p99: median(bareRounds.map((r) => r.latency.p99)) };
    return [
      row('`{ me }` through the API, 10 connections', nest.rps, 'requests/s', 'bare Apollo Server, same query and SQL', baseline.rps),
      row('`{ me }` p99 latency through the API', nest.p99, 'ms', 'bare Apollo Server p99', baseline.p99),
    ];
  } finally {
    await bare.close();
    await bench.close();
    await database.close();
  }
}

runIfMain(module, 'API throughput', run);
