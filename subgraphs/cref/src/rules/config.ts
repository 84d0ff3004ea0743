/**
 * CREF's facts and policy figures in one place (DOMAIN.md). Rules and the seed read them from
 * here; approximate figures are marked so.
 */

/** The partner name in a partner_admin caller (`caller.partner`). */
export const CREF_PARTNER = 'cref';

/** A Benchmark grant is more than $0 and at most $25,000 (DOMAIN.md). */
export const BENCHMARK_GRANT_MAX_USD = 25_000;

/** Typical Benchmark grant sizes used by the demo data, in US dollars (approximate). */
export const BENCHMARK_GRANT_TYPICAL_USD = { min: 2_500, max: 25_000, step: 500 } as const;

/**
 * Benchmark grant dollars by year at demo scale 1. 2022–2024 are DOMAIN.md's figures
 * (approximate); 2025 is an illustrative estimate in line with them.
 */
export const BENCHMARK_YEARLY_TOTALS_USD: Readonly<Record<number, number>> = {
  2022: 436_000,
  2023: 678_500,
  2024: 536_000,
  2025: 560_000,
};

/** Scholarship sizes, in US dollars (approximate). */
export const SCHOLARSHIP_USD = { min: 1_000, max: 5_000, step: 500 } as const;

/** The largest quantity one claim may ask for; guards against absurd input, not a domain rule. */
export const CLAIM_MAX_QUANTITY = 100_000;

/** Roles that may claim donations for their own school (caller.schoolId). */
export const SCHOOL_CLAIM_ROLES = ['school_admin', 'instructor'] as const;

/** The most years one `crefTotals(years:)` call may ask for. */
export const TOTALS_MAX_YEARS = 50;
