import { readRevisions as readDataRevisions } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';

/** The tables each process keeps in memory (keptTables.ts), checked per request. */
const TABLES = ['accreditation', 'shop_service_area'] as const;

export type Revisions = Readonly<Record<(typeof TABLES)[number], number>>;

/** Their current revisions, in one statement (migration 1796515200000). */
export function readRevisions(db: DataSource): Promise<Revisions> {
  return readDataRevisions(db, TABLES);
}
