import { forbidden, inTransaction, isSelfOrGuardian, ERASED_ID, type ErasureOutcome, type ErasureReceiptRef } from '@talent-graph/platform';
import { DonationClaim } from '../entities/DonationClaim.ts';
import { Scholarship } from '../entities/Scholarship.ts';
import type { Context } from './context.ts';

/**
 * Erasure: the directory owns ErasureReceipt (Mutation.requestErasure); the gateway resolves
 * `cref` right after it, and that is where CREF erases. It covers exactly what MyData.cref lists:
 * scholarships (person_id) and donation claims the person made (claimed_by). Both feed CREF's
 * public totals per school, state and year, so neither is deleted: the person's id is replaced by
 * 'erased' (neither column is a foreign key), and the amounts, schools, states and years stay.
 */
export const ErasureReceipt = {
  __resolveReference: (ref: ErasureReceiptRef) => ref,
  cref: async ({ personId }: ErasureReceiptRef, _args: unknown, ctx: Context): Promise<ErasureOutcome> => {
    // Only the person or their guardian; support and partner admins may not erase someone.
    if (!isSelfOrGuardian(ctx.caller, personId)) throw forbidden('Only the person, or a guardian for a minor, may ask for their records to be erased');
    // 'erased' is the placeholder, not a person: "erasing" it would re-count anonymised rows.
    if (personId === ERASED_ID) return { subgraph: 'cref', erased: 0, anonymised: 0, kept: [] };

    const { scholarships, claims } = await inTransaction(ctx.db, async (manager) => {
      const s = await manager.createQueryBuilder().update(Scholarship).set({ personId: ERASED_ID }).where('person_id = :personId', { personId }).execute();
      const c = await manager.createQueryBuilder().update(DonationClaim).set({ claimedBy: ERASED_ID }).where('claimed_by = :personId', { personId }).execute();
      return { scholarships: s.affected ?? 0, claims: c.affected ?? 0 };
    });
    // Fewer distinct students can change which scholarship cells are withheld (loaders.ts).
    ctx.loaders.forgetRevisions();

    const kept: string[] = [];
    if (scholarships > 0) {
      kept.push(`${scholarships} scholarship(s): amount, school, state and year kept with the student removed (person id → 'erased'), because they count in CREF's public scholarship totals per school, state and year`);
    }
    if (claims > 0) {
      kept.push(`${claims} donation claim(s): the school's claim (offer, quantity, value, date) kept with the claimer removed (claimed_by → 'erased'), because it belongs to the school and counts in the offer's claimed quantity and CREF's public donation totals per school, state and year`);
    }
    return { subgraph: 'cref', erased: 0, anonymised: scholarships + claims, kept };
  },
};
