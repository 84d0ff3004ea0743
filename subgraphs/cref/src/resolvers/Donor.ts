import type { Context } from './context.ts';

/** Donor: an entity other subgraphs may reference by id. */
export const Donor = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.donorById.load(ref.id),
};
