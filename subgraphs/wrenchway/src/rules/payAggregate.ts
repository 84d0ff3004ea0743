import { HOURS_PER_YEAR, MIN_CELL_SIZE } from './config.ts';
import { percentile } from './percentiles.ts';

/** One cell of the Technician Pay Tool, as the PayAggregate type shows it. */
export interface PayAggregate {
  sampleSize: number | null;
  suppressed: boolean;
  p25HourlyUsd: number | null;
  medianHourlyUsd: number | null;
  p75HourlyUsd: number | null;
  medianAnnualUsd: number | null;
}

/** What a suppressed cell shows: nothing but the fact that it is suppressed. */
export const SUPPRESSED: Readonly<PayAggregate> = Object.freeze({
  sampleSize: null,
  suppressed: true,
  p25HourlyUsd: null,
  medianHourlyUsd: null,
  p75HourlyUsd: null,
  medianAnnualUsd: null,
});

/**
 * Aggregates the hourly pay of the people in one cell (one report per person). A cell of
 * fewer than MIN_CELL_SIZE people is suppressed: every figure and even the sample size are
 * withheld, so a small cell cannot be narrowed down to a person.
 */
export function aggregatePay(hourlyUsd: readonly number[], minCellSize = MIN_CELL_SIZE): PayAggregate {
  if (hourlyUsd.length < minCellSize) return { ...SUPPRESSED };
  const sorted = [...hourlyUsd].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  return {
    sampleSize: sorted.length,
    suppressed: false,
    p25HourlyUsd: percentile(sorted, 0.25),
    medianHourlyUsd: median,
    p75HourlyUsd: percentile(sorted, 0.75),
    medianAnnualUsd: Math.round(median * HOURS_PER_YEAR),
  };
}
