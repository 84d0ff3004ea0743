import type { Context } from './context.ts';
import type { JobApplication as JobApplicationRow } from '../entities/JobApplication.ts';

export const JobApplication = {
  job: (application: JobApplicationRow, _args: unknown, ctx: Context) => ctx.loaders.jobById.load(application.jobId),
  applicant: (application: JobApplicationRow) => ({ __typename: 'Person', id: application.personId }),
};
