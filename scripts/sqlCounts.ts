/**
 * `npm run sql-counts [-- --scale N] [--postgres]`: SQL statements per subgraph for each canonical
 * query, through the whole graph (the cross-subgraph test stack: five subgraphs and the gateway
 * on free ports over a freshly seeded database). Writes nothing; prints a Markdown table.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { startPostgres } from '@talent-graph/platform/testing';
import { operationCaller, startStack } from '../test/support/stack.ts';

const opts = new Command('sql-counts')
  .option('--scale <n>', 'demo world scale', (v) => {
    const n = Number(v);
    if (!(n > 0 && n <= 100)) throw new InvalidArgumentError('must be a number > 0 and ≤ 100');
    return n;
  }, 1)
  .option('--postgres', 'use a throw-away PostgreSQL instead of SQLite', false)
  .parse()
  .opts<{ scale: number; postgres: boolean }>();

const pg = opts.postgres ? await startPostgres() : undefined;
if (pg) process.env.TEST_PG_BASE_URL = pg.baseUrl;
// Progressive override off: collisionCareersJobs is counted on its icar route.
const stack = await startStack(opts.postgres ? 'postgres' : 'sqlite', { scale: opts.scale, overrideLabels: { 'percent(25)': false } });
try {
  console.log(`SQL statements per canonical query, scale ${opts.scale}, ${opts.postgres ? 'PostgreSQL' : 'SQLite'}\n`);
  console.log(`| operation | ${SUBGRAPH_NAMES.join(' | ')} |`);
  console.log(`|---|${SUBGRAPH_NAMES.map(() => '---:').join('|')}|`);
  for (const file of readdirSync('schema/operations').filter((f) => f.endsWith('.graphql')).sort()) {
    const query = readFileSync(`schema/operations/${file}`, 'utf8');
    if (!/^\s*query\b/m.test(query.replace(/#.*$/gm, ''))) continue;
    const vars = `schema/operations/${file.replace(/\.graphql$/, '.variables.json')}`;
    const variables = existsSync(vars) ? JSON.parse(readFileSync(vars, 'utf8')) : {};
    await stack.query(query, variables, operationCaller(query)); // warm: catalogues load once
    const counts = await stack.countStatements(() => stack.query(query, variables, operationCaller(query)));
    console.log(`| ${file.replace(/\.graphql$/, '')} | ${SUBGRAPH_NAMES.map((n) => counts[n]).join(' | ')} |`);
  }
} finally {
  await stack.stop();
  pg?.stop();
}
