// ESLint flat config: a short rule set, each rule with the reason it is on.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', '**/dist/**', 'data/**', 'gateway/src/explorer/assets/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', require: 'readonly', module: 'readonly' } },
    rules: {
      // Unused code hides bugs and confuses readers; a leading underscore marks a deliberate ignore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // A floating promise loses its error: await it, or mark it `void` on purpose.
      'no-void': 'off',
      // `any` switches off the checker; GraphQL resolver maps are the one accepted place (typed via context).
      '@typescript-eslint/no-explicit-any': 'warn',
      // console is for command output only; services log through the platform logger.
      'no-console': ['error', { allow: ['log', 'error', 'warn'] }],
      // == hides type coercion bugs.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // TypeORM entities need definite assignment (!) on columns the ORM fills in.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // CommonJS is needed for mocha's reporter; everything else is ESM.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
