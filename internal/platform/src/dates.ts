/**
 * Dates are ISO 8601 strings (YYYY-MM-DD) everywhere in the model: no time zones to get wrong.
 * "Today" comes from the Clock in the context, so rules that depend on it (expiry, age) are
 * testable with a fixed date.
 */
export interface Clock {
  today(): string;
  now(): Date;
}

export const systemClock: Clock = {
  today: () => new Date().toISOString().slice(0, 10),
  now: () => new Date(),
};

export function fixedClock(isoDate: string): Clock {
  const at = new Date(`${isoDate}T12:00:00.000Z`);
  return { today: () => isoDate, now: () => new Date(at) };
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addYears(isoDate: string, years: number): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole years between a birth date and a day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  let age = y! - by!;
  if (m! < bm! || (m === bm && d! < bd!)) age -= 1;
  return age;
}
