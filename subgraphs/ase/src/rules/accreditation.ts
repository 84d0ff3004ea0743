import { ACCREDITATION_VALIDITY_YEARS } from './config.ts';
import { isInForce, lapsesOn, type ValidityStatus } from './certification.ts';

/** The day an accreditation granted on `accreditedOn` lapses: the day after its 5th anniversary. */
export function accreditationExpiresOn(accreditedOn: string): string {
  return lapsesOn(accreditedOn, ACCREDITATION_VALIDITY_YEARS);
}

/** CURRENT from the day granted through the day before `expiresOn`; EXPIRED from `expiresOn` on (as certifications). */
export function accreditationStatus(accreditation: { accreditedOn: string; expiresOn: string }, today: string): ValidityStatus {
  return isInForce({ startOn: accreditation.accreditedOn, expiresOn: accreditation.expiresOn }, today) ? 'CURRENT' : 'EXPIRED';
}
