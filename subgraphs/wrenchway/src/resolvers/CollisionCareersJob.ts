import type { Context } from './context.ts';
import type { CollisionCareersJob as CollisionCareersJobRow } from '../entities/CollisionCareersJob.ts';

export const CollisionCareersJob = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.collisionCareersJobById.load(ref.id),
  shop: (job: CollisionCareersJobRow) => ({ __typename: 'Shop', id: job.shopId }),
};
