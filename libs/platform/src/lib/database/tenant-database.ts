import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource, ObjectLiteral, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { fromDatabaseError } from '../errors/database-errors';
import { ConnectionAdmission } from './connection-admission';
import {
  currentRequest,
  currentTransaction,
  HeldConnection,
  inTransaction,
  outsideScopes,
  RequestScope,
  TransactionScope,
} from './request-scope';
import { Sql } from './sql';
import { APP_ROLE, TENANT_SETTING } from './tenant-rls';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Work outside a request (jobs, imports, seeds) queues for a connection this long: it has nobody waiting on a screen. */
const BACKGROUND_WAIT_MS = 5 * 60_000;

export interface TransactionOptions {
  /**
   * The statement timeout of this transaction in milliseconds (0: none), instead of DB_STATEMENT_TIMEOUT_MS.
   * For work that is not a request: seeds, imports, maintenance.
   */
  statementTimeoutMs?: number;
}

/** The admission queue of a pool: connections for tenant work, at most DB_TENANT_MAX_CONNECTIONS per tenant. */
export function admissionFor(
  config: Pick<AppConfig, 'dbPoolSize' | 'dbTenantMaxConnections' | 'dbAcquireTimeoutMs'>,
): ConnectionAdmission {
  // One connection stays outside admission for health probes and the sign-in throttle's counters.
  const capacity = Math.max(1, config.dbPoolSize - 1);
  return new ConnectionAdmission({
    capacity,
    perTenant: Math.min(capacity, config.dbTenantMaxConnections),
    waitMs: config.dbAcquireTimeoutMs,
  });
}

/**
 * The only door to the database for domain code. `transaction(tenantId, fn)` runs `fn` in one transaction
 * as the request role with the tenant set (`SET LOCAL`, which Citus passes on to its workers), so
 * row-level security confines every statement to that tenant, and repositories reach the transaction
 * through `many`/`maybeOne`/`execute` without passing it around. A failure rolls everything back: a failed mutation
 * writes nothing.
 *
 * Inside a GraphQL request (see RequestScope) every transaction uses the request's one connection: the
 * fields of a query share one read-only snapshot; each mutation field commits on its own, one after the
 * other, as GraphQL runs them. Outside a request (jobs, seeds, tools) each transaction takes a connection
 * of its own. Either way a connection is taken only through the admission queue (ConnectionAdmission).
 */
@Injectable()
export class TenantDatabase {
  readonly admission: ConnectionAdmission;

  constructor(
    readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.admission = admissionFor(config);
  }

  /** Runs `fn` in a transaction confined to `tenantId`; joins the open one when called inside it. */
  transaction<T>(tenantId: string, fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const open = currentTransaction();
    if (open) {
      if (open.tenantId !== tenantId) throw new Error('A transaction cannot switch tenants.');
      return fn();
    }
    if (!UUID.test(tenantId)) throw new Error('A tenant id must be a UUID.');
    const request = currentRequest();
    if (request && options.statementTimeoutMs === undefined) return this.inRequest(request, tenantId, fn);
    return this.onOwnConnection(tenantId, fn, options);
  }

