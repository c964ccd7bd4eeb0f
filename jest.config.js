/** Jest: ts-jest transpiles each file on its own (isolatedModules in tsconfig); type-checking is `npm run lint`'s job, which keeps tests fast. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/helpers/env.ts'],
};
