// The statement-rules check: a Jest run of its own, after the API suite (npm test runs it second), over the
// statements the suite sent to the test cluster (DESKFORCE_STATEMENT_LOG).
const { join } = require('node:path');
const base = require('../../jest.config.js').projects[0];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: join(__dirname, '../..'),
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/sql-rules'],
  testMatch: ['**/*.check-spec.ts'],
  moduleNameMapper: base.moduleNameMapper,
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  testTimeout: 300_000,
};
