/**
 * `npm run seed [-- --scale N] [--reset] [--if-empty]`: deterministic demo data for the whole graph.
 *   --scale N   multiply the world (default 1: 60 schools, 240 shops, ~3,400 people, 1,000+ jobs)
 *   --reset     drop every subgraph's tables, migrate, then seed
 *   --if-empty  seed only when every database is empty (what `npm start` does)
 */
import { Command, InvalidArgumentError } from 'commander';
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { clear, formatCounts, isEmpty, migrateAll, seedAll, withDatabases } from './dataOps.ts';
import { describeTarget, toolTargets } from './config.ts';

const program = new Command('seed')
  .option('--scale <n>', 'multiply the demo world', (v) => {
    const n = Number(v);
    if (!(n > 0 && n <= 1000)) throw new InvalidArgumentError('must be a number > 0 and ≤ 1000');
    return n;
  }, 1)
  .option('--reset', 'drop all tables and migrate before seeding', false)
  .option('--if-empty', 'seed only when every database is empty', false)
  .parse();
const opts = program.opts<{ scale: number; reset: boolean; ifEmpty: boolean }>();

try {
  await withDatabases(toolTargets(), async (dbs) => {
    if (opts.reset) {
      for (const name of SUBGRAPH_NAMES) await clear(dbs[name]);
    }
    await migrateAll(dbs);
    const empty = await Promise.all(SUBGRAPH_NAMES.map((name) => isEmpty(dbs[name])));
    if (empty.every((e) => !e)) {
      if (opts.ifEmpty) return console.log('Demo data already present; reusing it.');
      throw new Error('the databases already hold data: run `npm run seed -- --reset` to replace it');
    }
    if (!empty.every(Boolean)) {
      const partial = SUBGRAPH_NAMES.filter((_, i) => !empty[i]).join(', ');
      throw new Error(`only some databases hold data (${partial}): run \`npm run seed -- --reset\` to start over`);
    }
    const started = Date.now();
    console.log(`Seeding ${describeTarget()} at scale ${opts.scale}…`);
    const summary = await seedAll(dbs, opts.scale);
    console.log(formatCounts(summary));
    console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });
} catch (error) {
  console.error(`seed failed: ${(error as Error).message}`);
  process.exit(1);
}
