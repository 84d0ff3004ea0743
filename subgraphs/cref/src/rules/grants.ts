import { BENCHMARK_GRANT_MAX_USD } from './config.ts';

/** Why a Benchmark grant amount is not allowed. */
export type GrantAmountViolation = 'NOT_INTEGER' | 'NOT_POSITIVE' | 'OVER_CAP';

/**
 * The CHECK-like guard on a Benchmark grant's amount: a whole number of dollars, more than 0 and
 * at most the cap. Returns null when the amount is allowed.
 */
export function grantAmountViolation(amountUsd: number, capUsd: number = BENCHMARK_GRANT_MAX_USD): GrantAmountViolation | null {
  if (!Number.isInteger(amountUsd)) return 'NOT_INTEGER';
  if (amountUsd <= 0) return 'NOT_POSITIVE';
  if (amountUsd > capUsd) return 'OVER_CAP';
  return null;
}

/** Throws when the amount breaks the guard; every writer of benchmark_grant calls it. */
export function assertGrantAmount(amountUsd: number, capUsd: number = BENCHMARK_GRANT_MAX_USD): number {
  const violation = grantAmountViolation(amountUsd, capUsd);
  if (violation) throw new RangeError(`Benchmark grant amount ${amountUsd} is not allowed (${violation}; must be a whole number from 1 to ${capUsd})`);
  return amountUsd;
}
