import { LEARNING_AREAS, MIN_CELL_SIZE, type LearningArea } from './config.ts';
import type { CatalogueCourse } from './proLevel.ts';

/** part / whole as a percentage rounded to one decimal; 0 when there is nothing to complete. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

export interface LearningAreaProgress {
  area: LearningArea;
  completedCourses: number;
  totalCourses: number;
  percent: number;
}

export interface AcademyProgress {
  progress: LearningAreaProgress[];
  overallPercent: number;
}

/**
 * Academy progress: per learning area, the academy courses completed over the academy courses in
 * the area; overall, over every academy course. Role-track courses never count here.
 */
export function academyProgress(catalogue: readonly CatalogueCourse[], completed: ReadonlySet<string>): AcademyProgress {
  const academy = catalogue.filter((c) => c.academy);
  const progress = LEARNING_AREAS.map((area) => {
    const inArea = academy.filter((c) => c.learningArea === area);
    const done = inArea.filter((c) => completed.has(c.id)).length;
    return { area, completedCourses: done, totalCourses: inArea.length, percent: percent(done, inArea.length) };
  });
  const doneOverall = academy.filter((c) => completed.has(c.id)).length;
  return { progress, overallPercent: percent(doneOverall, academy.length) };
}

export interface AcademySummary {
  enrollmentCount: number | null;
  activeCount: number | null;
  completedCount: number | null;
  averageActivePercent: number | null;
}

/** Suppresses a count of people that is positive but below the minimum cell size. */
export function suppressSmall(count: number): number | null {
  return count > 0 && count < MIN_CELL_SIZE ? null : count;
}

/**
 * A state's Academy figures for the public: counts of enrollments (one per learner) and the
 * average overall progress of the active ones. A cell of fewer than MIN_CELL_SIZE people is
 * suppressed (null) so no small group can be singled out; the average needs that many actives.
 */
export function academySummary(enrollments: readonly { completed: boolean; overallPercent: number }[]): AcademySummary {
  const active = enrollments.filter((e) => !e.completed);
  const completedCount = enrollments.length - active.length;
  const average = active.length >= MIN_CELL_SIZE ? Math.round((active.reduce((s, e) => s + e.overallPercent, 0) / active.length) * 10) / 10 : null;
  return {
    enrollmentCount: suppressSmall(enrollments.length),
    activeCount: suppressSmall(active.length),
    completedCount: suppressSmall(completedCount),
    averageActivePercent: average,
  };
}
