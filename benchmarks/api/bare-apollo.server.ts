/**
 * The baseline of benchmarks/api/throughput.bench.ts, as a process of its own: a bare Apollo Server (no
 * Nest) answering `{ me }` with the same work as the API — verify the JWT, open a transaction as the
 * request role with the tenant set, select the user. DATABASE_URL, PORT and JWT_SECRET from the environment.
 */
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createSecretKey } from 'node:crypto';
import { verify } from 'jsonwebtoken';
import { Pool } from 'pg';

// The same key handling as the API: a KeyObject made once.
const KEY = createSecretKey(Buffer.from(process.env['JWT_SECRET']!, 'utf8'));

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
  const server = new ApolloServer<{ auth?: string }>({
    typeDefs: `type User { id: ID! email: String! role: String! } type Query { me: User }`,
    resolvers: {
      Query: {
        me: async (_parent: unknown, _args: unknown, context: { auth?: string }) => {
          const claims = verify(context.auth?.replace(/^Bearer /, '') ?? '', KEY, { algorithms: ['HS256'] }) as {
            sub: string;
            tid: string;
          };
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query(
              `SELECT set_config('role', 'deskforce_app', true), set_config('app.tenant_id', $1, true)`,
              [claims.tid],
            );
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
  const http = app.listen(Number(process.env['PORT']), '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    http.close();
    void server
      .stop()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

void main();
