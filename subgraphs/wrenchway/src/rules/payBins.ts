import { PAY_RADIUS_LADDER_MILES, PAY_YEARS_BANDS, PAY_ZIP_PREFIX_LENGTH } from './config.ts';
import type { Point } from './distance.ts';

/**
 * Fixed bins of the Technician Pay Tool. A query is coarsened to them before anything is
 * counted, so two nearby inputs (radius 49 and 50, years 0–9 and 0–10, ZIPs 43215 and 43220)
 * read the very same cell and get the very same answer; subtracting them isolates nobody.
 *
 * Geography: a ZIP is replaced by the centroid of its 3-digit ZIP prefix region (the mean of
 * the ZIP centres we know in it), not kept as a 5-digit centre. Reason: with 5-digit centres,
 * two circles of one radius around neighbouring ZIPs differ only by thin crescents that can
 * hold 1–9 people, and there are ~40,000 such centres to pair up; ZIP3 regions give ~900
 * centres, typically tens of miles apart, and every ZIP of a region answers alike.
 */

/** The rung a radius is read at: the smallest rung ≥ the radius (rounded UP, never narrower than asked). */
export function snapRadius(radiusMiles: number, ladder: readonly number[] = PAY_RADIUS_LADDER_MILES): number {
  const rung = ladder.find((r) => r >= radiusMiles);
  if (rung === undefined) throw new RangeError(`radius ${radiusMiles} is above the last rung ${ladder[ladder.length - 1]}`);
  return rung;
}

/** Index of the band holding `years`. */
export function yearsBand(years: number, bands: readonly (readonly [number, number])[] = PAY_YEARS_BANDS): number {
  const index = bands.findIndex(([lo, hi]) => years >= lo && years <= hi);
  if (index < 0) throw new RangeError(`years ${years} is in no band`);
  return index;
}

/** A range of whole bands: bands firstBand..lastBand, i.e. years min..max. */
export interface YearsBins {
  firstBand: number;
  lastBand: number;
  min: number;
  max: number;
}

/** Widens min..max years outward to whole bands (0–9 stays 0–9; 0–10 becomes 0–19; 3–3 becomes 2–4). */
export function widenYears(minYears: number, maxYears: number, bands: readonly (readonly [number, number])[] = PAY_YEARS_BANDS): YearsBins {
  const firstBand = yearsBand(minYears, bands);
  const lastBand = yearsBand(maxYears, bands);
  return { firstBand, lastBand, min: bands[firstBand]![0], max: bands[lastBand]![1] };
}

/** Every band: the years range of a cell with no years filter. */
export function allYears(bands: readonly (readonly [number, number])[] = PAY_YEARS_BANDS): YearsBins {
  return { firstBand: 0, lastBand: bands.length - 1, min: bands[0]![0], max: bands[bands.length - 1]![1] };
}

/** The ZIP prefix region of a ZIP ("43215" → "432"). */
export function zipPrefix(zip: string, length = PAY_ZIP_PREFIX_LENGTH): string {
  return zip.slice(0, length);
}

/**
 * Centroid of a region: the mean latitude and longitude of its ZIP centres, summed in ZIP order
 * so the result is the same bit for bit whatever order the database returned them in. (A plain
 * mean is fine at this scale; no region straddles the antimeridian.) Null for no ZIPs.
 */
export function regionCentroid(zips: readonly (Point & { zip: string })[]): Point | null {
  if (zips.length === 0) return null;
  const sorted = [...zips].sort((a, b) => (a.zip < b.zip ? -1 : a.zip > b.zip ? 1 : 0));
  let lat = 0;
  let lon = 0;
  for (const z of sorted) {
    lat += z.lat;
    lon += z.lon;
  }
  return { lat: lat / sorted.length, lon: lon / sorted.length };
}

/**
 * Geography level of a report relative to a radius cell of rung `rungIndex`, for complementary
 * suppression: 0 when within the cell's own rung, k when first within the k-th coarser rung,
 * and (rungs above) + 1 when only the nationwide cell holds it.
 */
export function radiusLevel(distanceMiles: number, rungIndex: number, ladder: readonly number[] = PAY_RADIUS_LADDER_MILES): number {
  for (let i = rungIndex; i < ladder.length; i++) if (distanceMiles <= ladder[i]!) return i - rungIndex;
  return ladder.length - rungIndex;
}
