// One Jest run for the whole workspace: the PostgreSQL test cluster is started once
// (tests/support/global-setup.ts) and every file runs against it in parallel.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const paths = JSON.parse(readFileSync(join(__dirname, 'tsconfig.json'), 'utf8')).compilerOptions.paths;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

/** Packages that ship only ES modules: Jest must transform them (see tools/jest-transform.js). */
function esModulePackages() {
  const root = join(__dirname, 'node_modules');
  const names = [];
  const visit = (name) => {
    try {
      const pkg = JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8'));
      if (pkg.type === 'module') names.push(name);
    } catch {
      // not a package folder
    }
  };
  for (const entry of readdirSync(root)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const sub of readdirSync(join(root, entry))) visit(`${entry}/${sub}`);
    else visit(entry);
  }
  return names;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Files that start processes or servers of their own, stop the database, seed history or run the solver:
 * their own project, with their own time allowance, so that a busy machine slows them without failing
 * them, and `npm test -- --selectProjects api` runs everything else quickly.
 */
const SLOW = [
  'tests/e2e/load.e2e-spec.ts',
  'tests/e2e/faults.e2e-spec.ts',
  'tests/e2e/shutdown.e2e-spec.ts',
  'tests/e2e/demo-seed.e2e-spec.ts',
  'tests/e2e/performance-import.e2e-spec.ts',
  'tests/e2e/staffing-generation.e2e-spec.ts',
  'tests/e2e/hardening/embedded-start.e2e-spec.ts',
  'tests/e2e/hardening/organisations.e2e-spec.ts',
  'tests/e2e/hardening/jobs.e2e-spec.ts',
  'libs/staffing/src/lib/optimize/schedule.solver.spec.ts',
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/tools/jest-transform.js' },
  transformIgnorePatterns: [`/node_modules/(?!(${esModulePackages().map(escape).join('|')})/)`],
};
const slowPaths = SLOW.map((file) => `<rootDir>/${file}`);

/** @type {import('jest').Config} */
module.exports = {
  // One PostgreSQL test cluster for every project (see tests/support/global-setup.ts).
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs'],
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: slowPaths.map(escape),
    },
    {
      ...shared,
      displayName: 'api',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.e2e-spec.ts'],
      testPathIgnorePatterns: slowPaths.map(escape),
    },
    {
      ...shared,
      displayName: 'slow',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
      testMatch: slowPaths,
      setupFilesAfterEnv: ['<rootDir>/tests/support/slow-timeout.ts'],
    },
  ],
  testTimeout: 60000,
};
