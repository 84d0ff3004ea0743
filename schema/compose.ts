/**
 * `npm run compose` writes schema/supergraph.graphql from the five subgraph SDL files, offline,
 * with @apollo/composition. `npm run schema:check` (`--check`) fails when composition fails or
 * the committed file differs from what composition produces now.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, DEFAULT_PORTS } from '@talent-graph/platform';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SUPERGRAPH_PATH = `${root}schema/supergraph.graphql`;

export function subgraphSdlPath(name: string): string {
  return `${root}subgraphs/${name}/src/schema.graphql`;
}

/** Composes the subgraphs; routing URLs are the default local ports (the gateway can override them). */
export function composeSupergraph(): { supergraphSdl: string } | { errors: string[] } {
  const services = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://localhost:${DEFAULT_PORTS[name]}/graphql`,
    typeDefs: parse(readFileSync(subgraphSdlPath(name), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) return { errors: result.errors.map((e) => `${(e.extensions?.code as string) ?? 'ERROR'}: ${e.message}`) };
  return { supergraphSdl: result.supergraphSdl };
}

function main(): void {
  const check = process.argv.includes('--check');
  const result = composeSupergraph();
  if ('errors' in result) {
    console.error(`Composition failed with ${result.errors.length} error(s):`);
    for (const e of result.errors) console.error(`  - ${e}`);
    process.exit(1);
  }
  if (check) {
    const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== result.supergraphSdl) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql is up to date and composes cleanly.');
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  console.log(`Wrote schema/supergraph.graphql (${SUBGRAPH_NAMES.length} subgraphs).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
