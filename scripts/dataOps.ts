import type { DataSource } from 'typeorm';
import { migrate, SUBGRAPH_NAMES, type CredentialIssued, type DatabaseTarget, type SubgraphName } from '@talent-graph/platform';
import { buildWorld } from '@talent-graph/platform/demo';
import { SUBGRAPH_MODULES } from './subgraphModules.ts';

/**
 * Migrate and seed every subgraph's database: shared by `npm run migrate`, `npm run seed`,
 * `npm start`, the tests and the benchmark, so they all build the data the same way.
 */
export type Targets = (name: SubgraphName) => DatabaseTarget;

export async function withDatabases<T>(targets: Targets, fn: (dbs: Record<SubgraphName, DataSource>) => Promise<T>): Promise<T> {
  const dbs = {} as Record<SubgraphName, DataSource>;
  try {
    for (const name of SUBGRAPH_NAMES) {
      dbs[name] = SUBGRAPH_MODULES[name].openDatabase(targets(name));
      await dbs[name].initialize();
    }
    return await fn(dbs);
  } finally {
    for (const db of Object.values(dbs)) if (db.isInitialized) await db.destroy();
  }
}

export async function migrateAll(dbs: Record<SubgraphName, DataSource>): Promise<Record<SubgraphName, string[]>> {
  const applied = {} as Record<SubgraphName, string[]>;
  for (const name of SUBGRAPH_NAMES) applied[name] = await migrate(dbs[name]);
  return applied;
}

/** True when none of the subgraph's tables has a row. */
export async function isEmpty(db: DataSource): Promise<boolean> {
  for (const meta of db.entityMetadatas) {
    const rows = await db.query(`SELECT 1 FROM ${db.driver.escape(meta.tableName)} LIMIT 1`);
    if (rows.length > 0) return false;
  }
  return true;
}

/** Drops every table of the subgraph (its own file or schema only) so it can be migrated afresh. */
export async function clear(db: DataSource): Promise<void> {
  const runner = db.createQueryRunner();
  try {
    await runner.clearDatabase();
  } finally {
    await runner.release();
  }
}

export interface SeedSummary {
  scale: number;
  counts: Record<SubgraphName, Record<string, number>>;
}

/**
 * Seeds the whole graph from one world: the issuers first (ase, icar), whose CredentialIssued
 * events then fill the directory's wallet; cref and wrenchway on their own.
 */
export async function seedAll(dbs: Record<SubgraphName, DataSource>, scale: number): Promise<SeedSummary> {
  const world = buildWorld(scale);
  const counts = {} as Record<SubgraphName, Record<string, number>>;
  const events: CredentialIssued[] = [];
  for (const name of ['ase', 'icar', 'cref', 'wrenchway'] as const) {
    const result = await SUBGRAPH_MODULES[name].seed(dbs[name], world);
    counts[name] = result.counts;
    events.push(...(result.credentialEvents ?? []));
  }
  counts.directory = (await SUBGRAPH_MODULES.directory.seed(dbs.directory, world, events)).counts;
  return { scale, counts };
}

export function formatCounts(summary: SeedSummary): string {
  return SUBGRAPH_NAMES.map((name) => `  ${name.padEnd(10)} ${Object.entries(summary.counts[name] ?? {}).map(([table, n]) => `${table} ${n}`).join(', ')}`).join('\n');
}
