import { ConfigError, loadConfig } from './app-config';

const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app', JWT_SECRET: 'x'.repeat(32) };

describe('password hash parameters', () => {
  it('defaults to argon2’s own memory-hard parameters (64 MiB, 3 passes)', () => {
    expect(loadConfig(production)).toMatchObject({ passwordHashMemoryKib: 65536, passwordHashTimeCost: 3 });
  });

  it('never goes below OWASP’s floor for argon2id in production (19 MiB, 2 passes)', () => {
    expect(() => loadConfig({ ...production, PASSWORD_HASH_MEMORY_KIB: '19455' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, PASSWORD_HASH_TIME_COST: '1' })).toThrow(/PASSWORD_HASH_TIME_COST/);
    expect(
      loadConfig({ ...production, PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' }),
    ).toMatchObject({ passwordHashMemoryKib: 19456, passwordHashTimeCost: 2 });
  });

  it('lets tests and development make hashing cheap', () => {
    expect(
      loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' }),
    ).toMatchObject({ passwordHashMemoryKib: 1024, passwordHashTimeCost: 1 });
  });
});
