// The console in a real browser (Chromium through playwright-core) against the real API on a throwaway
// embedded PostgreSQL with the demo tenant. A Jest run of its own (npm run test:browser, and the last step
// of npm test), one file at a time, so it does not compete with the API tests for the two cores.
const { join } = require('node:path');
// The workspace's module mapping and transforms, as its projects use them.
const base = require('../../jest.config.js').projects[0];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: join(__dirname, '../..'),
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  moduleNameMapper: base.moduleNameMapper,
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  globalSetup: '<rootDir>/tests/browser/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/browser/support/global-teardown.ts',
  testTimeout: 180_000,
};
