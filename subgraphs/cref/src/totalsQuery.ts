import { selectRows } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import type { Revisions } from './dataRevision.ts';
import type { TotalsKind, TotalsRow } from './rules/totals.ts';

/**
 * One SQL statement that counts and sums grants, donation claims and scholarships per year and
 * per key (school id, state code, or nothing for all of CREF): three GROUP BYs joined with
 * UNION ALL. A claim's year is the year of its date (ISO text, so SUBSTR works on both databases).
 */
export type TotalsDimension = 'school_id' | 'state_code' | null;

const CLAIM_YEAR = 'CAST(SUBSTR(claimed_on, 1, 4) AS INTEGER)';

export async function loadTotalsRows(db: DataSource, dimension: TotalsDimension, keys: readonly string[] | null): Promise<TotalsRow[]> {
  if (keys !== null && keys.length === 0) return [];
  const keyColumn = dimension ?? 'NULL';
  const where = dimension && keys ? `WHERE ${dimension} IN (:...keys)` : '';
  const groupKey = dimension ? `${dimension}, ` : '';
  const sql = [
    `SELECT ${keyColumn} AS total_key, year AS total_year, 'grant' AS kind, COUNT(*) AS n, SUM(amount_usd) AS total FROM benchmark_grant ${where} GROUP BY ${groupKey}year`,
    `SELECT ${keyColumn}, ${CLAIM_YEAR}, 'claim', COUNT(*), SUM(value_usd) FROM donation_claim ${where} GROUP BY ${groupKey}${CLAIM_YEAR}`,
    `SELECT ${keyColumn}, year, 'scholarship', COUNT(*), SUM(amount_usd) FROM scholarship ${where} GROUP BY ${groupKey}year`,
  ].join(' UNION ALL ');
  const raw = await selectRows<{ total_key: string | null; total_year: number | string; kind: TotalsKind; n: number | string; total: number | string | null }>(db, sql, keys ? { keys: [...keys] } : {});
  // PostgreSQL returns COUNT and integer SUM as bigint strings.
  return raw.map((r) => ({ key: r.total_key, year: Number(r.total_year), kind: r.kind, count: Number(r.n), sum: Number(r.total ?? 0) }));
}

/**
 * The totals rows of each key, kept per process for the revisions of the three tables they count
 * (dataRevision.ts): a dashboard asks the same states and schools again and again. Only keys not
 * kept yet are read, with the statement above, so each key's counts and sums are exactly the ones
 * the database gives for it (its rows are never re-added in another order).
 */
interface TotalsSnapshot {
  revision: string;
  byKey: Map<string, TotalsRow[]>;
}

const snapshots = new WeakMap<DataSource, Map<TotalsDimension, TotalsSnapshot>>();

/** Keys kept per dimension at most: ids a caller makes up are kept too (with no rows), so they are bounded. */
const MAX_KEPT_KEYS = 20_000;

export async function totalsRowsByKey(db: DataSource, dimension: Exclude<TotalsDimension, null>, keys: readonly string[], revisions: Revisions): Promise<ReadonlyMap<string, readonly TotalsRow[]>> {
  const revision = `${revisions.benchmark_grant}/${revisions.donation_claim}/${revisions.scholarship}`;
  let byDimension = snapshots.get(db);
  if (!byDimension) snapshots.set(db, (byDimension = new Map()));
  let snapshot = byDimension.get(dimension);
  if (!snapshot || snapshot.revision !== revision || snapshot.byKey.size > MAX_KEPT_KEYS) byDimension.set(dimension, (snapshot = { revision, byKey: new Map() }));
  const missing = [...new Set(keys)].filter((key) => !snapshot.byKey.has(key));
  if (missing.length) {
    const read = new Map<string, TotalsRow[]>(missing.map((key) => [key, []]));
    for (const row of await loadTotalsRows(db, dimension, missing)) read.get(row.key!)?.push(row);
    for (const [key, rows] of read) snapshot.byKey.set(key, rows);
  }
  return snapshot.byKey;
}
