/* global module */
/**
 * The fuzz suite (test/fuzz/*.fuzz.ts): fast-check properties over the API bodies, the forms and the
 * imports. The root `npm test` does not run it; `.ci/run` does, with a bounded FUZZ_RUNS:
 *   FUZZ_RUNS=200 npx jest -c test/fuzz/jest.config.js
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/fuzz/**/*.fuzz.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/helpers/env.ts'],
  // Each case is bounded at 5 s; a property runs FUZZ_RUNS of them.
  testTimeout: 30 * 60_000,
};
