import { forbidden, inTransaction, isSelfOrGuardian, type ErasureOutcome, type ErasureReceiptRef } from '@talent-graph/platform';
import type { Context } from './context.ts';
import { JobApplication } from '../entities/JobApplication.ts';

/**
 * Erasure: the directory owns the request and the receipt; WrenchWay erases what its MyData lists
 * about the person — their job applications. They concern only the applicant (no shop, school or
 * aggregate reads them back: job posts and the Pay Tool never count applications), so they are
 * deleted, not anonymised; anonymising would also collide on the one-application-per-person-and-job
 * index. Pay Tool reports carry no person id, so nothing of theirs is kept. Idempotent: a second
 * request finds nothing and erases 0.
 */
export const ErasureReceipt = {
  __resolveReference: (ref: ErasureReceiptRef) => ref,
  wrenchway: async ({ personId }: ErasureReceiptRef, _args: unknown, ctx: Context): Promise<ErasureOutcome> => {
    // Only the person or a guardian of a minor; support and partner admins may read, never erase.
    if (!isSelfOrGuardian(ctx.caller, personId)) {
      throw forbidden('Only the person, or a guardian for a minor, may erase their records');
    }
    const erased = await inTransaction(ctx.db, async (manager) => {
      const result = await manager.delete(JobApplication, { personId });
      return result.affected ?? 0;
    });
    return { subgraph: 'wrenchway', erased, anonymised: 0, kept: [] };
  },
};
