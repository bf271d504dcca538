import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { ComputePool } from './compute-pool';

describe('ComputePool', () => {
  const task = { file: join(__dirname, 'compute-pool.test-tasks.ts'), name: 'hold' };
  let pool: ComputePool;

  beforeEach(() => {
    pool = new ComputePool({ computeThreads: 1 } as AppConfig);
  });
  afterEach(() => pool.onModuleDestroy());

  it("runs another tenant's task before the rest of a busy tenant's queue", async () => {
    const finished: string[] = [];
    const run = (tenant: string, label: string) =>
      pool.run<string>(tenant, task, { label, ms: 100 }).then((done) => finished.push(done));
    // Queued before any of them ends: A's five, then B's one.
    const all = [...['a1', 'a2', 'a3', 'a4', 'a5'].map((label) => run('tenant-a', label)), run('tenant-b', 'b1')];
    await Promise.all(all);
    expect(finished).toEqual(['a1', 'b1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('alternates two busy tenants', async () => {
    const finished: string[] = [];
    const run = (tenant: string, label: string) =>
      pool.run<string>(tenant, task, { label, ms: 30 }).then((done) => finished.push(done));
    await Promise.all([run('a', 'a1'), run('a', 'a2'), run('a', 'a3'), run('b', 'b1'), run('b', 'b2')]);
    expect(finished).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('refuses a tenant with too much waiting as TOO_BUSY', async () => {
    const runs = Array.from({ length: 102 }, (_, i) =>
      pool.run('a', task, { label: String(i), ms: 1 }).then(
        () => 'OK',
        (e: { code?: string }) => e.code,
      ),
    );
    expect((await Promise.all(runs)).filter((r) => r === 'TOO_BUSY').length).toBeGreaterThan(0);
  });
});
