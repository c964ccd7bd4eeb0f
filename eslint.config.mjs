import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Money must never pass through floating point (CONVENTIONS C1): these constructs are banned
// where money is computed.
const noFloatMoney = {
  'no-restricted-globals': [
    'error',
    { name: 'parseFloat', message: 'Money never goes through floats (C1): use money.ts' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.name='Number']", message: 'No Number() on money (C1): use money.ts' },
    { selector: "CallExpression[callee.property.name='toNumber']", message: 'No .toNumber() in money code (C1)' },
    { selector: "MemberExpression[object.name='Math'][property.name='round']", message: 'No Math.round on money (C1)' },
    { selector: "CallExpression[callee.property.name='parseFloat']", message: 'Money never goes through floats (C1)' },
  ],
};

// Layers (docs/architecture.md): imports only run downward. Each folder gets one
// no-restricted-imports rule (a later block for the same file would replace it, not add to it).
// Patterns match relative specifiers, whatever their depth: '../domain/x', '../../domain/x'.
const dir = (...names) => `^\\.\\.?/(\\.\\./)*(${names.join('|')})(/|$)`;
const knexModule = '^\\.\\.?/(\\.\\./)*knex$'; // server/knex.ts, the dialect adapter
const banned = (names, message, allowTypeImports = false) => ({ regex: dir(...names), message, allowTypeImports });
const layerRule = (patterns, paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});
const pkg = (name, message) => ({ name, message });
const noDbDrivers = ['knex', 'pg', 'better-sqlite3'].map((n) =>
  pkg(n, 'No database here: that is repositories/ (through knex.ts)'),
);
const noExpress = pkg('express', 'No Express below http/: use cases receive a Ctx, never req/res');

const layerRules = [
  {
    // The leaf module of record types: every layer may import it, so it imports nothing but types.
    files: ['server/records.ts'],
    rules: layerRule([
      {
        regex: '^\\./(money|finance/[^/]+)$',
        allowTypeImports: true,
        message: 'records.ts may import only types from ./money and ./finance/*',
      },
      {
        regex: '^(?!\\./money$|\\./finance/[^/]+$)',
        message: 'records.ts is the leaf module: it imports only types from ./money and ./finance/*',
      },
    ]),
  },
  {
    // Record → exact-string JSON, shared by the audit trail (domain) and the API (presenters).
    files: ['server/snapshots.ts'],
    rules: layerRule([
      {
        regex: '^(?!\\./(money|financial-year|records)$)',
        message: 'snapshots.ts is pure: money, financial-year and records only',
      },
    ]),
  },
  {
    files: ['server/finance/**/*.ts'],
    rules: layerRule(
      [
        banned(
          ['domain', 'repositories', 'http', 'io', 'validation'],
          'The finance engine is pure: Decimal in, Decimal out, no I/O',
        ),
        { regex: knexModule, message: 'The finance engine is pure: no database' },
      ],
      [...noDbDrivers, noExpress],
    ),
  },
  {
    files: ['server/repositories/**/*.ts'],
    rules: layerRule([
      banned(
        ['domain', 'http', 'io', 'validation'],
        'Repositories map rows to records (../records): they import nothing above them',
      ),
    ]),
  },
  {
    // One exception: the pure rule functions in domain/rules.ts, so a form, the API and an import
    // give the same message for the same bad value (issue 11: one home per rule).
    files: ['server/validation/**/*.ts'],
    rules: layerRule([
      banned(['repositories', 'http', 'io'], 'Schemas parse input: no database, HTTP or files'),
      {
        regex: '^\\.\\.?/(\\.\\./)*domain(/(?!rules$)|$)',
        message: 'Schemas import nothing from the domain but its pure rules (domain/rules.ts)',
      },
    ]),
  },
  {
    // A domain planner calls io, never the reverse.
    files: ['server/io/**/*.ts'],
    rules: layerRule(
      [
        banned(
          ['domain', 'http', 'repositories'],
          'io/ only reads and writes files: the domain calls it, not the reverse',
        ),
      ],
      [noExpress],
    ),
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: layerRule([banned(['http'], 'The domain knows nothing of HTTP: routes call it with a Ctx')], [noExpress]),
  },
  {
    // Schemas import this file, so it stays pure: money, years and record types only.
    files: ['server/domain/rules.ts'],
    rules: layerRule([
      {
        regex: '^(?!\\.\\./(money|financial-year|records|errors)$)',
        message: 'domain/rules.ts is pure (validation imports it): money, financial-year, records and errors only',
      },
    ]),
  },
  {
    // Presenters format what the domain returns: its types, never its functions. TableSpec and
    // friends (io/write-table) are plain data types a presenter may build for io to write.
    files: ['server/http/presenters/**/*.ts'],
    rules: layerRule(
      [
        banned(['domain'], 'Presenters never call the domain: import its types only (import type)', true),
        banned(['io'], 'Presenters build data for io: import its types only (import type)', true),
        banned(['repositories'], 'Presenters format results: no database'),
        { regex: knexModule, message: 'Presenters format results: no database' },
      ],
      [pkg('knex', 'Presenters format results: no database')],
    ),
  },
  {
    files: ['server/http/middleware/**/*.ts'],
    rules: layerRule([
      banned(['repositories'], 'Middleware goes through the domain (e.g. domain/users), never a repository'),
      banned(['web', 'api'], 'Middleware is shared by pages and API: it imports neither'),
      { regex: knexModule, message: 'No SQL in middleware: go through the domain' },
    ]),
  },
  {
    files: ['server/http/web/**/*.ts'],
    rules: layerRule(
      [
        banned(['api'], 'Pages and API share helpers through http/ itself (e.g. http/params.ts), never each other'),
        banned(['repositories'], 'No SQL in routes: call a domain function'),
        { regex: knexModule, message: 'No SQL in routes: call a domain function' },
      ],
      [pkg('knex', 'No SQL in routes: call a domain function')],
    ),
  },
  {
    files: ['server/http/api/**/*.ts'],
    rules: layerRule(
      [
        banned(['web'], 'Pages and API share helpers through http/ itself (e.g. http/params.ts), never each other'),
        banned(['repositories'], 'No SQL in routes: call a domain function'),
        { regex: knexModule, message: 'No SQL in routes: call a domain function' },
      ],
      [pkg('knex', 'No SQL in routes: call a domain function')],
    ),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/vendor/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['server/finance/**/*.ts', 'server/domain/**/*.ts', 'server/money.ts'], rules: noFloatMoney },
  ...layerRules,
  {
    files: ['scripts/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', Chart: 'readonly' } },
  },
);
