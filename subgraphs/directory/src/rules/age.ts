import { ageOn } from '@talent-graph/platform';
import { ADULT_AGE, AGE_BANDS, COPPA_AGE, type AgeBand } from './config.ts';

/** The age band of a person born on `birthDate`, on `today` (both ISO dates). */
export function ageBand(birthDate: string, today: string): AgeBand {
  const age = ageOn(birthDate, today);
  let band: AgeBand = AGE_BANDS[0].band;
  for (const b of AGE_BANDS) if (age >= b.minAge) band = b.band;
  return band;
}

/** True when the person is under 18 on `today`: the day of the 18th birthday is the first adult day. */
export function isMinor(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) < ADULT_AGE;
}

/** True when the person is under 13 on `today` (COPPA: a guardian acts for them). */
export function isUnderCoppaAge(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) < COPPA_AGE;
}
