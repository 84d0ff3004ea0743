import { randomUUID } from 'node:crypto';
import { checkIdempotencyKey, conflict, forbidden, InputProblems, isUniqueViolation, notFound, runIdempotent, unauthenticated } from '@talent-graph/platform';
import type { Context } from './context.ts';
import { JobApplication } from '../entities/JobApplication.ts';
import { JobPost } from '../entities/JobPost.ts';
import { normalizeApplication, type ApplyToJobInput } from '../rules/inputs.ts';

const alreadyApplied = (jobId: string) => conflict(`You have already applied to job ${jobId}`, { jobId });

export const Mutation = {
  /**
   * Checks, in this order: input fields (BAD_USER_INPUT naming each), a caller (UNAUTHENTICATED),
   * the caller applying for themself — a guardian may not apply for a ward (FORBIDDEN), the job
   * existing (NOT_FOUND), open (CONFLICT), not yet applied to (CONFLICT). One transaction: on
   * any error nothing is written. The unique index catches a concurrent double submit. With an
   * idempotency key, a retry returns the first application instead of CONFLICT.
   */
  applyToJob: async (_root: unknown, args: { input: ApplyToJobInput; idempotencyKey?: string | null }, ctx: Context) => {
    const problems = new InputProblems();
    const input = normalizeApplication(args.input, problems);
    checkIdempotencyKey(problems, args.idempotencyKey);
    problems.throwIfAny();
    if (!ctx.caller.sub) throw unauthenticated('Sign in to apply to a job');
    if (ctx.caller.sub !== input.personId) throw forbidden('You may only apply to jobs for yourself');
    try {
      // runIdempotent queues SQLite transactions (inTransaction): db.transaction would nest a
      // concurrent request's work as a savepoint inside another's.
      return await runIdempotent(ctx.db, { key: args.idempotencyKey, scope: ctx.caller.sub, mutation: 'applyToJob', request: args.input, now: ctx.clock.now() }, async (manager) => {
        const job = await manager.findOneBy(JobPost, { id: input.jobId });
        if (!job) throw notFound('Job', input.jobId);
        if (job.status !== 'OPEN') throw conflict(`Job ${input.jobId} is closed and no longer accepts applications`, { jobId: input.jobId });
        const existing = await manager.findOneBy(JobApplication, { jobId: input.jobId, personId: input.personId });
        if (existing) throw alreadyApplied(input.jobId);
        const application = manager.create(JobApplication, {
          // 'app-' + a UUID is exactly 40 characters, the id column's length.
          id: `app-${randomUUID()}`,
          jobId: input.jobId,
          personId: input.personId,
          appliedOn: ctx.clock.today(),
          status: 'SUBMITTED',
          note: input.note,
        });
        await manager.insert(JobApplication, application);
        return application;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyApplied(input.jobId);
      throw error;
    }
  },
};
