/**
 * CREF totals (grants, donation claims, scholarships) for a school, a state or everywhere. The
 * database returns one row per (key, year, kind) with a count and a sum; these functions fold
 * them into the `CrefTotals` a client sees.
 */
export type TotalsKind = 'grant' | 'claim' | 'scholarship';

export interface TotalsRow {
  /** School id or state code; null for the whole of CREF. */
  key: string | null;
  year: number;
  kind: TotalsKind;
  count: number;
  sum: number;
}

export interface CrefTotals {
  year: number | null;
  grantCount: number;
  grantsUsd: number;
  donationClaimCount: number;
  donationValueUsd: number;
  scholarshipCount: number;
  scholarshipsUsd: number;
}

export function emptyTotals(year: number | null): CrefTotals {
  return { year, grantCount: 0, grantsUsd: 0, donationClaimCount: 0, donationValueUsd: 0, scholarshipCount: 0, scholarshipsUsd: 0 };
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** Totals of `rows` (all for one key) for one year, or for all years when `year` is null. */
export function sumTotals(rows: readonly TotalsRow[], year: number | null): CrefTotals {
  const totals = emptyTotals(year);
  for (const row of rows) {
    if (year !== null && row.year !== year) continue;
    if (row.kind === 'grant') {
      totals.grantCount += row.count;
      totals.grantsUsd += row.sum;
    } else if (row.kind === 'claim') {
      totals.donationClaimCount += row.count;
      totals.donationValueUsd += row.sum;
    } else {
      totals.scholarshipCount += row.count;
      totals.scholarshipsUsd += row.sum;
    }
  }
  // Dollar values of donations are doubles: round the sum so both databases print the same.
  totals.donationValueUsd = cents(totals.donationValueUsd);
  return totals;
}

/** Every year that has at least one grant, claim or scholarship, ascending. */
export function yearsPresent(rows: readonly TotalsRow[]): number[] {
  return [...new Set(rows.filter((r) => r.count > 0).map((r) => r.year))].sort((a, b) => a - b);
}
