// Jest for the pure staffing core only: no database, no global setup, so it runs in seconds
// (`npx jest -c libs/staffing/jest.config.js` from the workspace root). The Nest module's specs need the
// workspace's path aliases and run with the root configuration (`npm test`).
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['<rootDir>/src/core.spec.ts', '<rootDir>/src/lib/{math,forecast,optimize}/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testTimeout: 60000,
};
