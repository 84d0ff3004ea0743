import type { Course as CourseRow } from '../entities/Course.ts';
import type { Ctx } from './context.ts';

export const Course = {
  __resolveReference: (ref: { id: string }, { loaders }: Ctx) => loaders.courseById.load(ref.id),
  // The remaining fields (code, title, role, proLevel, learningArea, hours, academy) are columns.
  hours: (course: CourseRow) => Number(course.hours),
};
