/**
 * The directory's approximate or policy facts, named once. Rules read them from here so a change
 * of policy is one edit.
 */

/** Under this age a person is a minor (DOMAIN: "Under 18"). */
export const ADULT_AGE = 18;

/** Under this age a person may not manage their own account or consents (COPPA: under 13). */
export const COPPA_AGE = 13;

/**
 * Age bands, youngest first: each band covers ages from `minAge` up to the next band's minAge.
 * The first band must start at 0 (ages below 0, a birth date in the future, fall into it too).
 */
export const AGE_BANDS = [
  { band: 'UNDER_13', minAge: 0 },
  { band: 'AGE_13_15', minAge: 13 },
  { band: 'AGE_16_17', minAge: 16 },
  { band: 'AGE_18_24', minAge: 18 },
  { band: 'AGE_25_34', minAge: 25 },
  { band: 'AGE_35_54', minAge: 35 },
  { band: 'AGE_55_PLUS', minAge: 55 },
] as const;

export type AgeBand = (typeof AGE_BANDS)[number]['band'];

/** Purposes a person can grant or withdraw (the ConsentPurpose enum). */
export const CONSENT_PURPOSES = ['EMPLOYER_VISIBILITY', 'RESEARCH', 'MARKETING', 'PUBLIC_PROFILE'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** How many times a consent change is retried when a concurrent change took the same log step. */
export const CONSENT_WRITE_ATTEMPTS = 3;
