import { hasRole, type Caller } from '@talent-graph/platform';

/**
 * Who may see whom in the directory. Guardianship comes from the directory's own table (the
 * token's `wards` is a hint the gateway adds, never proof), and guardian rights last only while
 * the ward is a minor.
 */
export interface PersonFacts {
  personId: string;
  /** Under 18 today. */
  isMinor: boolean;
  /** Person ids the guardianship table lists as this person's guardians. */
  guardianIds: readonly string[];
  /** PUBLIC_PROFILE is currently granted. */
  publicProfile: boolean;
}

/** The caller is a guardian of this person, per the table, and the person is still a minor. */
export function isGuardianOf(caller: Caller, person: Pick<PersonFacts, 'isMinor' | 'guardianIds'>): boolean {
  return caller.sub !== null && person.isMinor && person.guardianIds.includes(caller.sub);
}

/** The caller is the person or their guardian: the ones who act for the person. */
export function actsFor(caller: Caller, person: Pick<PersonFacts, 'personId' | 'isMinor' | 'guardianIds'>): boolean {
  return (caller.sub !== null && caller.sub === person.personId) || isGuardianOf(caller, person);
}

/** Private fields (names, contact, guardians, wards, consents): the person, a guardian, support. */
export function mayReadPrivate(caller: Caller, person: Pick<PersonFacts, 'personId' | 'isMinor' | 'guardianIds'>): boolean {
  return actsFor(caller, person) || hasRole(caller, 'support');
}

/**
 * May `person(id)` return this person to the caller? Anyone who may read them privately, any
 * partner admin, and everyone for an adult with a current PUBLIC_PROFILE consent. A minor is
 * never public, whatever consent is on record.
 */
export function mayViewPerson(caller: Caller, person: PersonFacts): boolean {
  if (mayReadPrivate(caller, person) || hasRole(caller, 'partner_admin')) return true;
  return !person.isMinor && person.publicProfile;
}

/**
 * Employers never see a minor unless a guardian granted EMPLOYER_VISIBILITY — on any path that
 * reaches the person (a job application, an apprenticeship, a reference from any subgraph), not
 * only through `person(id)`. Consent is read per request, so a withdrawal holds on the next one.
 */
export function hiddenFromEmployer(caller: Caller, person: Pick<PersonFacts, 'isMinor'> & { personId: string; employerVisibility: boolean; guardianIds: string[] }): boolean {
  if (!hasRole(caller, 'employer') || !person.isMinor || person.employerVisibility) return false;
  if (caller.sub === person.personId || person.guardianIds.includes(caller.sub ?? '') || hasRole(caller, 'support') || hasRole(caller, 'partner_admin')) return false;
  return true;
}

export type ConsentPermission = 'ALLOWED' | 'NOT_SELF_OR_GUARDIAN' | 'GUARDIAN_REQUIRED';

/**
 * May the caller change this person's consents? The person or their guardian only (support and
 * partner admins read, never decide). Under 13 the guardian decides alone (COPPA).
 */
export function consentPermission(caller: Caller, person: Pick<PersonFacts, 'personId' | 'isMinor' | 'guardianIds'> & { underCoppaAge: boolean }): ConsentPermission {
  if (isGuardianOf(caller, person)) return 'ALLOWED';
  if (caller.sub !== null && caller.sub === person.personId) return person.underCoppaAge ? 'GUARDIAN_REQUIRED' : 'ALLOWED';
  return 'NOT_SELF_OR_GUARDIAN';
}
