import { forbidden, type DataRecord } from '@talent-graph/platform';
import { mayReadMyData } from '../rules/access.ts';
import type { Context } from './context.ts';

const record = (kind: string, id: string, summary: string, recordedAt: string | null): DataRecord => ({ subgraph: 'cref', kind, id, summary, recordedAt });

const usd = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

/**
 * Subject access: the directory owns MyData and decides who may ask; cref adds every row it keeps
 * about the person: scholarships (person_id) and donation claims they made (claimed_by). Every
 * lookup goes through a per-request loader, so many MyData representations cost one statement per
 * table (and one for the claimed offers' titles).
 */
export const MyData = {
  __resolveReference: (ref: { personId: string }) => ref,
  cref: async ({ personId }: { personId: string }, _args: unknown, ctx: Context): Promise<DataRecord[]> => {
    // Defence in depth: the gateway only reaches here through myData, but check the caller again.
    if (!mayReadMyData(ctx.caller, personId)) throw forbidden('You may see only your own data, or a minor’s in your care');
    const [scholarships, claims] = await Promise.all([ctx.loaders.scholarshipsByPerson.load(personId), ctx.loaders.claimsByClaimer.load(personId)]);
    const offers = await Promise.all(claims.map((c) => ctx.loaders.offerById.load(c.offerId)));
    return [
      ...scholarships.map((s) => record('Scholarship', s.id, `CREF scholarship of ${usd(s.amountUsd)} for ${s.year}, school ${s.schoolId}`, null)),
      ...claims.map((c, i) => {
        const offer = offers[i];
        const what = offer ? `“${offer.title}” (offer ${c.offerId})` : `offer ${c.offerId}`;
        return record('DonationClaim', c.id, `Claimed ${c.quantity} × ${what} worth ${usd(c.valueUsd)} for school ${c.schoolId}`, c.claimedOn);
      }),
    ];
  },
};
