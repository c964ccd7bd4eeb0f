/* global module */
/**
 * Spreadsheet tests (npm run test:spreadsheet): exported workbooks recalculated by headless
 * LibreOffice Calc (`soffice`, Debian's libreoffice-calc; .ci/run installs it). The root
 * `npm test` does not match these files.
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/spreadsheet/**/*.spreadsheet.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/helpers/env.ts'],
  // One LibreOffice at a time: in band.
  maxWorkers: 1,
  testTimeout: 120000,
};
