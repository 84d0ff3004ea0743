import { GOLD_CLASS_INDUSTRY, GOLD_CLASS_MIN_PRO_LEVEL, GOLD_CLASS_RENEWAL_MONTHS, ICAR_ROLES, type ICarRole } from './config.ts';
import { standingIn, trackCourses, type CatalogueCourse, type Completion } from './proLevel.ts';

export interface GoldClassStatus {
  qualified: boolean;
  coveredRoles: ICarRole[];
  missingRoles: ICarRole[];
}

/** The same calendar day `months` months earlier (clamped to the month's last day). */
export function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Gold Class: every role covered by at least one of the shop's technicians who holds ProLevel ≥ 1
 * in it AND has completed some course within the last 12 months (the yearly renewal: any course
 * counts, since a technician at the top of a role has no role course left to take). Only
 * collision shops can qualify; for any other industry every role is missing.
 */
export function goldClass(industry: string, technicians: readonly (readonly Completion[])[], catalogue: readonly CatalogueCourse[], today: string): GoldClassStatus {
  if (industry !== GOLD_CLASS_INDUSTRY) return { qualified: false, coveredRoles: [], missingRoles: [...ICAR_ROLES] };
  const renewalFrom = monthsBefore(today, GOLD_CLASS_RENEWAL_MONTHS);
  const current = technicians.filter((completions) => completions.some((c) => c.completedOn >= renewalFrom && c.completedOn <= today));
  // Each current technician's completed courses as a set once, not once per role.
  const completedSets = current.map((completions) => new Set(completions.map((c) => c.courseId)));
  const coursesAt = trackCourses(catalogue);
  const coveredRoles = ICAR_ROLES.filter((role) => completedSets.some((completed) => standingIn(role, coursesAt, completed).level >= GOLD_CLASS_MIN_PRO_LEVEL));
  const missingRoles = ICAR_ROLES.filter((role) => !coveredRoles.includes(role));
  return { qualified: missingRoles.length === 0, coveredRoles, missingRoles };
}
