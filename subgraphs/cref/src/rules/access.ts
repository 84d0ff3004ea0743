import { canReadPrivate, hasRole, isPartnerAdmin, isSelfOrGuardian, type Caller } from '@talent-graph/platform';
import { CREF_PARTNER, SCHOOL_CLAIM_ROLES } from './config.ts';

/**
 * Who may claim a donation for a school: that school's admin or instructor (the school in their
 * identity), or a CREF partner admin acting for any school.
 */
export function mayClaimFor(caller: Caller, schoolId: string): boolean {
  if (isPartnerAdmin(caller, CREF_PARTNER)) return true;
  return caller.schoolId === schoolId && SCHOOL_CLAIM_ROLES.some((role) => hasRole(caller, role));
}

/** Scholarships are private: the student, their guardian, support and CREF admins. */
export function mayReadScholarships(caller: Caller, personId: string): boolean {
  return canReadPrivate(caller, personId, CREF_PARTNER);
}

/**
 * Subject access (`MyData.cref`): the directory already decided who may ask, but cref checks
 * again on what the token says: the person, their guardian (`wards`), support and CREF admins.
 */
export function mayReadMyData(caller: Caller, personId: string): boolean {
  return canReadPrivate(caller, personId, CREF_PARTNER) || isSelfOrGuardian(caller, personId);
}
