import { academyProgress, academySummary } from '../rules/academy.ts';
import { completedCourseIds, type Ctx } from './context.ts';

export const State = {
  __resolveReference: (ref: { code: string }) => ref,

  /** Public aggregate: small cells suppressed by the rule. */
  icarAcademy: async (state: { code: string }, _args: unknown, { loaders }: Ctx) => {
    const [catalogue, programs, enrollments] = await Promise.all([
      loaders.catalogue(),
      loaders.academyProgramsByState.load(state.code),
      loaders.academyEnrollmentsByState.load(state.code),
    ]);
    const actives = enrollments.filter((e) => e.completedOn === null);
    const courses = await loaders.enrollmentsByPerson.loadMany(actives.map((e) => e.personId));
    const percentOf = new Map(
      actives.map((e, i) => {
        const rows = courses[i];
        if (rows instanceof Error) throw rows;
        return [e.id, academyProgress(catalogue, completedCourseIds(rows!)).overallPercent];
      }),
    );
    return {
      programCount: programs.length,
      ...academySummary(enrollments.map((e) => ({ completed: e.completedOn !== null, overallPercent: percentOf.get(e.id) ?? 100 }))),
    };
  },
};
