import { scholarshipCell } from '../rules/scholarshipCells.ts';
import type { Context } from './context.ts';

/** School is the directory's; cref adds its grants, claims, requests and totals, all through loaders. */
export const School = {
  __resolveReference: (ref: { id: string }) => ref,
  benchmarkGrants: (school: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.grantsBySchool.load(school.id),
  donationClaims: (school: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.claimsBySchool.load(school.id),
  donationRequests: (school: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.requestsBySchool.load(school.id),
  crefTotals: async (school: { id: string }, args: { year?: number | null }, ctx: Context) => ({
    ...(await ctx.loaders.schoolTotals.load({ id: school.id, year: args.year ?? null })),
    cell: scholarshipCell(`school:${school.id}`, args.year ?? null),
  }),
};
