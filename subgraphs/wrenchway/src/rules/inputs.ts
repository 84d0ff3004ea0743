import type { InputProblems } from '@talent-graph/platform';
import {
  JOB_SEARCH_DEFAULT_RADIUS_MILES,
  MAX_APPLICATION_NOTE_LENGTH,
  MAX_RADIUS_MILES,
  MAX_YEARS_EXPERIENCE,
  MIN_RADIUS_MILES,
  MIN_YEARS_EXPERIENCE,
  PAY_DEFAULT_RADIUS_MILES,
} from './config.ts';

/**
 * Validation of WrenchWay's inputs. Each function records every bad field in `problems` (so a
 * form can show them all at once) and returns the input with defaults applied. Whether a ZIP
 * is known needs the database: the resolver checks it for a well-formed ZIP and adds the
 * problem before throwing.
 */

export type Discipline = 'AUTOMOTIVE' | 'COLLISION' | 'DIESEL';
export type ShopType = 'DEALER' | 'INDEPENDENT' | 'MSO' | 'FLEET';

export const ZIP_PATTERN = /^\d{5}$/;
export const STATE_CODE_PATTERN = /^[A-Z]{2}$/;

export function checkRadius(radius: number, field: string, problems: InputProblems): void {
  problems.check(Number.isInteger(radius) && radius >= MIN_RADIUS_MILES && radius <= MAX_RADIUS_MILES, field, `must be a whole number of miles from ${MIN_RADIUS_MILES} to ${MAX_RADIUS_MILES}`);
}

export function checkZip(zip: string, field: string, problems: InputProblems): boolean {
  const ok = ZIP_PATTERN.test(zip);
  problems.check(ok, field, 'must be a 5-digit ZIP code');
  return ok;
}

export interface PayQueryInput {
  industry: Discipline;
  shopType?: ShopType | null;
  zip?: string | null;
  radiusMiles?: number | null;
  minYearsExperience?: number | null;
  maxYearsExperience?: number | null;
}

export interface PayCell {
  industry: Discipline;
  shopType: ShopType | null;
  /** null: nationwide. */
  zip: string | null;
  radiusMiles: number;
  minYears: number;
  maxYears: number;
}

/** Validates a Pay Tool query: radius 1–500 (default 50), years 0–60, min ≤ max, 5-digit ZIP. */
export function normalizePayQuery(input: PayQueryInput, problems: InputProblems, prefix = 'query'): PayCell {
  const zip = input.zip ?? null;
  if (zip !== null) checkZip(zip, `${prefix}.zip`, problems);
  const radiusMiles = input.radiusMiles ?? PAY_DEFAULT_RADIUS_MILES;
  checkRadius(radiusMiles, `${prefix}.radiusMiles`, problems);
  if (zip === null && input.radiusMiles != null) problems.add(`${prefix}.radiusMiles`, `needs ${prefix}.zip`);
  const minYears = input.minYearsExperience ?? MIN_YEARS_EXPERIENCE;
  const maxYears = input.maxYearsExperience ?? MAX_YEARS_EXPERIENCE;
  const yearsMessage = `must be a whole number from ${MIN_YEARS_EXPERIENCE} to ${MAX_YEARS_EXPERIENCE}`;
  const minOk = Number.isInteger(minYears) && minYears >= MIN_YEARS_EXPERIENCE && minYears <= MAX_YEARS_EXPERIENCE;
  const maxOk = Number.isInteger(maxYears) && maxYears >= MIN_YEARS_EXPERIENCE && maxYears <= MAX_YEARS_EXPERIENCE;
  problems.check(minOk, `${prefix}.minYearsExperience`, yearsMessage);
  problems.check(maxOk, `${prefix}.maxYearsExperience`, yearsMessage);
  if (minOk && maxOk) problems.check(minYears <= maxYears, `${prefix}.minYearsExperience`, `must not exceed ${prefix}.maxYearsExperience`);
  return { industry: input.industry, shopType: input.shopType ?? null, zip, radiusMiles, minYears, maxYears };
}

export interface JobFilterInput {
  stateCode?: string | null;
  zip?: string | null;
  radiusMiles?: number | null;
  industry?: Discipline | null;
  shopType?: ShopType | null;
  openOnly?: boolean | null;
}

export interface JobSearch {
  stateCode: string | null;
  zip: string | null;
  radiusMiles: number;
  industry: Discipline | null;
  shopType: ShopType | null;
  openOnly: boolean;
}

/** Validates a job search filter: 2-letter state, 5-digit ZIP, radius 1–500 (default 25) only with a ZIP. */
export function normalizeJobFilter(input: JobFilterInput | null | undefined, problems: InputProblems, prefix = 'filter'): JobSearch {
  const f = input ?? {};
  const stateCode = f.stateCode ?? null;
  if (stateCode !== null) problems.check(STATE_CODE_PATTERN.test(stateCode), `${prefix}.stateCode`, 'must be a two-letter USPS code such as OH');
  const zip = f.zip ?? null;
  if (zip !== null) checkZip(zip, `${prefix}.zip`, problems);
  const radiusMiles = f.radiusMiles ?? JOB_SEARCH_DEFAULT_RADIUS_MILES;
  checkRadius(radiusMiles, `${prefix}.radiusMiles`, problems);
  if (zip === null && f.radiusMiles != null) problems.add(`${prefix}.radiusMiles`, `needs ${prefix}.zip`);
  return { stateCode, zip, radiusMiles, industry: f.industry ?? null, shopType: f.shopType ?? null, openOnly: f.openOnly ?? true };
}

export interface ApplyToJobInput {
  jobId: string;
  personId: string;
  note?: string | null;
}

/** Validates applyToJob's input: ids non-empty, note at most 2,000 characters; trims the note. */
export function normalizeApplication(input: ApplyToJobInput, problems: InputProblems): { jobId: string; personId: string; note: string | null } {
  const jobId = input.jobId.trim();
  const personId = input.personId.trim();
  problems.check(jobId.length > 0, 'input.jobId', 'must not be empty');
  problems.check(personId.length > 0, 'input.personId', 'must not be empty');
  const note = input.note == null ? null : input.note.trim();
  if (note !== null) problems.check(Array.from(note).length <= MAX_APPLICATION_NOTE_LENGTH, 'input.note', `must be at most ${MAX_APPLICATION_NOTE_LENGTH} characters`);
  return { jobId, personId, note: note === '' ? null : note };
}

/**
 * Runs one of the kit's validators that throw BAD_USER_INPUT (pageSize, decodeCursor) and adds
 * its field problems to `problems` instead, so they are reported with the others in one error.
 * Returns null when it threw.
 */
export function collectProblems<T>(problems: InputProblems, validate: () => T): T | null {
  try {
    return validate();
  } catch (error) {
    const fields = (error as { extensions?: { fields?: { field: string; message: string }[] } }).extensions?.fields;
    if (!fields) throw error;
    for (const f of fields) problems.add(f.field, f.message);
    return null;
  }
}
