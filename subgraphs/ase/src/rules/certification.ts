import { addDays, addYears } from '@talent-graph/platform';
import { MAX_TRAINING_CREDIT_MONTHS, RECERTIFICATION_WINDOW_YEARS, REQUIRED_EXPERIENCE_MONTHS } from './config.ts';

/**
 * Certification rules. Dates are ISO strings, so comparing them as strings compares the days.
 *
 * Validity convention (certifications and accreditations alike): a record is in force through
 * the anniversary `validityYears` after it was granted and expires the day after. `expiresOn`
 * is that day, the day it lapses — the meaning the directory's wallet gives every credential's
 * `expiresOn` (EXPIRED from that date on). Earned 2021-09-01: current through 2026-09-01,
 * expiresOn 2026-09-02.
 */

export type ValidityStatus = 'CURRENT' | 'EXPIRED';

/** Whole calendar months from `from` to `to` (0 when `to` is not after `from`). */
export function monthsBetween(from: string, to: string): number {
  if (to <= from) return 0;
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return Math.max(0, months);
}

/**
 * Months of experience ASE credits: all relevant work, plus school training up to
 * MAX_TRAINING_CREDIT_MONTHS (training alone can never make up the whole requirement).
 */
export function experienceMonthsCredited(experience: { workMonths: number; trainingMonths: number }): number {
  const work = Math.max(0, Math.floor(experience.workMonths));
  const training = Math.min(Math.max(0, Math.floor(experience.trainingMonths)), MAX_TRAINING_CREDIT_MONTHS);
  return work + training;
}

/** Professional tests need REQUIRED_EXPERIENCE_MONTHS credited; Entry-Level tests need none. */
export function experienceRequirementMet(test: { entryLevel: boolean }, creditedMonths: number): boolean {
  return test.entryLevel || creditedMonths >= REQUIRED_EXPERIENCE_MONTHS;
}

/** The day a record granted on `startOn` and valid `validityYears` lapses: the day after the anniversary. */
export function lapsesOn(startOn: string, validityYears: number): string {
  return addDays(addYears(startOn, validityYears), 1);
}

/** The day a certification earned on `earnedOn` lapses. */
export function certificationExpiresOn(earnedOn: string, validityYears: number): string {
  return lapsesOn(earnedOn, validityYears);
}

/** In force on `today`: already granted, and not yet lapsed. */
export function isInForce(record: { startOn: string; expiresOn: string }, today: string): boolean {
  return record.startOn <= today && today < record.expiresOn;
}

export function certificationStatus(cert: { earnedOn: string; expiresOn: string }, today: string): ValidityStatus {
  return isInForce({ startOn: cert.earnedOn, expiresOn: cert.expiresOn }, today) ? 'CURRENT' : 'EXPIRED';
}

/** The recertification test opens RECERTIFICATION_WINDOW_YEARS before the certification lapses. */
export function recertificationOpensOn(expiresOn: string): string {
  return addYears(expiresOn, -RECERTIFICATION_WINDOW_YEARS);
}

/** Codes of the tests with a current certification, each once, sorted by code. */
export function currentTestCodes(certs: readonly { testCode: string; earnedOn: string; expiresOn: string }[], today: string): string[] {
  const codes = new Set<string>();
  for (const cert of certs) if (certificationStatus(cert, today) === 'CURRENT') codes.add(cert.testCode);
  return sortCodes(codes);
}

/** Test codes in code-point order (A1 … A9, B2 …, EL-A5 …, T8), the order every list uses. */
export function sortCodes(codes: Iterable<string>): string[] {
  return [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
