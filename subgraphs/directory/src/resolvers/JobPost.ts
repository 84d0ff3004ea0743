import { personFor } from './Person.ts';
import type { Context } from '../context.ts';

/**
 * WrenchWay's job posts, extended only to filter an applicant list by the directory's own rules:
 * an applicant is visible to the caller exactly when their person reference would resolve for
 * them (Person.ts personFor). Loaders batch the people, consents and guardianships of every
 * applicant of every job in the operation.
 */
export const JobPost = {
  __resolveReference: (ref: { id: string; applicantIds?: string[] }) => ref,
  visibleApplicantIds: async (job: { applicantIds?: string[] }, _args: unknown, ctx: Context) => {
    const ids = job.applicantIds ?? [];
    const people = await Promise.all(ids.map((id) => personFor(id, ctx)));
    return ids.filter((_, i) => people[i] !== null);
  },
};
