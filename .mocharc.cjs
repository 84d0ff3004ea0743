// Mocha configuration. `npm test` runs every tier; `npx mocha subgraphs/ase/test` runs just the
// files named (mocha would otherwise add them to the default spec instead of replacing it).
'use strict';
const named = process.argv.slice(2).some((a) => !a.startsWith('-') && (a.includes('/test') || a.endsWith('.test.ts')));

module.exports = {
  spec: named
    ? []
    : ['internal/platform/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'schema/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'test/**/*.test.ts'],
  extension: ['ts'],
  recursive: named,
  'node-option': ['import=tsx'],
  require: ['internal/platform/src/testing/mochaHooks.ts'],
  reporter: 'internal/platform/src/testing/summaryReporter.cjs',
  timeout: 120000,
  'fail-zero': true,
  'forbid-only': true,
  exit: true,
};
