import type { PageArgs } from '@talent-graph/platform';
import { scholarshipCell } from '../rules/scholarshipCells.ts';
import { stateGrantPage } from '../stateGrants.ts';
import type { Context } from './context.ts';

/** State is the directory's; cref adds totals for the state's schools and their grants. */
export const State = {
  __resolveReference: (ref: { code: string }) => ref,
  crefTotals: async (state: { code: string }, args: { year?: number | null }, ctx: Context) => ({
    ...(await ctx.loaders.stateTotals.load({ id: state.code, year: args.year ?? null })),
    cell: scholarshipCell(`state:${state.code}`, args.year ?? null),
  }),
  benchmarkGrants: (state: { code: string }, args: PageArgs & { year?: number | null }, ctx: Context) => stateGrantPage(ctx.db, state.code, args.year ?? null, args),
};
