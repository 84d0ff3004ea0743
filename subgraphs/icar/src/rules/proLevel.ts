import { ICAR_ROLES, MAX_PRO_LEVEL, PLATINUM_PRO_LEVEL, type ICarRole } from './config.ts';

/** What the rules need to know of a catalogue course. Academy courses count toward no ProLevel. */
export interface CatalogueCourse {
  id: string;
  role: string | null;
  proLevel: number | null;
  learningArea: string;
  academy: boolean;
}

/** One completed course of a person. */
export interface Completion {
  courseId: string;
  completedOn: string;
}

/**
 * What the rules read of a person's completions: which courses they completed, and the latest
 * completion on or before today (Gold Class's renewal needs no other date). The resolvers get it
 * from the database, one row per person (loaders.ts, completedCoursesByPerson).
 */
export interface CompletedCourses {
  completed: ReadonlySet<string>;
  /** Null when nothing was completed on or before today. */
  lastCompletedOn: string | null;
}

/** A person's CompletedCourses as of `today`, from their completions. */
export function completedCoursesOf(completions: readonly Completion[], today: string): CompletedCourses {
  let lastCompletedOn: string | null = null;
  for (const c of completions) if (c.completedOn <= today && (lastCompletedOn === null || c.completedOn > lastCompletedOn)) lastCompletedOn = c.completedOn;
  return { completed: new Set(completions.map((c) => c.courseId)), lastCompletedOn };
}

export interface ProLevelStanding {
  role: ICarRole;
  level: number;
  platinum: boolean;
  coursesToNextLevel: number;
}

/** The role-track (non-academy) courses of a role at one level. */
export type TrackCourses = (role: ICarRole, level: number) => readonly CatalogueCourse[];

const NO_COURSES: readonly CatalogueCourse[] = [];

/** Groupings already made, by catalogue: see trackCourses. */
const grouped = new WeakMap<readonly CatalogueCourse[], TrackCourses>();

/**
 * The catalogue's role-track courses grouped by role and level. Gold Class asks every role of
 * every technician of a page of shops, and filtering the whole catalogue for each of those
 * lookups was most of its cost. The grouping is kept per catalogue array, which must not change
 * once grouped: a request's catalogue is the process's frozen snapshot (courses.ts), so every
 * shop and person of every request shares one grouping until the course table changes.
 */
export function trackCourses(catalogue: readonly CatalogueCourse[]): TrackCourses {
  const known = grouped.get(catalogue);
  if (known) return known;
  const byRole = new Map<string | null, Map<number | null, CatalogueCourse[]>>();
  for (const c of catalogue) {
    if (c.academy) continue;
    let byLevel = byRole.get(c.role);
    if (!byLevel) byRole.set(c.role, (byLevel = new Map()));
    const list = byLevel.get(c.proLevel);
    if (list) list.push(c);
    else byLevel.set(c.proLevel, [c]);
  }
  const coursesAt: TrackCourses = (role, level) => byRole.get(role)?.get(level) ?? NO_COURSES;
  grouped.set(catalogue, coursesAt);
  return coursesAt;
}

/**
 * ProLevel N in a role = every role-track course of levels 1..N completed. Levels are climbed in
 * order: a level-3 course done before level 1 is complete does not count yet. A level with no
 * courses in the catalogue cannot be achieved (an empty requirement is not an achievement).
 */
export function proLevelInRole(role: ICarRole, catalogue: readonly CatalogueCourse[], completed: ReadonlySet<string>): ProLevelStanding {
  return standingIn(role, trackCourses(catalogue), completed);
}

/** The ProLevel reached in a role over courses already grouped (trackCourses), climbing no higher than `upTo`. */
export function levelIn(role: ICarRole, coursesAt: TrackCourses, completed: ReadonlySet<string>, upTo = MAX_PRO_LEVEL): number {
  let level = 0;
  while (level < upTo) {
    const next = coursesAt(role, level + 1);
    if (next.length === 0 || !next.every((c) => completed.has(c.id))) break;
    level += 1;
  }
  return level;
}

/** proLevelInRole over courses already grouped (trackCourses). */
export function standingIn(role: ICarRole, coursesAt: TrackCourses, completed: ReadonlySet<string>): ProLevelStanding {
  const level = levelIn(role, coursesAt, completed);
  // Courses of levels 1..level are all done, so what remains for the next level is that level's.
  const coursesToNextLevel = level >= MAX_PRO_LEVEL ? 0 : coursesAt(role, level + 1).filter((c) => !completed.has(c.id)).length;
  return { role, level, platinum: level >= PLATINUM_PRO_LEVEL, coursesToNextLevel };
}

/** Standing in every role, always one entry per role in ICarRole order. */
export function proLevels(catalogue: readonly CatalogueCourse[], completed: ReadonlySet<string>): ProLevelStanding[] {
  const coursesAt = trackCourses(catalogue);
  return ICAR_ROLES.map((role) => standingIn(role, coursesAt, completed));
}

export interface ProLevelAchievement {
  role: ICarRole;
  proLevel: number;
  /** The day the last course needed for the level was completed. */
  earnedOn: string;
}

/** Every ProLevel a person holds (one per role per level reached), with the day it was earned. */
export function proLevelAchievements(catalogue: readonly CatalogueCourse[], completions: readonly Completion[]): ProLevelAchievement[] {
  const completedOn = new Map(completions.map((c) => [c.courseId, c.completedOn]));
  const completed = new Set(completedOn.keys());
  const coursesAt = trackCourses(catalogue);
  const out: ProLevelAchievement[] = [];
  for (const role of ICAR_ROLES) {
    const { level } = standingIn(role, coursesAt, completed);
    let earnedOn = '';
    for (let l = 1; l <= level; l++) {
      for (const c of coursesAt(role, l)) {
        const day = completedOn.get(c.id)!;
        if (day > earnedOn) earnedOn = day;
      }
      out.push({ role, proLevel: l, earnedOn });
    }
  }
  return out;
}
