import { suppressCells, MIN_CELL_SIZE } from '@talent-graph/platform';
import { LEARNING_AREAS, type LearningArea } from './config.ts';
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

/**
 * A state's Academy figures for the public: counts of enrollments (one per learner) and the
 * average overall progress of the active ones. Small cells (1–9 people) are withheld (null), and
 * so is their complement: enrollments = active + completed, so showing two of the three would
 * give the third away (11 enrolled, 10 active: 1 completed). The average is shown with the active
 * count only, and needs MIN_CELL_SIZE actives.
 */
export function academySummary(enrollments: readonly { completed: boolean; overallPercent: number }[]): AcademySummary {
  const ids = enrollments.map((_, i) => `e${i}`);
  const active = new Set(ids.filter((_, i) => !enrollments[i]!.completed));
  const completed = new Set(ids.filter((_, i) => enrollments[i]!.completed));
  const withheld = suppressCells({
    people: new Map([['enrolled', new Set(ids)], ['active', active], ['completed', completed]]),
    decompositions: new Map([['enrolled', [['active', 'completed']]]]),
  });
  const shown = (cell: string, count: number) => (withheld.has(cell) ? null : count);
  const actives = enrollments.filter((e) => !e.completed);
  const average = !withheld.has('active') && actives.length >= MIN_CELL_SIZE ? Math.round((actives.reduce((s, e) => s + e.overallPercent, 0) / actives.length) * 10) / 10 : null;
  return {
    enrollmentCount: shown('enrolled', enrollments.length),
    activeCount: shown('active', active.size),
    completedCount: shown('completed', completed.size),
    averageActivePercent: average,
  };
}
