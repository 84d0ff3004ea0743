import { MASTER_AUTOMOBILE_TESTS, MASTER_COLLISION_TESTS, MIN_MATCHING_PROLEVEL, PROFESSIONAL_ASE_CODE } from './config.ts';
import type { Discipline } from './inputs.ts';

/**
 * Credential tiers the Pay Tool groups reports by, from the ASE codes a person holds today:
 * - MASTER: every test of a Master designation is current (A1–A8, or B2–B5);
 * - CERTIFIED: at least one current professional (non-entry-level) ASE certification;
 * - ENTRY: anything else (none, or Entry-Level student certifications only).
 */
export const CREDENTIAL_TIERS = ['ENTRY', 'CERTIFIED', 'MASTER'] as const;
export type CredentialTier = (typeof CREDENTIAL_TIERS)[number];

export function credentialTier(currentAseCodes: readonly string[]): CredentialTier {
  const held = new Set(currentAseCodes);
  const isMaster = MASTER_AUTOMOBILE_TESTS.every((c) => held.has(c)) || MASTER_COLLISION_TESTS.every((c) => held.has(c));
  if (isMaster) return 'MASTER';
  if (currentAseCodes.some((c) => PROFESSIONAL_ASE_CODE.test(c))) return 'CERTIFIED';
  return 'ENTRY';
}

/** One tier up; null at MASTER. */
export function nextTier(tier: CredentialTier): CredentialTier | null {
  const index = CREDENTIAL_TIERS.indexOf(tier);
  return CREDENTIAL_TIERS[index + 1] ?? null;
}

export interface ProLevel {
  role: string;
  level: number;
}

/** True when the person holds an I-CAR ProLevel of at least 1 in any role. */
export function hasProLevel(proLevels: readonly ProLevel[]): boolean {
  return proLevels.some((p) => p.level >= MIN_MATCHING_PROLEVEL);
}

/** Line of work a pay outlook assumes: collision with any ProLevel ≥ 1, otherwise automotive. */
export function outlookIndustry(proLevels: readonly ProLevel[]): Discipline {
  return hasProLevel(proLevels) ? 'COLLISION' : 'AUTOMOTIVE';
}
