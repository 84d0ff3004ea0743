import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from './postgres.ts';
import type { DatabaseTarget } from '../database.ts';

/**
 * Which databases the suite runs on: both by default. TEST_DATABASES=sqlite or =postgres narrows
 * it for a quick local run; CI runs both. The PostgreSQL server is started once for the whole
 * run by the mocha global fixture (mochaHooks.ts), which sets TEST_PG_BASE_URL.
 */
export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKinds(): DatabaseKind[] {
  const raw = process.env.TEST_DATABASES ?? 'sqlite,postgres';
  const kinds = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) if (k !== 'sqlite' && k !== 'postgres') throw new Error(`TEST_DATABASES: unknown database "${k}"`);
  return kinds as DatabaseKind[];
}

let counter = 0;

/**
 * A fresh, empty database for one test suite: a temp directory for SQLite, a new database on the
 * shared server for PostgreSQL. Several subgraphs may share one (each has its own file/schema).
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<{ url: string; target(subgraph: string): DatabaseTarget }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tg-sqlite-'));
    return { url: `sqlite:${dir}`, target: (subgraph) => ({ kind: 'sqlite', file: join(dir, `${subgraph}.sqlite`) }) };
  }
  const base = process.env.TEST_PG_BASE_URL;
  if (!base) throw new Error('PostgreSQL tests need the mocha global fixture (TEST_PG_BASE_URL unset): run them through `npm test`');
  counter += 1;
  const url = await createDatabase(base, `tg_${process.pid}_${counter}`);
  return { url, target: (subgraph) => ({ kind: 'postgres', url, schema: subgraph }) };
}
