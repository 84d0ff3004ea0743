import type { DataSource } from 'typeorm';

/**
 * Some answers are pure functions of whole tables — which scholarship cells are withheld depends
 * on every scholarship; a school's totals on its grants, claims and scholarships — and reading
 * those rows on every request was most of the cost of a state dashboard's cref calls
 * (bench/README.md, "Subgraph levers"). So each process keeps such answers in memory with the
 * revisions of the tables they were worked out from, and on each request reads data_revision —
 * one row per table, bumped by triggers on any write to it (migration 1796270400000) — to know
 * whether they are still current. A write by any process, an erasure, the seed or an operator's
 * SQL is seen on the very next request; nothing is ever served stale.
 *
 * The revisions are read BEFORE the rows: a write landing between the two statements leaves a
 * newer answer labelled with the older revision, which the next request works out again. (The
 * other order could label an old answer with the new revision and keep it.)
 */
export type TableName = 'scholarship' | 'benchmark_grant' | 'donation_claim';

export type Revisions = Readonly<Record<TableName, number>>;

export async function readRevisions(db: DataSource): Promise<Revisions> {
  const rows = (await db.query(`SELECT name, revision FROM data_revision`)) as { name: string; revision: number | string }[];
  const of = (table: TableName) => {
    const row = rows.find((r) => r.name === table);
    if (!row) throw new Error(`data_revision has no ${table} row: run the cref migrations`);
    return Number(row.revision);
  };
  return { scholarship: of('scholarship'), benchmark_grant: of('benchmark_grant'), donation_claim: of('donation_claim') };
}
