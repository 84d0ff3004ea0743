import { forbidden, inTransaction, isSelfOrGuardian, type Resolvers, type ErasureOutcome, type ErasureReceiptRef } from '@talent-graph/platform';
import { CertificationEntity } from '../entities/CertificationEntity.ts';
import type { Loaders } from '../loaders.ts';
import type { AseContext } from './context.ts';

export const erasureReceiptResolvers = {
  ErasureReceipt: {
    __resolveReference: (ref: ErasureReceiptRef) => ref,

    /**
     * Erases what MyData.ase lists for the person: every row of `certification` (current, expired
     * and renewals, with the experience credited) and so ASE's candidate number, which lives only
     * in those rows. Nothing there is relied on by anyone else — a shop's Blue Seal standing is
     * computed from the technicians the directory lists, and the catalogue, shops' service areas
     * and accreditations hold nothing about a person — so every row is deleted, none anonymised.
     * (An anonymised row could not even be kept: the unique index on person, test and day would
     * collide between two erased people.) A second request finds nothing and erases 0.
     */
    ase: async ({ personId }: ErasureReceiptRef, _args: unknown, ctx: AseContext): Promise<ErasureOutcome> => {
      // Only the person, or a guardian for a minor; support may read (MyData) but never erase.
      if (!isSelfOrGuardian(ctx.caller, personId)) {
        throw forbidden('Only the person, or a guardian for a minor in their care, may erase their records');
      }
      return inTransaction(ctx.db, async (manager) => {
        const certifications = manager.getRepository(CertificationEntity);
        const held = await certifications.countBy({ personId });
        if (held === 0) return { subgraph: 'ase', erased: 0, anonymised: 0, kept: [] };
        // Renewal chains (renewal_of) stay within one person's certifications: one DELETE removes
        // a whole chain, the foreign key being checked at the end of the statement.
        const result = await certifications.delete({ personId });
        return { subgraph: 'ase', erased: result.affected ?? held, anonymised: 0, kept: [] };
      });
    },
  },
} satisfies Resolvers<Loaders>;
