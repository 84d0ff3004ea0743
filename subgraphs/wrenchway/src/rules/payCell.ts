import { MIN_CELL_SIZE, PAY_RADIUS_LADDER_MILES, PAY_YEARS_BANDS } from './config.ts';
import { emptyHistogram, histogramSizes, latticeSlot, publishCounted, type CellLattice } from './complementarySuppression.ts';
import { distanceMiles, EARTH_RADIUS_MILES, type Point } from './distance.ts';
import type { Discipline, ShopType } from './inputs.ts';
import type { PayAggregate } from './payAggregate.ts';
import { radiusLevel, yearsBand, type YearsBins } from './payBins.ts';

/**
 * One binned Pay Tool cell and how it is read: the one path behind Query.technicianPay,
 * Person.payOutlook and State.pay. The caller coarsens the query to bins first (payBins.ts);
 * this places every report of the industry in the lattice around the cell and applies
 * primary and complementary suppression (complementarySuppression.ts).
 */

export type PayGeography =
  | { kind: 'nation' }
  | { kind: 'state'; stateCode: string }
  /** A rung of the radius ladder around the centroid of a ZIP prefix region. */
  | { kind: 'radius'; zipPrefix: string; centre: Point; rungIndex: number };

export interface BinnedPayCell {
  industry: Discipline;
  shopType: ShopType | null;
  /** ENTRY, CERTIFIED or MASTER; null: every tier. */
  credentialTier: string | null;
  geography: PayGeography;
  years: YearsBins;
}

/** The fields of a report a cell needs. */
export interface PayReportRow {
  industry: string;
  shopType: string;
  stateCode: string;
  lat: number;
  lon: number;
  yearsExperience: number;
  credentialTier: string;
  hourlyUsd: number;
}

/** A PayAggregate plus the bins actually aggregated. */
export interface BinnedPayAggregate extends PayAggregate {
  radiusMilesUsed: number | null;
  zipPrefixUsed: string | null;
  yearsRangeUsed: { min: number; max: number };
}

function geoLevels(geography: PayGeography, ladder: readonly number[]): number {
  if (geography.kind === 'nation') return 1;
  if (geography.kind === 'state') return 2;
  return ladder.length - geography.rungIndex + 1;
}

/** Miles per degree of latitude: a great-circle distance is never shorter than this times |Δlat|. */
const MILES_PER_DEGREE_LAT = (EARTH_RADIUS_MILES * Math.PI) / 180;

function geoLevelOf(row: PayReportRow, geography: PayGeography, ladder: readonly number[]): number {
  if (geography.kind === 'nation') return 0;
  if (geography.kind === 'state') return row.stateCode === geography.stateCode ? 0 : 1;
  // Most reports of a nationwide industry are far beyond the largest rung: the latitude gap alone
  // proves it, without the trigonometry of the exact distance.
  if (Math.abs(row.lat - geography.centre.lat) * MILES_PER_DEGREE_LAT > ladder[ladder.length - 1]!) return ladder.length - geography.rungIndex;
  return radiusLevel(distanceMiles(geography.centre, row), geography.rungIndex, ladder);
}

/**
 * Aggregates a binned cell from `rows`, which must hold every report of the cell's industry
 * nationwide (the top of the lattice); rows of other industries are ignored. One pass: each
 * report is counted straight into the lattice histogram (complementarySuppression.ts), and the
 * pay of the cell's own reports is kept for its figures.
 */
export function readPayCell(
  rows: readonly PayReportRow[],
  cell: BinnedPayCell,
  options: { minCellSize?: number; ladder?: readonly number[]; bands?: readonly (readonly [number, number])[] } = {},
): BinnedPayAggregate {
  const ladder = options.ladder ?? PAY_RADIUS_LADDER_MILES;
  const bands = options.bands ?? PAY_YEARS_BANDS;
  const lattice: CellLattice = {
    geoLevels: geoLevels(cell.geography, ladder),
    shopLevels: cell.shopType === null ? 1 : 2,
    tierLevels: cell.credentialTier === null ? 1 : 2,
    bandCount: bands.length,
    firstBand: cell.years.firstBand,
    lastBand: cell.years.lastBand,
  };
  const histogram = emptyHistogram(lattice);
  const own: number[] = [];
  const lowest = bands[0]![0];
  const highest = bands[bands.length - 1]![1];
  for (const row of rows) {
    if (row.industry !== cell.industry) continue;
    const geoLevel = geoLevelOf(row, cell.geography, ladder);
    const shopLevel = cell.shopType === null || row.shopType === cell.shopType ? 0 : 1;
    const tierLevel = cell.credentialTier === null || row.credentialTier === cell.credentialTier ? 0 : 1;
    // A report outside the bands (none today) counts in the nearest one, "20+" really meaning 20 or more.
    const band = yearsBand(Math.min(Math.max(row.yearsExperience, lowest), highest), bands);
    if (geoLevel < 0 || geoLevel >= lattice.geoLevels) continue;
    histogram[latticeSlot(lattice, geoLevel, shopLevel, tierLevel, band)]! += 1;
    if (geoLevel === 0 && shopLevel === 0 && tierLevel === 0 && band >= lattice.firstBand && band <= lattice.lastBand) own.push(row.hourlyUsd);
  }
  const { size, containing } = histogramSizes(histogram, lattice);
  return {
    ...publishCounted(size, containing, own, options.minCellSize ?? MIN_CELL_SIZE),
    radiusMilesUsed: cell.geography.kind === 'radius' ? ladder[cell.geography.rungIndex]! : null,
    zipPrefixUsed: cell.geography.kind === 'radius' ? cell.geography.zipPrefix : null,
    yearsRangeUsed: { min: cell.years.min, max: cell.years.max },
  };
}
