import { InputProblems, paginate, type PageArgs } from '@talent-graph/platform';
import { DonationOffer, type DonationCategory } from '../entities/DonationOffer.ts';
import { Donor } from '../entities/Donor.ts';
import { TOTALS_MAX_YEARS } from '../rules/config.ts';
import { sumTotals, yearsPresent } from '../rules/totals.ts';
import { loadTotalsRows } from '../totalsQuery.ts';
import { scholarshipCell } from '../rules/scholarshipCells.ts';
import type { Context } from './context.ts';

export const Query = {
  donationOffers: (_root: unknown, args: PageArgs & { category?: DonationCategory | null; openOnly?: boolean | null }, ctx: Context) => {
    const qb = ctx.db.getRepository(DonationOffer).createQueryBuilder('offer');
    if (args.category) qb.andWhere('offer.category = :category', { category: args.category });
    // openOnly defaults to true; an explicit null means the same.
    if (args.openOnly ?? true) qb.andWhere('offer.quantityClaimed < offer.quantity');
    return paginate(qb, args, { column: 'offer.offeredOn', property: 'offeredOn', direction: 'DESC' }, 'offer.id');
  },

  donationOffer: (_root: unknown, args: { id: string }, ctx: Context) => ctx.loaders.offerById.load(args.id),

  /** Sorted here, not in SQL, so the order does not depend on the database's collation (a few dozen rows). */
  crefDonors: async (_root: unknown, _args: unknown, ctx: Context) => {
    const donors = await ctx.db.getRepository(Donor).find();
    return donors.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  },

  crefTotals: async (_root: unknown, args: { years?: number[] | null }, ctx: Context) => {
    const asked = args.years ?? [];
    const problems = new InputProblems();
    problems.check(asked.length <= TOTALS_MAX_YEARS, 'years', `may list at most ${TOTALS_MAX_YEARS} years`);
    problems.check(asked.every((y) => y >= 1900 && y <= 2100), 'years', 'each year must be from 1900 to 2100');
    problems.throwIfAny();
    const rows = await loadTotalsRows(ctx.db, null, null);
    const years = asked.length > 0 ? asked : yearsPresent(rows);
    return years.map((year) => ({ ...sumTotals(rows, year), cell: scholarshipCell('all', year) }));
  },
};
