import { hasRole, isSelfOrGuardian, type Caller } from '@talent-graph/platform/core';

/**
 * The named policies `@policy(policies: [["…"]])` refers to. Each is a function of the caller
 * and of the person the operation is about (the `id` argument of the root field, or the caller
 * for `me`). The gateway decides with what it knows before any subgraph runs; subgraphs then
 * apply row-level rules on the records themselves (a school's own students, a shop's consent).
 * An unknown policy name denies.
 */
export interface PolicyContext {
  /** The person the operation is about, when its root field names one. */
  subjectId?: string;
  rootField?: string;
}

export type Policy = (caller: Caller, context: PolicyContext) => boolean;

export const POLICIES: Record<string, Policy> = {
  /** The caller is the person the operation is about. */
  self: (caller, { subjectId }) => caller.sub !== null && subjectId === caller.sub,
  /** The caller is a guardian of the person the operation is about. */
  guardianOf: (caller, { subjectId }) => subjectId !== undefined && hasRole(caller, 'guardian') && isSelfOrGuardian(caller, subjectId) && caller.sub !== subjectId,
  /** The caller is an instructor (the subgraph checks the student is at their school). */
  instructorOf: (caller) => hasRole(caller, 'instructor') && caller.schoolId !== undefined,
  /** The caller is an employer (the subgraph checks the person granted EMPLOYER_VISIBILITY). */
  employerWithConsent: (caller) => hasRole(caller, 'employer') && caller.shopId !== undefined,
  /** The caller is an employer with a shop (the subgraph checks it is the shop of the record). */
  employerOfShop: (caller) => hasRole(caller, 'employer') && caller.shopId !== undefined,
  /** Support staff (read only: mutations never carry this policy). */
  support: (caller) => hasRole(caller, 'support'),
  /** Analysts: aggregates only. */
  analyst: (caller) => hasRole(caller, 'analyst'),
  /** A partner's own administrators. */
  aseAdmin: (caller) => hasRole(caller, 'partner_admin') && caller.partner === 'ase',
  icarAdmin: (caller) => hasRole(caller, 'partner_admin') && caller.partner === 'icar',
  crefAdmin: (caller) => hasRole(caller, 'partner_admin') && caller.partner === 'cref',
  wrenchwayAdmin: (caller) => hasRole(caller, 'partner_admin') && caller.partner === 'wrenchway',
};
