import { notFound } from '@talent-graph/platform';
import type { DonationClaim as ClaimRow } from '../entities/DonationClaim.ts';
import type { DonationOffer } from '../entities/DonationOffer.ts';
import { schoolRef, type Context } from './context.ts';

/**
 * What claimDonation answers (and stores under its idempotency key): the claim, with the offer as
 * the claim left it, so the answer and any replay of it show the same quantities.
 */
export type ClaimAnswer = ClaimRow & { offerAsClaimed?: DonationOffer };

export const DonationClaim = {
  offer: async (claim: ClaimAnswer, _args: unknown, ctx: Context) => {
    if (claim.offerAsClaimed) return claim.offerAsClaimed;
    const offer = await ctx.loaders.offerById.load(claim.offerId);
    if (!offer) throw notFound('Donation offer', claim.offerId);
    return offer;
  },
  school: (claim: ClaimRow) => schoolRef(claim.schoolId),
  fulfilledRequest: (claim: ClaimRow, _args: unknown, ctx: Context) => (claim.requestId ? ctx.loaders.requestById.load(claim.requestId) : null),
};
