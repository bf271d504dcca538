import { ChildProcess } from 'node:child_process';

/** Closes the console server's stdin: it stops the API and the database and removes its folder. */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as Record<string, unknown>)['__DESKFORCE_CONSOLE_SERVER__'] as ChildProcess | undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref())]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
