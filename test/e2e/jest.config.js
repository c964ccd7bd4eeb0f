/* global module */
/** Browser tests (npm run test:e2e): real Chromium against the app in-process. The root `npm test` ignores this folder. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/helpers/env.ts'],
  // The demo portfolio is seeded once per run and copied for each file (app-server.ts).
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  // One browser and one app at a time: in band.
  maxWorkers: 1,
  testTimeout: 120000,
};
