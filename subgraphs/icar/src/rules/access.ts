import { canReadPrivate, hasRole, isPartnerAdmin, isSelfOrGuardian, type Caller } from '@talent-graph/platform';

/** The partner name I-CAR's admins carry in their caller identity. */
export const PARTNER = 'icar';

export interface ApprenticeshipParties {
  apprenticeId: string;
  mentorId: string;
}

/** Who sees an apprenticeship and its hour logs: its two parties, the apprentice's guardians, I-CAR admins, support. */
export function canSeeApprenticeship(caller: Caller, a: ApprenticeshipParties): boolean {
  return isSelfOrGuardian(caller, a.apprenticeId) || caller.sub === a.mentorId || isPartnerAdmin(caller, PARTNER) || hasRole(caller, 'support');
}

/** Who logs hours: the apprentice, the mentor, or an I-CAR admin (support staff only read). */
export function canLogHours(caller: Caller, a: ApprenticeshipParties): boolean {
  return caller.sub !== null && (caller.sub === a.apprenticeId || caller.sub === a.mentorId || isPartnerAdmin(caller, PARTNER));
}

/** Who enrolls a person in a course: the person, their guardian, or an I-CAR admin. */
export function canEnroll(caller: Caller, personId: string): boolean {
  return isSelfOrGuardian(caller, personId) || isPartnerAdmin(caller, PARTNER);
}

/** Private per-person I-CAR records (enrollments, apprenticeships). */
export function canReadPersonRecords(caller: Caller, personId: string): boolean {
  return canReadPrivate(caller, personId, PARTNER);
}

/** An Academy enrollment is also visible to an instructor at the school delivering it (FERPA). */
export function canSeeAcademyEnrollment(caller: Caller, personId: string, programSchoolId: string | null): boolean {
  if (canReadPersonRecords(caller, personId)) return true;
  return hasRole(caller, 'instructor') && programSchoolId !== null && caller.schoolId === programSchoolId;
}

/**
 * Subject access (`MyData.icar`): checked again here although the directory decided first. The
 * person, support, I-CAR admins, or a guardian (the token's `wards`; the directory already checked
 * the guardianship table before the gateway came here).
 */
export function canReadMyData(caller: Caller, personId: string): boolean {
  return canReadPrivate(caller, personId, PARTNER) || isSelfOrGuardian(caller, personId);
}
