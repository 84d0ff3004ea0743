/**
 * Percentiles of pay figures.
 *
 * Method: linear interpolation between closest ranks (Hyndman & Fan type 7, the default of R,
 * NumPy and spreadsheet PERCENTILE.INC). For sorted values x[0..n-1] and p in [0, 1]:
 *   h = (n - 1) · p,  result = x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋]).
 * The median of an even count is the mean of the two middle values. Results are rounded to
 * whole cents, half away from zero.
 */
export function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) throw new RangeError('percentile of an empty list');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within [0, 1], got ${p}`);
  const h = (sortedValues.length - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sortedValues.length - 1);
  const value = sortedValues[lower]! + (h - lower) * (sortedValues[upper]! - sortedValues[lower]!);
  return roundCents(value);
}

/** Rounds dollars to cents; the epsilon keeps 2.675 (stored as 2.67499…) from rounding down. */
export function roundCents(usd: number): number {
  const sign = usd < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(usd) * 100 + 1e-7)) / 100;
}