  /**
   * A transaction that is not confined to one tenant (it runs as the connecting role). Only for the few
   * things that precede a tenant: finding a user by email at sign-in, provisioning a tenant, migrations.
   */
  systemTransaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (currentTransaction()) throw new Error('A system transaction cannot run inside another transaction.');
    return this.onOwnConnection(null, fn, options);
  }

  /**
   * Lends `fn` one connection of the pool for a session outside any transaction, as the connecting role,
   * for what a transaction cannot hold: an import's COPY into its staging table (COPY FROM refuses tables
   * under row-level security, which the connecting role, their owner, bypasses) and its session-level
   * advisory lock. Taken through admission like any connection (the 'system' bucket, as it is no tenant
   * transaction); its session locks are dropped before it goes back to the pool.
   */
  async session<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    if (currentTransaction()) throw new Error('A session cannot be taken inside a transaction.');
    const admitted = await this.admission.acquire('system', BACKGROUND_WAIT_MS);
    let connection: HeldConnection | undefined;
    try {
      connection = await this.hold();
      return await fn(connection.client as PoolClient);
    } finally {
      await connection?.client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      connection?.release();
      admitted();
    }
  }

  /**
   * Runs `fn` outside the current request (its transactions take connections of their own), for work the
   * request starts but must not fail or wait for, such as recording when an API token was last used.
   */
  detached<T>(fn: () => Promise<T>): Promise<T> {
    return outsideScopes(fn);
  }

  /** Calls `fn` once the open transaction has committed (not at all if it rolls back). */
  afterCommit(fn: () => void): void {
    const open = currentTransaction();
    if (!open) throw new Error('No open transaction: wrap the call in TenantDatabase.transaction().');
    open.afterCommit.push(fn);
  }

  /** The tenant of the open transaction. */
  get tenantId(): string {
    const tenantId = currentTransaction()?.tenantId;
    if (!tenantId) throw new Error('No tenant transaction is open.');
    return tenantId;
  }

  /** Runs a statement (see ./sql) in the open transaction and returns its rows. */
  many<T extends ObjectLiteral = ObjectLiteral>(statement: Sql): Promise<T[]> {
    return this.query<T>(statement.text, statement.values);
  }

  /** The statement's first row, or undefined. */
  maybeOne<T extends ObjectLiteral = ObjectLiteral>(statement: Sql): Promise<T | undefined> {
    return this.many<T>(statement).then(firstRow);
  }

  /** Runs a statement for its effect. */
  async execute(statement: Sql): Promise<void> {
    await this.many(statement);
  }

  /**
   * Runs SQL text in the open transaction and returns its rows, for every kind of statement (TypeORM's
   * plain `query` answers UPDATE … RETURNING with `[rows, count]` instead). Repositories write `many`/
   * `maybeOne`/`execute` with tagged templates; this stays for the few generated statements.
   */
  async query<T extends ObjectLiteral = ObjectLiteral>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const open = currentTransaction();
    if (!open) throw new Error('No open transaction: wrap the call in TenantDatabase.transaction().');
    // Never a statement before its transaction has begun: a failed BEGIN fails it here.
    if (open.begun) await open.begun;
    // The same check and error as TypeORM's runner.query, without its logging and subscriber events
    // (we use neither; two more promises and a result object, about 40 µs a statement).
    if (open.connection.released) throw new QueryRunnerAlreadyReleasedError();
    try {
      return ((await open.connection.client.query(sql, parameters)) as { rows?: T[] }).rows as T[];
    } catch (error) {
      throw new QueryFailedError(sql, parameters, error as Error);
    }
  }

  /**
   * BEGIN and the tenant settings go in one round trip (a simple-protocol query of several statements, so
   * the tenant id is written into the text: it was checked to be a UUID). Our repositories never ask
   * TypeORM for its own transactions (no `save`), so TypeORM need not know that one is open.
   */
  private beginSql(tenantId: string | null, mode: 'READ WRITE' | 'READ ONLY', options: TransactionOptions): string {
    const statements = [mode === 'READ ONLY' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN'];
    if (tenantId !== null) statements.push(`SET LOCAL ROLE ${APP_ROLE}`, `SET LOCAL ${TENANT_SETTING} = '${tenantId}'`);
    if (options.statementTimeoutMs !== undefined)
      statements.push(`SET LOCAL statement_timeout = ${Math.max(0, Math.floor(options.statementTimeoutMs))}`);
    return statements.join('; ');
  }

  private async onOwnConnection<T>(
    tenantId: string | null,
    fn: () => Promise<T>,
    options: TransactionOptions,
  ): Promise<T> {
    const admitted = await this.admission.acquire(
      tenantId ?? 'system',
      currentRequest() ? undefined : BACKGROUND_WAIT_MS,
    );
    let connection: HeldConnection | undefined;
    try {
      connection = await this.hold();
      return await this.run(connection, tenantId, 'READ WRITE', options, fn);
    } catch (error) {
      throw fromDatabaseError(error) ?? error;
    } finally {
      connection?.release();
      admitted();
    }
  }

  /** One transaction on a connection: BEGIN, `fn`, COMMIT (ROLLBACK on failure), then the after-commit calls. */
  private async run<T>(
    connection: HeldConnection,
    tenantId: string | null,
    mode: 'READ WRITE' | 'READ ONLY',
    options: TransactionOptions,
    fn: () => Promise<T>,
  ): Promise<T> {
    let open = false;
    try {
      await connection.client.query(this.beginSql(tenantId, mode, options));
      open = true;
      const scope: TransactionScope = { tenantId, connection, afterCommit: [] };
      const result = await inTransaction(scope, fn);
      await connection.client.query('COMMIT');
      open = false;
      for (const callback of scope.afterCommit) callback();
      return result;
    } catch (error) {
      if (open) await connection.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** A transaction on the request's connection, one at a time (GraphQL may resolve query fields in parallel). */
  private inRequest<T>(request: RequestScope, tenantId: string, fn: () => Promise<T>): Promise<T> {
    request.bindTenant(tenantId);
    return request.exclusive(async () => {
      try {
        const connection = await request.connection(() => this.admitAndHold(tenantId));
        if (request.kind !== 'query') return await this.run(connection, tenantId, 'READ WRITE', {}, fn);
        // A query's fields share one read-only snapshot, opened by the first of them and ended with the request.
        // Its BEGIN is sent, not waited for: the field's work up to its first statement (checks, periods,
        // building the statement) runs during the round trip, and that statement waits for the BEGIN
        // (TenantDatabase.query); the client would run it after the BEGIN anyway.
        if (!request.snapshotOpen) {
          request.snapshotBegun = connection.client.query(this.beginSql(tenantId, 'READ ONLY', {}));
          request.snapshotBegun.catch(() => undefined);
          request.snapshotOpen = true;
        }
        try {
          const scope: TransactionScope = { tenantId, connection, afterCommit: [], begun: request.snapshotBegun };
          const result = await inTransaction(scope, fn);
          // A field that ran no statement still fails with its BEGIN.
          await scope.begun;
          // Read-only: there is nothing to commit.
          for (const callback of scope.afterCommit) callback();
          return result;
        } catch (error) {
          // A failed statement leaves the snapshot unusable: end it; the next field opens a new one.
          if (fromDatabaseError(error) !== undefined || isDriverError(error)) {
            request.snapshotOpen = false;
            await connection.client.query('ROLLBACK').catch(() => undefined);
          }
          throw error;
        }
      } catch (error) {
        throw fromDatabaseError(error) ?? error;
      }
    });
  }

  /** A connection for a request, taken through admission; giving it back gives the admission back too. */
  private async admitAndHold(tenantId: string): Promise<HeldConnection> {
    // Without a promise when a connection is free (the usual case): each promise costs (see requestPlugin).
    const admitted = this.admission.tryAcquire(tenantId) ?? (await this.admission.acquire(tenantId));
    try {
      const connection = await this.hold();
      return {
        client: connection.client,
        get released() {
          return connection.released;
        },
        release: () => {
          connection.release();
          admitted();
        },
      };
    } catch (error) {
      admitted();
      throw error;
    }
  }

  /**
   * A connection of TypeORM's pool (node-postgres's, asked directly: TypeORM's `obtainMasterConnection`
   * wraps the same call in two more promises), held without a QueryRunner: a runner with its EntityManager
   * per transaction was about 5% of the instructions of a `{ me }` request (callgrind), for nothing we use.
   * What the runner did that matters is done here: while held, an error of the connection (the server
   * went away) is caught instead of crashing the process, and the connection is then given back broken,
   * so that the pool closes it instead of lending it again.
   */
  private hold(): Promise<HeldConnection> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool | undefined;
    if (!pool) return Promise.reject(new Error('The database is not connected.'));
    return new Promise((resolve, reject) =>
      pool.connect((error, client, giveBack) => {
        if (error || !client) return reject(error ?? new Error('The pool lent no connection.'));
        let broken: Error | undefined;
        let released = false;
        const onError = (error: Error) => (broken = error);
        client.on('error', onError);
        resolve({
          client,
          get released() {
            return released;
          },
          release: () => {
            if (released) return;
            released = true;
            client.removeListener('error', onError);
            giveBack(broken);
          },
        });
      }),
    );
  }
}

function firstRow<T>(rows: T[]): T | undefined {
  return rows[0];
}

function isDriverError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ('driverError' in error || 'severity' in error);
}
