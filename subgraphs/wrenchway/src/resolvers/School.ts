import type { Context } from './context.ts';

/** The directory owns schools; WrenchWay adds their School Assist links. */
export const School = {
  __resolveReference: (ref: { id: string }) => ref,
  schoolAssistLinks: (school: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.linksBySchool.load(school.id),
};
