import { testDatabaseProcess } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const child = testDatabaseProcess();
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin?.end();
  await exited;
}
