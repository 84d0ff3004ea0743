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

export interface ProLevelStanding {
  role: ICarRole;
  level: number;
  platinum: boolean;
  coursesToNextLevel: number;
}

/** The role-track (non-academy) courses of a role at one level. */
function coursesAt(catalogue: readonly CatalogueCourse[], role: ICarRole, level: number): CatalogueCourse[] {
  return catalogue.filter((c) => !c.academy && c.role === role && c.proLevel === level);
}

/**
 * ProLevel N in a role = every role-track course of levels 1..N completed. Levels are climbed in
 * order: a level-3 course done before level 1 is complete does not count yet. A level with no
 * courses in the catalogue cannot be achieved (an empty requirement is not an achievement).
 */
export function proLevelInRole(role: ICarRole, catalogue: readonly CatalogueCourse[], completed: ReadonlySet<string>): ProLevelStanding {
  let level = 0;
  while (level < MAX_PRO_LEVEL) {
    const next = coursesAt(catalogue, role, level + 1);
    if (next.length === 0 || !next.every((c) => completed.has(c.id))) break;
    level += 1;
  }
  // Courses of levels 1..level are all done, so what remains for the next level is that level's.
  const coursesToNextLevel = level >= MAX_PRO_LEVEL ? 0 : coursesAt(catalogue, role, level + 1).filter((c) => !completed.has(c.id)).length;
  return { role, level, platinum: level >= PLATINUM_PRO_LEVEL, coursesToNextLevel };
}

/** Standing in every role, always one entry per role in ICarRole order. */
export function proLevels(catalogue: readonly CatalogueCourse[], completed: ReadonlySet<string>): ProLevelStanding[] {
  return ICAR_ROLES.map((role) => proLevelInRole(role, catalogue, completed));
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
  const out: ProLevelAchievement[] = [];
  for (const role of ICAR_ROLES) {
    const { level } = proLevelInRole(role, catalogue, completed);
    let earnedOn = '';
    for (let l = 1; l <= level; l++) {
      for (const c of coursesAt(catalogue, role, l)) {
        const day = completedOn.get(c.id)!;
        if (day > earnedOn) earnedOn = day;
      }
      out.push({ role, proLevel: l, earnedOn });
    }
  }
  return out;
}
