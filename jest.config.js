/** Jest: ts-jest transpiles each file on its own (isolatedModules in tsconfig); type-checking is `npm run lint`'s job, which keeps tests fast. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/helpers/env.ts'],
  // Two workers share CI's two cores with a PostgreSQL server: 5 s is too tight for a test that
  // seeds a portfolio over HTTP when the machine is busy. Speed is measured by `npm run bench`.
  testTimeout: 30_000,
};
