import { academySummary, percent } from '../rules/academy.ts';
import type { Ctx } from './context.ts';

export const State = {
  __resolveReference: (ref: { code: string }) => ref,

  /**
   * Public aggregate: small cells suppressed by the rule. The database counts each active
   * learner's completed Academy courses (academyLearnersByState); the overall percentage is the
   * one academyProgress gives for those completions, and only active learners' is averaged.
   */
  icarAcademy: async (state: { code: string }, _args: unknown, { loaders }: Ctx) => {
    const [programs, learners] = await Promise.all([loaders.academyProgramCountByState.load(state.code), loaders.academyLearnersByState.load(state.code)]);
    const active = (learners?.activeCoursesDone ?? []).map((done) => ({ completed: false, overallPercent: percent(done, learners!.academyCourses) }));
    const completed = Array.from({ length: learners?.completed ?? 0 }, () => ({ completed: true, overallPercent: 100 }));
    // Actives first: suppression only counts the people in each cell, whatever their order, and
    // the actives keep the database's order, so the average adds the same numbers in the same order.
    return {
      programCount: programs?.programs ?? 0,
      ...academySummary([...active, ...completed]),
    };
  },
};
