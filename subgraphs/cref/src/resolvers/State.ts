import { paginate, type PageArgs } from '@talent-graph/platform';
import { BenchmarkGrant } from '../entities/BenchmarkGrant.ts';
import { scholarshipCell } from '../rules/scholarshipCells.ts';
import type { Context } from './context.ts';

/** State is the directory's; cref adds totals for the state's schools and their grants. */
export const State = {
  __resolveReference: (ref: { code: string }) => ref,
  crefTotals: async (state: { code: string }, args: { year?: number | null }, ctx: Context) => ({
    ...(await ctx.loaders.stateTotals.load({ id: state.code, year: args.year ?? null })),
    cell: scholarshipCell(`state:${state.code}`, args.year ?? null),
  }),
  benchmarkGrants: (state: { code: string }, args: PageArgs & { year?: number | null }, ctx: Context) => {
    const qb = ctx.db.getRepository(BenchmarkGrant).createQueryBuilder('grant').where('grant.stateCode = :code', { code: state.code });
    if (args.year != null) qb.andWhere('grant.year = :year', { year: args.year });
    return paginate(qb, args, { column: 'grant.awardedOn', property: 'awardedOn', direction: 'DESC' }, 'grant.id');
  },
};
