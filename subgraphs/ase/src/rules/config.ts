/**
 * ASE's published facts, as named constants (DOMAIN.md). The figures marked approximate there
 * are configured here only; every rule reads them from this module.
 */

/** A professional certification stays valid this many years from the day it was earned. */
export const CERTIFICATION_VALIDITY_YEARS = 5;

/** An Entry-Level (student) certification stays valid this many years. */
export const ENTRY_LEVEL_VALIDITY_YEARS = 2;

/** Relevant work experience a professional certification needs (2 years). */
export const REQUIRED_EXPERIENCE_MONTHS = 24;

/**
 * School training counts toward the experience requirement, but only up to this many months
 * (approximate: ASE substitutes training for part of the 2 years, here at most one year).
 */
export const MAX_TRAINING_CREDIT_MONTHS = 12;

/**
 * The recertification test may be taken from this many years before a certification expires
 * (our choice: ASE opens the window during the final year of validity).
 */
export const RECERTIFICATION_WINDOW_YEARS = 1;

/** An ASE Education Foundation program accreditation lasts this many years. */
export const ACCREDITATION_VALIDITY_YEARS = 5;

/** Blue Seal of Excellence: the share of technicians that must hold a current certification. */
export const BLUE_SEAL_MIN_CERTIFIED_SHARE = 0.75;

/** The Master designations and the tests each needs, all current. */
export const MASTER_PROGRAMS = {
  MASTER_AUTOMOBILE_TECHNICIAN: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'],
  MASTER_COLLISION_REPAIR_REFINISH: ['B2', 'B3', 'B4', 'B5'],
} as const satisfies Record<string, readonly string[]>;

export type MasterProgram = keyof typeof MASTER_PROGRAMS;
