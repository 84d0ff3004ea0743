import { readRevisions, selectRows } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import type { PayReportRow } from './rules/payCell.ts';

/**
 * Every Pay Tool cell reads every pay report of its industry (complementary suppression compares
 * a cell with each cell containing it, up to the nationwide one), and a state dashboard or a job
 * search asks for several cells: reading and decoding thousands of rows per request was the
 * largest cost of those operations (bench/README.md, "Subgraph levers"). So each process keeps
 * the reports of an industry in memory with the revision they were read at, checked on each
 * batch against data_revision (internal/platform/src/dataRevisions.ts; migration 1796256000000),
 * read before the reports.
 */
interface Snapshot {
  revision: number;
  rows: PayReportRow[];
}

const snapshots = new WeakMap<DataSource, Map<string, Snapshot>>();

export async function payReportsByIndustry(db: DataSource, industries: readonly string[]): Promise<PayReportRow[][]> {
  const { pay_report: revision } = await readRevisions(db, ['pay_report']);
  let cache = snapshots.get(db);
  if (!cache) snapshots.set(db, (cache = new Map()));
  const stale = [...new Set(industries)].filter((industry) => cache.get(industry)?.revision !== revision);
  if (stale.length) {
    // Plain rows aliased to the property names, without TypeORM's per-row entity hydration.
    const rows = await selectRows<PayReportRow>(
      db,
      `SELECT industry, shop_type AS "shopType", state_code AS "stateCode", lat, lon, years_experience AS "yearsExperience", ` +
        `credential_tier AS "credentialTier", hourly_usd AS "hourlyUsd" FROM pay_report WHERE industry IN (:...industries) ORDER BY id`,
      { industries: stale },
    );
    const byIndustry = new Map<string, PayReportRow[]>(stale.map((industry) => [industry, []]));
    for (const r of rows) {
      // PostgreSQL returns double precision as numbers, but be strict: cells do arithmetic on these.
      byIndustry.get(r.industry)?.push({ ...r, lat: Number(r.lat), lon: Number(r.lon), yearsExperience: Number(r.yearsExperience), hourlyUsd: Number(r.hourlyUsd) });
    }
    for (const [industry, list] of byIndustry) cache.set(industry, { revision, rows: list });
  }
  return industries.map((industry) => cache.get(industry)!.rows);
}
