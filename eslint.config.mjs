import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Money must never pass through floating point (CONVENTIONS C1): these constructs are banned
// where money is computed.
const noFloatMoney = {
  'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money never goes through floats (C1): use money.ts' }],
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.name='Number']", message: 'No Number() on money (C1): use money.ts' },
    { selector: "CallExpression[callee.property.name='toNumber']", message: 'No .toNumber() in money code (C1)' },
    { selector: "MemberExpression[object.name='Math'][property.name='round']", message: 'No Math.round on money (C1)' },
    { selector: "CallExpression[callee.property.name='parseFloat']", message: 'Money never goes through floats (C1)' },
  ],
};

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
  { files: ['scripts/**/*.mjs', '*.js', '*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } } },
  { files: ['public/js/**/*.js'], languageOptions: { globals: { window: 'readonly', document: 'readonly', Chart: 'readonly' } } },
);
