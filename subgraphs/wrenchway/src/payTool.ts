import { InputProblems } from '@talent-graph/platform';
import type { Loaders } from './loaders.ts';
import { PAY_RADIUS_LADDER_MILES } from './rules/config.ts';
import { normalizePayQuery, ZIP_PATTERN, type Discipline, type PayQueryInput, type ShopType } from './rules/inputs.ts';
import { allYears, snapRadius, widenYears, zipPrefix, type YearsBins } from './rules/payBins.ts';
import { readPayCell, type BinnedPayAggregate, type PayGeography, type PayReportRow } from './rules/payCell.ts';
import { SUPPRESSED } from './rules/payAggregate.ts';

/**
 * The Technician Pay Tool's one read path, shared by Query.technicianPay, Person.payOutlook and
 * State.pay: coarsen the query to fixed bins (rules/payBins.ts), then read the cell with
 * primary and complementary suppression (rules/complementarySuppression.ts) from every report
 * of the industry. Statements per request are constant: one for the ZIP regions asked, one for
 * the industries asked, whatever the number of cells.
 */

/** What a cell is before binning the geography (which needs the ZIP region from the database). */
export interface PayCellQuery {
  industry: Discipline;
  shopType: ShopType | null;
  credentialTier: string | null;
  /** A 5-digit ZIP (read at its ZIP3 region), a state, or nationwide. */
  where: { zip: string; radiusMiles: number } | { stateCode: string } | null;
  years: YearsBins;
}

/** Reads one binned cell. An unknown ZIP (region) reads as a suppressed cell with the bins it would have used. */
export async function readCell(loaders: Loaders, query: PayCellQuery): Promise<BinnedPayAggregate> {
  let geography: PayGeography = { kind: 'nation' };
  if (query.where && 'zip' in query.where) {
    const prefix = zipPrefix(query.where.zip);
    const rungIndex = PAY_RADIUS_LADDER_MILES.indexOf(snapRadius(query.where.radiusMiles));
    const region = await loaders.zipRegion.load(prefix);
    if (!region || !region.zips.has(query.where.zip)) {
      return { ...SUPPRESSED, radiusMilesUsed: PAY_RADIUS_LADDER_MILES[rungIndex]!, zipPrefixUsed: prefix, yearsRangeUsed: { min: query.years.min, max: query.years.max } };
    }
    geography = { kind: 'radius', zipPrefix: prefix, centre: region.centre, rungIndex };
  } else if (query.where) {
    geography = { kind: 'state', stateCode: query.where.stateCode };
  }
  const rows = await loaders.payReportsByIndustry.load(query.industry);
  const cell = { industry: query.industry, shopType: query.shopType, credentialTier: query.credentialTier, geography, years: query.years };
  // A cell is a pure function of its bins and the reports, and the bins are coarse by design
  // (payBins.ts), so the same cells come up again and again: each is computed once per snapshot
  // of the reports. A new snapshot (any write to pay_report, payReports.ts) is a new array, so
  // its cells start afresh; the bound only caps memory.
  let cells = cellsBySnapshot.get(rows);
  if (!cells) cellsBySnapshot.set(rows, (cells = new Map()));
  const key = JSON.stringify(cell);
  let aggregate = cells.get(key);
  if (!aggregate) {
    aggregate = readPayCell(rows, cell);
    if (cells.size >= MAX_CELLS_PER_SNAPSHOT) cells.clear();
    cells.set(key, aggregate);
  }
  return { ...aggregate, yearsRangeUsed: { ...aggregate.yearsRangeUsed } };
}

/** Cells kept per snapshot of an industry's reports before the memo starts over. */
const MAX_CELLS_PER_SNAPSHOT = 20_000;
const cellsBySnapshot = new WeakMap<readonly PayReportRow[], Map<string, BinnedPayAggregate>>();

/** Query.technicianPay: validates the query, then reads its binned cell. */
export async function technicianPay(loaders: Loaders, input: PayQueryInput): Promise<BinnedPayAggregate> {
  const problems = new InputProblems();
  const cell = normalizePayQuery(input, problems);
  if (cell.zip !== null && ZIP_PATTERN.test(cell.zip)) {
    const region = await loaders.zipRegion.load(zipPrefix(cell.zip));
    if (!region || !region.zips.has(cell.zip)) problems.add('query.zip', 'is not a known ZIP code');
  }
  problems.throwIfAny();
  return readCell(loaders, {
    industry: cell.industry,
    shopType: cell.shopType,
    credentialTier: null,
    where: cell.zip === null ? null : { zip: cell.zip, radiusMiles: cell.radiusMiles },
    years: widenYears(cell.minYears, cell.maxYears),
  });
}

/** State.pay: the statewide cell, every years band. */
export function statePay(loaders: Loaders, stateCode: string, industry: Discipline, shopType: ShopType | null): Promise<BinnedPayAggregate> {
  return readCell(loaders, { industry, shopType, credentialTier: null, where: { stateCode }, years: allYears() });
}
