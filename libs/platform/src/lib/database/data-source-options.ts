import { Logger } from '@nestjs/common';
import { DataSourceOptions, MixedList } from 'typeorm';

const poolLogger = new Logger('DatabasePool');

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /** How the connections introduce themselves (pg_stat_activity, logs): `deskforce` for the application's own work. */
  applicationName?: string;
  // TypeORM's own option type: class constructors of entities and migrations.
  entities?: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
}

/** One definition of how we connect, shared by the API, the migration runner, scripts and tests. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // An idle connection dropped by the server (a restart, a failover) is reported here instead of
    // crashing the process; the pool replaces it on next use.
    poolErrorHandler: (error: Error) => poolLogger.warn(`Idle database connection lost: ${error.message}`),
    applicationName: options.applicationName ?? 'deskforce',
    extra: {
      max: options.poolSize,
      // Fail fast when the database is down instead of queueing requests forever.
      connectionTimeoutMillis: options.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs,
      idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
    },
  };
}
