import type { CollisionCareersJob as JobRow } from '../entities/CollisionCareersJob.ts';
import { shopRef, type Ctx } from './context.ts';

/** Shareable with WrenchWay's copy: both resolve every field the same way from the same list. */
export const CollisionCareersJob = {
  __resolveReference: (ref: { id: string }, { loaders }: Ctx) => loaders.jobById.load(ref.id),
  shop: (job: JobRow) => shopRef(job.shopId),
};
