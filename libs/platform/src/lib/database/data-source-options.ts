import { DataSourceOptions, MixedList } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
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
    applicationName: 'deskforce',
    extra: {
      max: options.poolSize,
      // Fail fast when the database is down instead of queueing requests forever.
      connectionTimeoutMillis: options.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs,
      idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
    },
  };
}
