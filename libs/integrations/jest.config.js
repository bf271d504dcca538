// Jest for the pure integrations core only (connectors, signing, CSV export): no database, no global setup,
// so it runs in seconds (`npx jest -c libs/integrations/jest.config.js` from the workspace root). `npm test`
// runs the same files with the root configuration.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/../../tools/jest-transform.js' },
  testTimeout: 60000,
};
