/**
 * WrenchWay's approximate facts and tunable numbers, in one place (DOMAIN.md marks several of
 * them approximate). Rules and resolvers read these; nothing else hard-codes them.
 */

/** Pay Tool cells of fewer people than this are suppressed: the platform kit's one threshold for every subgraph. */
export { MIN_CELL_SIZE } from '@talent-graph/platform';

/**
 * Pay Tool bins (rules/payBins.ts). Every query is coarsened to these before aggregating, so
 * nearby inputs (radius 49 vs 50, years 0–9 vs 0–10) read the same cell.
 * Radius ladder in miles: a radius is rounded UP to the next rung; the last rung is
 * MAX_RADIUS_MILES, so every valid radius has one.
 */
export const PAY_RADIUS_LADDER_MILES: readonly number[] = [10, 25, 50, 100, 250, 500];
/** Years-of-experience bands (inclusive); a min/max range is widened to whole bands. The last ends at MAX_YEARS_EXPERIENCE. */
export const PAY_YEARS_BANDS: readonly (readonly [number, number])[] = [
  [0, 1],
  [2, 4],
  [5, 9],
  [10, 19],
  [20, 60],
];
/** A Pay Tool ZIP is replaced by the centroid of its ZIP prefix region of this many digits (ZIP3). */
export const PAY_ZIP_PREFIX_LENGTH = 3;

/** Full-time hours in a year: medianAnnual = round(median hourly × this). */
export const HOURS_PER_YEAR = 2080;

/** ZIP + radius searches: allowed radius in miles. */
export const MIN_RADIUS_MILES = 1;
export const MAX_RADIUS_MILES = 500;
/** Default radius of a Pay Tool query and of a pay outlook. */
export const PAY_DEFAULT_RADIUS_MILES = 50;
/** Default radius of a job search with a ZIP (the JobFilter SDL documents 25). */
export const JOB_SEARCH_DEFAULT_RADIUS_MILES = 25;
/** Default radius of Person.jobMatches (the SDL default). */
export const MATCH_DEFAULT_RADIUS_MILES = 50;

/** Years of experience a Pay Tool query may ask for. */
export const MIN_YEARS_EXPERIENCE = 0;
export const MAX_YEARS_EXPERIENCE = 60;

/** Longest note an applicant may send with an application. */
export const MAX_APPLICATION_NOTE_LENGTH = 2000;

/** Most matches Person.jobMatches returns at once. */
export const MAX_MATCHES = 100;

/**
 * Job match score weights (see rules/jobMatch.ts). They sum to 1; when a component does not
 * apply to a job (ProLevel fit for a non-collision job) the others are rescaled to sum to 1.
 */
export const MATCH_WEIGHTS = { aseTests: 0.5, proLevel: 0.2, distance: 0.3 } as const;

/** Lowest I-CAR ProLevel that counts as ProLevel fit for a collision job. */
export const MIN_MATCHING_PROLEVEL = 1;

/** Master Automobile Technician: all of A1–A8 current (DOMAIN.md). */
export const MASTER_AUTOMOBILE_TESTS = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'] as const;
/** Master Collision Repair/Refinish Technician: all of B2–B5 current (DOMAIN.md). */
export const MASTER_COLLISION_TESTS = ['B2', 'B3', 'B4', 'B5'] as const;

/**
 * Professional (non-entry-level) ASE test codes: the A, B, C1, G1, L, T, S and X series. Any
 * other current code (the Entry-Level student tests, whatever ase names them) does not lift a
 * person above the ENTRY tier, because it needs no work experience.
 */
export const PROFESSIONAL_ASE_CODE = /^(A[1-9]|B[2-6]|C1|G1|L[1-3]|T[1-8]|S[1-7]|X1)$/;

/** School Assist: free for schools; shops pay from about $750 a year (DOMAIN.md, approximate). */
export const SCHOOL_ASSIST_MIN_ANNUAL_FEE_USD = 750;
