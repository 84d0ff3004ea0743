import type { AcademyEnrollment as AcademyEnrollmentRow } from '../entities/AcademyEnrollment.ts';
import { academyProgress } from '../rules/academy.ts';
import { enrollmentStatus, personRef, programRef, type Ctx } from './context.ts';

/** Progress is computed from the learner's academy course completions, never stored twice. */
async function progressOf(row: AcademyEnrollmentRow, { loaders }: Ctx) {
  const [catalogue, { completed }] = await Promise.all([loaders.catalogue(), loaders.completedCoursesByPerson.load(row.personId)]);
  return academyProgress(catalogue, completed);
}

export const AcademyEnrollment = {
  person: (row: AcademyEnrollmentRow) => personRef(row.personId),
  program: (row: AcademyEnrollmentRow) => programRef(row.programId),
  status: (row: AcademyEnrollmentRow) => enrollmentStatus(row.completedOn),
  progress: async (row: AcademyEnrollmentRow, _args: unknown, ctx: Ctx) => (await progressOf(row, ctx)).progress,
  overallPercent: async (row: AcademyEnrollmentRow, _args: unknown, ctx: Ctx) => (await progressOf(row, ctx)).overallPercent,
};
