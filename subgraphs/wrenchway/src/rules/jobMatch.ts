import { MATCH_WEIGHTS } from './config.ts';
import { hasProLevel, type ProLevel } from './credentialTier.ts';
import type { Discipline } from './inputs.ts';

/**
 * How well an open job fits a person, from 0 to 1. Three components, each in [0, 1]:
 * - ASE fit = share of the job's required ASE tests the person holds today (1 when it asks for none);
 * - ProLevel fit (collision jobs only) = 1 when the person holds an I-CAR ProLevel ≥ 1 in any role, else 0;
 * - distance fit = 1 − distance / radius (1 at home, 0 at the edge of the radius).
 * score = (0.5 · ASE + 0.2 · ProLevel + 0.3 · distance) for a collision job; for other jobs
 * ProLevel does not apply and score = (0.5 · ASE + 0.3 · distance) / 0.8. The weights live in
 * config.ts. The score is rounded to 3 decimals; jobs beyond the radius are not matched at all.
 */
export interface MatchPerson {
  aseCurrentTestCodes: readonly string[];
  icarProLevels: readonly ProLevel[];
}

export interface MatchJob {
  industry: Discipline;
  requiredAseTests: readonly string[];
}

export interface MatchResult {
  score: number;
  missingAseTests: string[];
}

export function matchScore(person: MatchPerson, job: MatchJob, distanceMiles: number, radiusMiles: number): MatchResult {
  const held = new Set(person.aseCurrentTestCodes);
  const missingAseTests = job.requiredAseTests.filter((code) => !held.has(code));
  const aseFit = job.requiredAseTests.length === 0 ? 1 : (job.requiredAseTests.length - missingAseTests.length) / job.requiredAseTests.length;
  const distanceFit = Math.min(1, Math.max(0, 1 - distanceMiles / radiusMiles));
  let weighted = MATCH_WEIGHTS.aseTests * aseFit + MATCH_WEIGHTS.distance * distanceFit;
  let totalWeight = MATCH_WEIGHTS.aseTests + MATCH_WEIGHTS.distance;
  if (job.industry === 'COLLISION') {
    weighted += MATCH_WEIGHTS.proLevel * (hasProLevel(person.icarProLevels) ? 1 : 0);
    totalWeight += MATCH_WEIGHTS.proLevel;
  }
  return { score: Math.round((weighted / totalWeight) * 1000) / 1000, missingAseTests };
}
