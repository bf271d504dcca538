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

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  moduleNameMapper,
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/tools/jest-transform.js' },
  transformIgnorePatterns: [`/node_modules/(?!(${esModulePackages().map(escape).join('|')})/)`],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60000,
};
