import type { Context } from './context.ts';
import { pageRequest } from '../keyset.ts';
import { statePayKey } from '../loaders.ts';

/** The directory owns states; WrenchWay adds open jobs and statewide pay. */
export const State = {
  __resolveReference: (ref: { code: string }) => ref,
  jobs: (state: { code: string }, args: { industry?: string | null; first?: number | null; after?: string | null }, ctx: Context) =>
    ctx.loaders.jobPagesByState.load(JSON.stringify({ group: state.code, industry: args.industry ?? null, openOnly: true, page: pageRequest(args) })),
  pay: (state: { code: string }, args: { industry: string; shopType?: string | null }, ctx: Context) => ctx.loaders.statePay.load(statePayKey(state.code, args.industry, args.shopType ?? null)),
};
