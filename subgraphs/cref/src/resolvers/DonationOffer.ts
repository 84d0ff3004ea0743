import { notFound } from '@talent-graph/platform';
import type { DonationOffer as OfferRow } from '../entities/DonationOffer.ts';
import { offerStatus, remainingQuantity } from '../rules/donations.ts';
import type { Context } from './context.ts';

export const DonationOffer = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.offerById.load(ref.id),
  donor: async (offer: OfferRow, _args: unknown, ctx: Context) => {
    const donor = await ctx.loaders.donorById.load(offer.donorId);
    // The foreign key makes this impossible; report it plainly rather than as a null in a non-null field.
    if (!donor) throw notFound('Donor', offer.donorId);
    return donor;
  },
  quantityRemaining: (offer: OfferRow) => remainingQuantity(offer),
  status: (offer: OfferRow) => offerStatus(offer),
  claims: (offer: OfferRow, _args: unknown, ctx: Context) => ctx.loaders.claimsByOffer.load(offer.id),
};
