import type { Context } from '../context.ts';
import { ErasureRequest } from '../entities/ErasureRequest.ts';
import type { ErasureOutcome } from '@talent-graph/platform';

/**
 * The receipt of an erasure request. Only `requestErasure` returns one (with the directory's
 * outcome already in it); a reference by id reads the recorded request, and the directory's part,
 * already done, reports nothing left to erase.
 */
export const ErasureReceipt = {
  __resolveReference: async (ref: { id: string; personId: string }, ctx: Context) => {
    const request = await ctx.db.getRepository(ErasureRequest).findOneBy({ id: ref.id });
    return request && request.personId === ref.personId ? { ...ref, requestedAt: request.requestedAt } : null;
  },
  directory: (receipt: { directory?: ErasureOutcome }): ErasureOutcome => receipt.directory ?? { subgraph: 'directory', erased: 0, anonymised: 0, kept: [] },
};
