import { MIN_CELL_SIZE } from './config.ts';
import { aggregatePay, SUPPRESSED, type PayAggregate } from './payAggregate.ts';

/**
 * Complementary suppression of Pay Tool cells.
 *
 * Primary suppression alone (fewer than MIN_CELL_SIZE people → nothing shown) is not enough:
 * a caller can ask for two cells that are both shown, one inside the other, and subtract. If
 * the sizes differ by 1–9, the difference describes 1–9 individuals. So a cell is published
 * only when:
 *
 *   size ≥ MIN_CELL_SIZE, and for EVERY cell C containing it in the lattice below,
 *   size(C) − size = 0 or size(C) − size ≥ MIN_CELL_SIZE.
 *
 * The containing cells are every combination of one level per dimension, each at the cell's
 * own level or coarser:
 * - geography: the cell's radius rung, every larger rung around the same ZIP3 centroid, then
 *   nationwide (a statewide cell: the state, then nationwide);
 * - shop type: the cell's shop type, then all shop types;
 * - credential tier (pay outlooks): the cell's tier, then all tiers;
 * - years: every range of whole bands that includes the cell's bands.
 * Every containing cell is checked, shown or not, not just the next coarser one: with a
 * one-step check, r10 = r25 (difference 0, so r10 is shown) and r25 hidden because r50 − r25
 * = 5 would still let r50 − r10 = 5 be read off two shown cells.
 *
 * Guarantee: for any two published cells of this lattice, one inside the other, the
 * difference is 0 or at least MIN_CELL_SIZE people. The rule depends only on the data, never
 * on what was asked before, so asking in any order gives the same answers.
 */

/** Where one report sits relative to the requested cell, per dimension (0 = the cell's own level). */
export interface CellPosition {
  /** 0 inside the cell's geography, k when first inside the k-th coarser geography. */
  geoLevel: number;
  /** 0 of the cell's shop type (or any, when the cell has none), 1 of another type. */
  shopLevel: number;
  /** 0 of the cell's tier (or any, when the cell has none), 1 of another tier. */
  tierLevel: number;
  /** Years band of the report. */
  band: number;
}

/** The shape of the lattice around a cell. */
export interface CellLattice {
  /** Geography levels, the cell's own included (nationwide: 1; a state: 2; rung i of 6: 6 − i + 1). */
  geoLevels: number;
  /** 2 when the cell has a shop type (it, then all), else 1. */
  shopLevels: number;
  /** 2 when the cell has a credential tier, else 1. */
  tierLevels: number;
  /** Number of years bands. */
  bandCount: number;
  /** The cell's bands, inclusive. */
  firstBand: number;
  lastBand: number;
}

/** A report as complementary suppression sees it: where it sits and what it earns. */
export interface PositionedReport {
  position: CellPosition;
  hourlyUsd: number;
}

/** Index of a (geo, shop, tier, band) slot in a lattice histogram. */
export function latticeSlot(lattice: CellLattice, geoLevel: number, shopLevel: number, tierLevel: number, band: number): number {
  return ((geoLevel * lattice.shopLevels + shopLevel) * lattice.tierLevels + tierLevel) * lattice.bandCount + band;
}

/** An empty histogram of report counts by (geo, shop, tier, band) slot. */
export function emptyHistogram(lattice: CellLattice): Int32Array {
  return new Int32Array(lattice.geoLevels * lattice.shopLevels * lattice.tierLevels * lattice.bandCount);
}

/** Sizes of the cell itself and of every cell containing it (self excluded), from the reports' positions. */
export function latticeSizes(positions: readonly CellPosition[], lattice: CellLattice): { size: number; containing: number[] } {
  const { geoLevels: G, shopLevels: S, tierLevels: T, bandCount: B } = lattice;
  // Histogram by (geo, shop, tier, band); a containing cell's size is a sum over a corner of it.
  const histogram = emptyHistogram(lattice);
  for (const p of positions) {
    if (p.geoLevel < 0 || p.geoLevel >= G || p.shopLevel >= S || p.tierLevel >= T || p.band < 0 || p.band >= B) continue;
    histogram[latticeSlot(lattice, p.geoLevel, p.shopLevel, p.tierLevel, p.band)]! += 1;
  }
  return histogramSizes(histogram, lattice);
}

/** latticeSizes from an already counted histogram (see latticeSlot). */
export function histogramSizes(histogram: Int32Array, lattice: CellLattice): { size: number; containing: number[] } {
  const { geoLevels: G, shopLevels: S, tierLevels: T, bandCount: B } = lattice;
  const sizeOf = (g: number, s: number, t: number, first: number, last: number) => {
    let n = 0;
    for (let gi = 0; gi <= g; gi++) for (let si = 0; si <= s; si++) for (let ti = 0; ti <= t; ti++) for (let b = first; b <= last; b++) n += histogram[latticeSlot(lattice, gi, si, ti, b)]!;
    return n;
  };
  const size = sizeOf(0, 0, 0, lattice.firstBand, lattice.lastBand);
  const containing: number[] = [];
  for (let g = 0; g < G; g++)
    for (let s = 0; s < S; s++)
      for (let t = 0; t < T; t++)
        for (let first = lattice.firstBand; first >= 0; first--)
          for (let last = lattice.lastBand; last < B; last++) {
            if (g === 0 && s === 0 && t === 0 && first === lattice.firstBand && last === lattice.lastBand) continue;
            containing.push(sizeOf(g, s, t, first, last));
          }
  return { size, containing };
}

/** The publication rule: big enough, and no containing cell 1 to MIN_CELL_SIZE − 1 people larger. */
export function publishable(size: number, containingSizes: readonly number[], minCellSize = MIN_CELL_SIZE): boolean {
  if (size < minCellSize) return false;
  return containingSizes.every((c) => c - size === 0 || c - size >= minCellSize);
}

/** The aggregate of a cell: its figures when publishable, otherwise SUPPRESSED (every figure null). */
export function publishCell(reports: readonly PositionedReport[], lattice: CellLattice, minCellSize = MIN_CELL_SIZE): PayAggregate {
  const { size, containing } = latticeSizes(
    reports.map((r) => r.position),
    lattice,
  );
  const own = reports.filter((r) => r.position.geoLevel === 0 && r.position.shopLevel === 0 && r.position.tierLevel === 0 && r.position.band >= lattice.firstBand && r.position.band <= lattice.lastBand);
  return publishCounted(size, containing, own.map((r) => r.hourlyUsd), minCellSize);
}

/** publishCell from counted sizes and the pay of the cell's own reports (the Pay Tool's one-pass path, payCell.ts). */
export function publishCounted(size: number, containing: readonly number[], ownHourlyUsd: readonly number[], minCellSize = MIN_CELL_SIZE): PayAggregate {
  if (!publishable(size, containing, minCellSize)) return { ...SUPPRESSED };
  return aggregatePay(ownHourlyUsd, minCellSize);
}
