import { readRevisions as readDataRevisions } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';

/**
 * Some answers are pure functions of whole tables — which scholarship cells are withheld depends
 * on every scholarship; a school's totals on its grants, claims and scholarships — and reading
 * those rows on every request was most of the cost of a state dashboard's cref calls
 * (bench/README.md, "Subgraph levers"). So each process keeps such answers in memory with the
 * revisions of the tables they were worked out from, read per request from data_revision
 * (internal/platform/src/dataRevisions.ts; migration 1796270400000).
 */
const TABLES = ['scholarship', 'benchmark_grant', 'donation_claim'] as const;

export type TableName = (typeof TABLES)[number];

export type Revisions = Readonly<Record<TableName, number>>;

export function readRevisions(db: DataSource): Promise<Revisions> {
  return readDataRevisions(db, TABLES);
}
