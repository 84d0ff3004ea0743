import type { Context } from '../context.ts';

export const Occupation = {
  __resolveReference: (ref: { socCode: string }, ctx: Context) => ctx.loaders.occupationBySocCode.load(ref.socCode),
};
