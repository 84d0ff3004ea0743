import type { Context } from './context.ts';
import { pageRequest } from '../keyset.ts';
import { statePay } from '../payTool.ts';
import type { Discipline, ShopType } from '../rules/inputs.ts';

/** The directory owns states; WrenchWay adds open jobs and statewide pay. */
export const State = {
  __resolveReference: (ref: { code: string }) => ref,
  jobs: (state: { code: string }, args: { industry?: string | null; first?: number | null; after?: string | null }, ctx: Context) =>
    ctx.loaders.jobPagesByState.load(JSON.stringify({ group: state.code, industry: args.industry ?? null, openOnly: true, page: pageRequest(args) })),
  /** Through the Pay Tool's one path: binned, with primary and complementary suppression. */
  pay: (state: { code: string }, args: { industry: Discipline; shopType?: ShopType | null }, ctx: Context) => statePay(ctx.loaders, state.code, args.industry, args.shopType ?? null),
};
