/**
 * `npm run compose` writes schema/supergraph.graphql from the five subgraph SDL files, offline,
 * with @apollo/composition, and schema/persisted-operations.json (the trusted-documents manifest)
 * from schema/operations/*.graphql. `npm run schema:check` (`--check`) fails when composition
 * fails or either committed file differs from what would be generated now.
 */
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, DEFAULT_PORTS, buildManifest, serializeManifest } from '@talent-graph/platform';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SUPERGRAPH_PATH = `${root}schema/supergraph.graphql`;
export const OPERATIONS_DIR = `${root}schema/operations/`;
export const PERSISTED_OPERATIONS_PATH = `${root}schema/persisted-operations.json`;

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

/** The manifest text for every .graphql file in `dir` (schema/operations by default). */
export function persistedOperationsManifest(dir = OPERATIONS_DIR): string {
  const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort().map((f) => [f, readFileSync(`${dir}${f}`, 'utf8')]));
  return serializeManifest(buildManifest(files));
}

function main(): void {
  const check = process.argv.includes('--check');
  const result = composeSupergraph();
  if ('errors' in result) {
    console.error(`Composition failed with ${result.errors.length} error(s):`);
    for (const e of result.errors) console.error(`  - ${e}`);
    process.exit(1);
  }
  const manifest = persistedOperationsManifest();
  const operationCount = (JSON.parse(manifest) as { operations: unknown[] }).operations.length;
  if (check) {
    const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== result.supergraphSdl) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql is up to date and composes cleanly.');
    const committedManifest = existsSync(PERSISTED_OPERATIONS_PATH) ? readFileSync(PERSISTED_OPERATIONS_PATH, 'utf8') : '';
    if (committedManifest !== manifest) {
      console.error('schema/persisted-operations.json is stale: run `npm run compose` and commit the result.');
      process.exit(1);
    }
    console.log(`schema/persisted-operations.json is up to date (${operationCount} operations).`);
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  console.log(`Wrote schema/supergraph.graphql (${SUBGRAPH_NAMES.length} subgraphs).`);
  writeFileSync(PERSISTED_OPERATIONS_PATH, manifest);
  console.log(`Wrote schema/persisted-operations.json (${operationCount} operations).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
