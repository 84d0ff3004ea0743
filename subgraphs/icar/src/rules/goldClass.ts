import { GOLD_CLASS_INDUSTRY, GOLD_CLASS_MIN_PRO_LEVEL, GOLD_CLASS_RENEWAL_MONTHS, ICAR_ROLES, type ICarRole } from './config.ts';
import { completedCoursesOf, levelIn, trackCourses, type CatalogueCourse, type CompletedCourses, type Completion } from './proLevel.ts';

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
  return goldClassOf(industry, technicians.map((completions) => completedCoursesOf(completions, today)), catalogue, today);
}

/** The first day of the renewal window for the last `today` asked: every shop of a request asks the same. */
let renewal = { today: '', from: '' };

/** goldClass over what each technician completed, as the loaders read it (completedCoursesOf). */
export function goldClassOf(industry: string, technicians: readonly CompletedCourses[], catalogue: readonly CatalogueCourse[], today: string): GoldClassStatus {
  if (industry !== GOLD_CLASS_INDUSTRY) return { qualified: false, coveredRoles: [], missingRoles: [...ICAR_ROLES] };
  if (renewal.today !== today) renewal = { today, from: monthsBefore(today, GOLD_CLASS_RENEWAL_MONTHS) };
  const renewalFrom = renewal.from;
  // Some course completed in [renewalFrom, today] is the same as the latest one up to today being in it.
  const current = technicians.filter((t) => t.lastCompletedOn !== null && t.lastCompletedOn >= renewalFrom);
  const coursesAt = trackCourses(catalogue);
  const coveredRoles = ICAR_ROLES.filter((role) => current.some((t) => levelIn(role, coursesAt, t.completed, GOLD_CLASS_MIN_PRO_LEVEL) >= GOLD_CLASS_MIN_PRO_LEVEL));
  const missingRoles = ICAR_ROLES.filter((role) => !coveredRoles.includes(role));
  return { qualified: missingRoles.length === 0, coveredRoles, missingRoles };
}
