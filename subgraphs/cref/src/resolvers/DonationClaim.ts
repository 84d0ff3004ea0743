import { notFound } from '@talent-graph/platform';
import type { DonationClaim as ClaimRow } from '../entities/DonationClaim.ts';
import { schoolRef, type Context } from './context.ts';

export const DonationClaim = {
  offer: async (claim: ClaimRow, _args: unknown, ctx: Context) => {
    const offer = await ctx.loaders.offerById.load(claim.offerId);
    if (!offer) throw notFound('Donation offer', claim.offerId);
    return offer;
  },
  school: (claim: ClaimRow) => schoolRef(claim.schoolId),
  fulfilledRequest: (claim: ClaimRow, _args: unknown, ctx: Context) => (claim.requestId ? ctx.loaders.requestById.load(claim.requestId) : null),
};
