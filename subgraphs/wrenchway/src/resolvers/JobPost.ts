import { forbidden, hasRole, isPartnerAdmin, type Caller } from '@talent-graph/platform';
import type { Context } from './context.ts';
import type { JobPost as JobPostRow } from '../entities/JobPost.ts';

/**
 * Who may list a job's applications: the employer of the job's shop (applying to a job is the
 * applicant's consent for that employer to see the application), WrenchWay's admins, support
 * (read only: nothing here writes). The gateway's @policy lets any employer with a shop through;
 * which shop is decided here, on the row.
 */
export const canListApplications = (caller: Caller, shopId: string): boolean =>
  (hasRole(caller, 'employer') && caller.shopId === shopId) || isPartnerAdmin(caller, 'wrenchway') || hasRole(caller, 'support');

/** A job as the gateway hands it back with the directory's decision (@requires visibleApplicantIds). */
type JobWithVisibleApplicants = JobPostRow & { visibleApplicantIds?: string[] };

/** Splits the comma-joined ASE codes of a job post. */
export const requiredAseTests = (job: Pick<JobPostRow, 'requiredAseTests'>): string[] => (job.requiredAseTests ? job.requiredAseTests.split(',') : []);

export const JobPost = {
  // Keeps what the gateway passed with the reference (visibleApplicantIds, for applications).
  __resolveReference: async (ref: { id: string; visibleApplicantIds?: string[] }, ctx: Context) => {
    const row = await ctx.loaders.jobById.load(ref.id);
    return row && { ...row, visibleApplicantIds: ref.visibleApplicantIds };
  },
  // The shop's name travels with the job (@provides), so the gateway needs no directory call.
  shop: (job: JobPostRow) => ({ __typename: 'Shop', id: job.shopId, name: job.shopName }),
  occupation: (job: JobPostRow) => ({ __typename: 'Occupation', socCode: job.socCode }),
  state: (job: JobPostRow) => ({ __typename: 'State', code: job.stateCode }),
  requiredAseTests: (job: JobPostRow) => requiredAseTests(job),
  /** Everyone who applied, for the directory to filter (visibleApplicantIds); never client-visible (@inaccessible). */
  applicantIds: async (job: JobPostRow, _args: unknown, ctx: Context) => [...new Set((await ctx.loaders.applicationsByJob.load(job.id)).map((a) => a.personId))],
  /**
   * The job's applications the caller may see. Only applicants the directory listed as visible to
   * this caller are returned — a minor without a guardian's consent is left out entirely for an
   * employer, not shown as a gap — and with no list from the directory, none (fail closed).
   */
  applications: async (job: JobWithVisibleApplicants, _args: unknown, ctx: Context) => {
    if (!canListApplications(ctx.caller, job.shopId)) throw forbidden("Only the employer of this job's shop, WrenchWay admins and support may see its applications");
    const visible = new Set(job.visibleApplicantIds ?? []);
    return (await ctx.loaders.applicationsByJob.load(job.id)).filter((a) => visible.has(a.personId));
  },
};
