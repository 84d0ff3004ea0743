/** `npm run migrate`: applies pending migrations to every subgraph's database. */
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { migrateAll, withDatabases } from './dataOps.ts';
import { describeTarget, toolTargets } from './config.ts';

console.log(`Migrating ${describeTarget()}`);
try {
  const applied = await withDatabases(toolTargets(), migrateAll);
  for (const name of SUBGRAPH_NAMES) {
    console.log(`  ${name.padEnd(10)} ${applied[name].length ? `applied ${applied[name].join(', ')}` : 'up to date'}`);
  }
} catch (error) {
  console.error(`migrate failed: ${(error as Error).message}`);
  process.exit(1);
}
