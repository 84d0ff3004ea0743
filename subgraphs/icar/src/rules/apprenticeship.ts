import { ageOn, isIsoDate, type FieldProblem } from '@talent-graph/platform';
import { ACTIVITY_MAX_LENGTH, ACTIVITY_MIN_LENGTH, APPRENTICESHIP_MIN_AGE, MAX_HOURS_PER_DAY } from './config.ts';
import { percent } from './academy.ts';

/** Old enough today to start a Registered Apprenticeship (the birthday itself counts). */
export function isApprenticeshipEligible(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) >= APPRENTICESHIP_MIN_AGE;
}

export interface HourLogInput {
  apprenticeshipId: string;
  workedOn: string;
  hours: number;
  activity: string;
}

/**
 * Checks of an hour log that need nothing but the input and today; each problem names its field.
 * The check against the apprenticeship's start date needs the record (see startDateProblem).
 */
export function hourLogProblems(input: HourLogInput, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.apprenticeshipId.trim().length === 0 || input.apprenticeshipId.length > 40) problems.push({ field: 'input.apprenticeshipId', message: 'must be an apprenticeship id' });
  if (!isIsoDate(input.workedOn)) problems.push({ field: 'input.workedOn', message: 'must be a date in the form YYYY-MM-DD' });
  else if (input.workedOn > today) problems.push({ field: 'input.workedOn', message: 'cannot be in the future' });
  if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > MAX_HOURS_PER_DAY) problems.push({ field: 'input.hours', message: `must be more than 0 and at most ${MAX_HOURS_PER_DAY}` });
  const activity = input.activity.trim();
  if (activity.length < ACTIVITY_MIN_LENGTH || activity.length > ACTIVITY_MAX_LENGTH) problems.push({ field: 'input.activity', message: `must be ${ACTIVITY_MIN_LENGTH} to ${ACTIVITY_MAX_LENGTH} characters` });
  return problems;
}

/** A day before the apprenticeship started cannot be logged. */
export function startDateProblem(workedOn: string, startedOn: string): FieldProblem | null {
  return workedOn < startedOn ? { field: 'input.workedOn', message: `cannot be before the apprenticeship started (${startedOn})` } : null;
}

/** Logged over required hours as a percentage with one decimal, capped at 100. */
export function percentComplete(hoursLogged: number, requiredHours: number): number {
  return Math.min(100, percent(hoursLogged, requiredHours));
}
