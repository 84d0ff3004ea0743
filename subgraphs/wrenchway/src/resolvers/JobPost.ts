import type { Context } from './context.ts';
import type { JobPost as JobPostRow } from '../entities/JobPost.ts';

/** Splits the comma-joined ASE codes of a job post. */
export const requiredAseTests = (job: Pick<JobPostRow, 'requiredAseTests'>): string[] => (job.requiredAseTests ? job.requiredAseTests.split(',') : []);

export const JobPost = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.jobById.load(ref.id),
  // The shop's name travels with the job (@provides), so the gateway needs no directory call.
  shop: (job: JobPostRow) => ({ __typename: 'Shop', id: job.shopId, name: job.shopName }),
  occupation: (job: JobPostRow) => ({ __typename: 'Occupation', socCode: job.socCode }),
  state: (job: JobPostRow) => ({ __typename: 'State', code: job.stateCode }),
  requiredAseTests: (job: JobPostRow) => requiredAseTests(job),
};
