import type { PersonRole } from '@talent-graph/platform/demo';

/** Roles are stored comma-joined, in a fixed order, so equal sets are equal text. */
export const ROLE_ORDER: readonly PersonRole[] = ['STUDENT', 'APPRENTICE', 'TECHNICIAN', 'INSTRUCTOR', 'GUARDIAN', 'EMPLOYER'];

/** The roles that count as a shop's technicians (Blue Seal and Gold Class are computed on them). */
export const TECHNICIAN_ROLES: readonly PersonRole[] = ['TECHNICIAN', 'APPRENTICE'];

export function joinRoles(roles: readonly PersonRole[]): string {
  return ROLE_ORDER.filter((r) => roles.includes(r)).join(',');
}

/** Parses stored roles; unknown values (never written by this code) are dropped, not guessed at. */
export function parseRoles(text: string): PersonRole[] {
  const stored = new Set(text.split(',').map((r) => r.trim()));
  return ROLE_ORDER.filter((r) => stored.has(r));
}

export function isTechnician(roles: readonly PersonRole[]): boolean {
  return roles.some((r) => TECHNICIAN_ROLES.includes(r));
}
