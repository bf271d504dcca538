/**
 * The baseline of the API benchmarks: a bare Apollo Server on Express (no Nest) doing only the work a
 * question needs, so that what the API spends over it is what the API itself adds.
 *
 *  - `{ me }` (benchmarks/api/throughput.bench.ts, as a process of its own): verify the JWT, open a
 *    transaction as the request role with the tenant set, select the user.
 *  - `kpis` (benchmarks/performance/performance.bench.ts, in the benchmark's process beside the API):
 *    verify the JWT, open the same transaction, send the two statements the KPI engine sends for a
 *    by-period question (counts from the hourly rollup, exact figures from raw rows), and turn their rows
 *    into values with the engine's own arithmetic. No validation, authorization, admission or tenant
 *    lookup: the floor of this stack for that answer. The benchmark checks both answers are the same.
 *
 * As a script: DATABASE_URL, PORT and JWT_SECRET from the environment; prints `ready` once listening.
 */
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  countsFromRollup,
  exactFromRawRows,
  ExactFigures,
  InteractionCounts,
  KpiGroupBy,
  KpiMetric,
  periodsOf,
  periodUnitOf,
  valueFromCounts,
  valueFromExact,
  ZERO_COUNTS,
  ZERO_EXACT,
} from '@deskforce/performance';
import express from 'express';
import { createSecretKey } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { verify } from 'jsonwebtoken';
import { Pool, PoolClient } from 'pg';

const TYPE_DEFS = `
  type User { id: ID! email: String! role: String! }
  type Period { start: String! }
  type Group { period: Period }
  type KpiValue { metric: String! value: Float sampleSize: Int! }
  type KpiRow { group: Group! values: [KpiValue!]! }
  type Kpis { rows: [KpiRow!]! }
  input KpiFilter { teamIds: [ID!]! }
  input KpisInput {
    from: String! to: String! timeZone: String! metrics: [String!]! groupBy: [String!]! filter: KpiFilter!
    serviceLevelTargetSeconds: Int = 20
  }
  type Query { me: User kpis(input: KpisInput!): Kpis! }
`;

interface KpisInput {
  from: string;
  to: string;
  timeZone: string;
  metrics: KpiMetric[];
  groupBy: KpiGroupBy[];
  filter: { teamIds: string[] };
  serviceLevelTargetSeconds: number;
}

interface Claims {
  sub: string;
  tid: string;
}

export interface BareApollo {
  url: string;
  close(): Promise<void>;
}

export async function listenBareApollo(options: {
  databaseUrl: string;
  jwtSecret: string;
  port?: number;
}): Promise<BareApollo> {
  // The same key handling as the API: a KeyObject made once.
  const key = createSecretKey(Buffer.from(options.jwtSecret, 'utf8'));
  const claimsOf = (auth: string | undefined) =>
    verify(auth?.replace(/^Bearer /, '') ?? '', key, { algorithms: ['HS256'] }) as Claims;
  const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
  /** BEGIN as the request role with the tenant set, `fn`, COMMIT. */
  const inTenant = async <T>(tenantId: string, fn: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('role', 'deskforce_app', true), set_config('app.tenant_id', $1, true)`, [
        tenantId,
      ]);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  const server = new ApolloServer<{ auth?: string }>({
    typeDefs: TYPE_DEFS,
    resolvers: {
      Query: {
        me: (_parent: unknown, _args: unknown, context: { auth?: string }) => {
          const claims = claimsOf(context.auth);
          return inTenant(claims.tid, async (client) => {
            const { rows } = await client.query('SELECT id, email, role FROM users WHERE id = $1', [claims.sub]);
            return rows[0] as unknown;
          });
        },
        kpis: async (_parent: unknown, { input }: { input: KpisInput }, context: { auth?: string }) => {
          const claims = claimsOf(context.auth);
          const unit = periodUnitOf(input.groupBy);
          if (!unit || input.groupBy.length !== 1) throw new Error('the baseline answers by one period unit only');
          const from = new Date(input.from);
          const to = new Date(input.to);
          const periods = periodsOf(from, to, unit, input.timeZone);
          const slice = {
            from,
            to,
            timeZone: input.timeZone,
            groupBy: input.groupBy,
            teamIds: input.filter.teamIds,
            periodStarts: periods.map((p) => p.start),
          };
          const [counts, exact] = await inTenant(claims.tid, async (client) => {
            const a = countsFromRollup(claims.tid, slice);
            const b = exactFromRawRows(claims.tid, slice, input.serviceLevelTargetSeconds);
            const countRows = (await client.query<InteractionCounts & { period: number }>(a.text, a.values)).rows;
            const exactRows = (await client.query<ExactFigures & { period: number }>(b.text, b.values)).rows;
            return [countRows, exactRows] as const;
          });
          const countsOf = new Map(counts.map((r) => [r.period, r]));
          const exactOf = new Map(exact.map((r) => [r.period, r]));
          return {
            rows: periods.map((period, i) => {
              const c = countsOf.get(i + 1) ?? ZERO_COUNTS;
              const e = exactOf.get(i + 1) ?? ZERO_EXACT;
              return {
                group: { period: { start: period.start.toISOString() } },
                values: input.metrics.map((metric) => valueFromCounts(metric, c) ?? valueFromExact(metric, e)),
              };
            }),
          };
        },
      },
    },
  });
  await server.start();
  const app = express();
  app.use(express.json());
  app.use('/graphql', expressMiddleware(server, { context: async ({ req }) => ({ auth: req.headers.authorization }) }));
  const http = app.listen(options.port ?? 0, '127.0.0.1');
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

if (require.main === module) {
  void listenBareApollo({
    databaseUrl: process.env['DATABASE_URL']!,
    jwtSecret: process.env['JWT_SECRET']!,
    port: Number(process.env['PORT']),
  }).then((bare) => {
    process.stdout.write('ready\n');
    process.once('SIGTERM', () => void bare.close().then(() => process.exit(0)));
  });
}
