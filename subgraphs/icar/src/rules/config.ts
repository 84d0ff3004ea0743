/**
 * I-CAR's approximate facts as named constants, so each rule reads them from one place and a
 * change of policy is a one-line edit (DOMAIN.md marks these as approximate).
 */

/** The roles I-CAR trains for, in the order of the ICarRole enum (every list follows it). */
export const ICAR_ROLES = ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'REFINISH_TECHNICIAN', 'ESTIMATOR'] as const;
export type ICarRole = (typeof ICAR_ROLES)[number];

/** How each role is named in a credential title. */
export const ROLE_TITLES: Record<ICarRole, string> = {
  STEEL_STRUCTURAL_TECHNICIAN: 'Steel Structural Technician',
  NON_STRUCTURAL_TECHNICIAN: 'Non-Structural Technician',
  REFINISH_TECHNICIAN: 'Refinish Technician',
  ESTIMATOR: 'Estimator',
};

/** The five learning areas of the I-CAR Academy, in the order of the LearningArea enum. */
export const LEARNING_AREAS = ['SAFETY_AND_TOOLS', 'NON_STRUCTURAL_REPAIR', 'STRUCTURAL_REPAIR', 'REFINISH', 'MECHANICAL_AND_ELECTRICAL'] as const;
export type LearningArea = (typeof LEARNING_AREAS)[number];

/** ProLevels run 1..MAX_PRO_LEVEL; the top level makes a Platinum individual in that role. */
export const MAX_PRO_LEVEL = 3;
export const PLATINUM_PRO_LEVEL = 3;

/** Gold Class: the lowest ProLevel that counts as "trained" in a role. */
export const GOLD_CLASS_MIN_PRO_LEVEL = 1;
/** Gold Class renews yearly: a covering technician must have completed a course this recently. */
export const GOLD_CLASS_RENEWAL_MONTHS = 12;
/** Gold Class is a collision-shop recognition; other industries never qualify. */
export const GOLD_CLASS_INDUSTRY = 'COLLISION';

/** DOL Registered Apprenticeship: 2 years of 2,000 on-the-job hours. */
export const APPRENTICESHIP_REQUIRED_HOURS = 4000;
/** Youngest age at which a Registered Apprenticeship may start. */
export const APPRENTICESHIP_MIN_AGE = 16;
/** Most hours one logged day may carry (a long shift), and the activity text bounds. */
export const MAX_HOURS_PER_DAY = 12;
export const ACTIVITY_MIN_LENGTH = 3;
export const ACTIVITY_MAX_LENGTH = 500;

