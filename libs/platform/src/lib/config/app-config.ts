import { join } from 'node:path';

export type NodeEnv = 'development' | 'test' | 'production';

/** Everything the process reads from its environment, validated once at boot (see README, "Configuration"). */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Unset: an embedded PostgreSQL is started (npm start) with its data in `embeddedDataDir`. */
  databaseUrl?: string;
  embeddedDataDir: string;
  embeddedPort: number;
  /** Unset only in embedded mode, where a development secret is generated and kept beside the data. */
  jwtSecret?: string;
  /** Access-token lifetime: short, because a token works until it expires or its session's next check. */
  jwtExpiresInSeconds: number;
  /** A session's refresh token lasts this long since its last use (each refresh rotates it). */
  refreshTokenTtlSeconds: number;
  /** How long a credential check is remembered (0: every request asks the database). */
  sessionCheckCacheSeconds: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address. */
  trustProxy: boolean | number | string;
  graphqlIntrospection: boolean;
  graphqlSandbox: boolean;
  graphqlMaxDepth: number;
  graphqlMaxAliases: number;
  graphqlMaxCost: number;
  graphqlMaxTokens: number;
  /** Work units (about a microsecond of server work each) one operation may take, summed over its fields. */
  graphqlMaxWork: number;
  /** Worker threads for heavy calculation (0: one less than the cores, at least one). */
  computeThreads: number;
  /** Schedule generation jobs this process solves at once (0: it solves none, only queues them). */
  solverConcurrency: number;
  /** A running job's lease: renewed every few seconds; a job whose lease lapsed counts as interrupted. */
  jobLeaseSeconds: number;
  bodyLimit: string;
  logLevel: string;
  dbPoolSize: number;
  dbStatementTimeoutMs: number;
  dbConnectTimeoutMs: number;
  /** Connections one tenant's work may hold at once. */
  dbTenantMaxConnections: number;
  /** How long work waits for a free connection before it is refused with TOO_BUSY. */
  dbAcquireTimeoutMs: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  loginAccountMaxFailures: number;
  loginAddressMaxFailures: number;
  loginMinDelaySeconds: number;
  loginMaxDelaySeconds: number;
  /** argon2id memory cost of new password hashes, KiB (existing hashes keep their own parameters). */
  passwordHashMemoryKib: number;
  /** argon2id passes over that memory. */
  passwordHashTimeCost: number;
  seedDemo: boolean;
  /** Outgoing webhooks may go to loopback and private addresses (tests, development); refused in production by default (SSRF). */
  webhookAllowPrivate: boolean;
  /** Attempts of one delivery before it is given up as FAILED. */
  webhookMaxAttempts: number;
  /** The wait before the second attempt; each later wait doubles (capped at an hour). */
  webhookRetryBaseMs: number;
  /** How long one delivery request may take before it counts as failed. */
  webhookTimeoutMs: number;
  /** Deliveries this process sends at once (0: it sends none, only queues them). */
  webhookConcurrency: number;
  /** How often the sweep for overdue training assignments is queued, in seconds (0: this process neither queues nor runs it). */
  trainingOverdueSweepSeconds: number;
  /** How often the evaluation of KPI targets that sends `kpi.alert.changed` is queued, in seconds (0: this process neither queues nor runs it). */
  kpiAlertSweepSeconds: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return fallback;
}

/**
 * TRUST_PROXY as Express takes it: unset or false (the socket's address is the client's), true (any
 * proxy), a hop count, or a list of addresses/subnets such as "loopback, 10.0.0.0/8".
 */
function trustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[\w.:/, -]+$/.test(raw)) return raw;
  problems.push(`TRUST_PROXY must be true, false, a hop count or a list of addresses (got "${raw}")`);
  return false;
}

