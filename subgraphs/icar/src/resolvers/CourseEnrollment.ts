import type { CourseEnrollment as CourseEnrollmentRow } from '../entities/CourseEnrollment.ts';
import { enrollmentStatus, personRef, type Ctx } from './context.ts';

export const CourseEnrollment = {
  course: (row: CourseEnrollmentRow, _args: unknown, { loaders }: Ctx) => loaders.courseById.load(row.courseId),
  person: (row: CourseEnrollmentRow) => personRef(row.personId),
  status: (row: CourseEnrollmentRow) => enrollmentStatus(row.completedOn),
};