/** Reads and validates the configuration; every problem is reported at once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const nodeEnv = (env['NODE_ENV'] ?? 'development') as NodeEnv;
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, test or production (got "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const jwtSecret = env['JWT_SECRET'] || undefined;
  if (databaseUrl && !jwtSecret)
    problems.push(
      'JWT_SECRET is required when DATABASE_URL is set (a secret is generated only for the embedded database)',
    );
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  const bodyLimit = env['BODY_LIMIT'] ?? '10mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) problems.push(`BODY_LIMIT must look like 512kb or 10mb (got "${bodyLimit}")`);

  const config: AppConfig = {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    databaseUrl,
    embeddedDataDir: env['EMBEDDED_PG_DIR'] || join(cwd, '.data', 'postgres'),
    embeddedPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535, problems),
    jwtSecret,
    jwtExpiresInSeconds: integer(env, 'JWT_EXPIRES_IN_SECONDS', 900, 60, 24 * 3600, problems),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 14 * 24 * 3600, 300, 365 * 24 * 3600, problems),
    sessionCheckCacheSeconds: integer(env, 'SESSION_CHECK_CACHE_SECONDS', 5, 0, 60, problems),
    trustProxy: trustProxy(env['TRUST_PROXY'], problems),
    graphqlIntrospection: boolean(env, 'GRAPHQL_INTROSPECTION', !production, problems),
    graphqlSandbox: boolean(env, 'GRAPHQL_SANDBOX', !production, problems),
    graphqlMaxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 100, problems),
    graphqlMaxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 30, 1, 1000, problems),
    graphqlMaxCost: integer(env, 'GRAPHQL_MAX_COST', 20000, 100, 10_000_000, problems),
    graphqlMaxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 5000, 100, 1_000_000, problems),
    graphqlMaxWork: integer(env, 'GRAPHQL_MAX_WORK', 2_000_000, 1000, 1_000_000_000, problems),
    computeThreads: integer(env, 'COMPUTE_THREADS', 0, 0, 256, problems),
    solverConcurrency: integer(env, 'SOLVER_CONCURRENCY', 1, 0, 64, problems),
    jobLeaseSeconds: integer(env, 'JOB_LEASE_SECONDS', 30, 5, 3600, problems),
    bodyLimit,
    logLevel: env['LOG_LEVEL'] ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 500, problems),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 30000, 100, 3_600_000, problems),
    dbConnectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 3000, 100, 60000, problems),
    dbTenantMaxConnections: 0, // set below, from the pool size
    dbAcquireTimeoutMs: integer(env, 'DB_ACQUIRE_TIMEOUT_MS', 10000, 10, 600000, problems),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000, problems),
    loginWindowSeconds: integer(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400, problems),
    loginAccountMaxFailures: integer(env, 'LOGIN_ACCOUNT_MAX_FAILURES', 20, 1, 10000, problems),
    loginAddressMaxFailures: integer(env, 'LOGIN_ADDRESS_MAX_FAILURES', 50, 1, 100000, problems),
    loginMinDelaySeconds: integer(env, 'LOGIN_MIN_DELAY_SECONDS', 1, 1, 3600, problems),
    loginMaxDelaySeconds: integer(env, 'LOGIN_MAX_DELAY_SECONDS', 900, 1, 86400, problems),
    // The library's defaults (64 MiB, 3 passes); production never goes below OWASP's floor for argon2id
    // (19 MiB, 2 passes). Tests lower them: a test tenant's five users would otherwise cost seconds of CPU.
    passwordHashMemoryKib: integer(
      env,
      'PASSWORD_HASH_MEMORY_KIB',
      65536,
      production ? 19456 : 64,
      4_194_304,
      problems,
    ),
    passwordHashTimeCost: integer(env, 'PASSWORD_HASH_TIME_COST', 3, production ? 2 : 1, 10, problems),
    // The demo organisation (with its public password) only where nobody could mistake it for production:
    // the embedded database outside production, or when asked for by name.
    seedDemo: boolean(env, 'SEED_DEMO', !databaseUrl && !production, problems),
    webhookAllowPrivate: boolean(env, 'WEBHOOK_ALLOW_PRIVATE', !production, problems),
    webhookMaxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 8, 1, 50, problems),
    webhookRetryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 30_000, 0, 3_600_000, problems),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000, problems),
    webhookConcurrency: integer(env, 'WEBHOOK_CONCURRENCY', 2, 0, 64, problems),
    trainingOverdueSweepSeconds: integer(env, 'TRAINING_OVERDUE_SWEEP_SECONDS', 300, 0, 86_400, problems),
    kpiAlertSweepSeconds: integer(env, 'KPI_ALERT_SWEEP_SECONDS', 900, 0, 86_400, problems),
  };
  // A third of the pool by default (at least two): a tenant's burst never empties it for the others.
  config.dbTenantMaxConnections = integer(
    env,
    'DB_TENANT_MAX_CONNECTIONS',
    Math.max(2, Math.floor(config.dbPoolSize / 3)),
    1,
    500,
    problems,
  );
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}
