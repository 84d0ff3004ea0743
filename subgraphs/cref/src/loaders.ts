import DataLoader from 'dataloader';
import { byKey, groupedByKey, MAX_BATCH, type Clock } from '@talent-graph/platform';
import { In, type DataSource } from 'typeorm';
import { BenchmarkGrant } from './entities/BenchmarkGrant.ts';
import { DonationClaim } from './entities/DonationClaim.ts';
import { DonationOffer } from './entities/DonationOffer.ts';
import { Donor } from './entities/Donor.ts';
import { Scholarship } from './entities/Scholarship.ts';
import { SchoolRequest } from './entities/SchoolRequest.ts';
import { sumTotals, type CrefTotals, type TotalsRow } from './rules/totals.ts';
import { loadTotalsRows, type TotalsDimension } from './totalsQuery.ts';
import { suppressedScholarshipCells } from './rules/scholarshipCells.ts';

/** A totals lookup: a school id or state code, and a year (null for all years). */
export interface TotalsKey {
  id: string;
  year: number | null;
}

/**
 * Totals for many (key, year) pairs in ONE statement: the rows of every key in the batch are
 * fetched for all years at once, and each pair is folded from them, so a batch that mixes years
 * (aliases `crefTotals(year: 2023)` and `crefTotals`) still costs one statement.
 */
function totalsLoader(db: DataSource, dimension: Exclude<TotalsDimension, null>): DataLoader<TotalsKey, CrefTotals, string> {
  return new DataLoader<TotalsKey, CrefTotals, string>(
    async (keys) => {
      const ids = [...new Set(keys.map((k) => k.id))];
      const rows = await loadTotalsRows(db, dimension, ids);
      const byId = new Map<string, TotalsRow[]>();
      for (const row of rows) byId.set(row.key!, [...(byId.get(row.key!) ?? []), row]);
      return keys.map((k) => sumTotals(byId.get(k.id) ?? [], k.year));
    },
    { maxBatchSize: MAX_BATCH, cacheKeyFn: (k) => `${k.id}|${k.year ?? '*'}` },
  );
}

/** Loaders for one request; each turns a batch of lookups into one SQL statement. */
export function createLoaders(db: DataSource, _clock: Clock) {
  const ids = (keys: readonly string[]) => In([...keys]);
  let scholarshipSuppression: Promise<Set<string>> | undefined;
  return {
    /**
     * The scholarship cells withheld (rules/scholarshipCells.ts), worked out once per request from
     * one statement over every scholarship: which cells to hide depends on all of them.
     */
    suppressedScholarshipCells: () =>
      (scholarshipSuppression ??= db
        .getRepository(Scholarship)
        .find({ select: { personId: true, schoolId: true, stateCode: true, year: true } })
        .then(suppressedScholarshipCells)),
    donorById: byKey<string, Donor>((keys) => db.getRepository(Donor).find({ where: { id: ids(keys) } }), (d) => d.id),
    offerById: byKey<string, DonationOffer>((keys) => db.getRepository(DonationOffer).find({ where: { id: ids(keys) } }), (o) => o.id),
    /** Claims on an offer, oldest first (the order they were made). */
    claimsByOffer: groupedByKey<string, DonationClaim>(
      (keys) => db.getRepository(DonationClaim).find({ where: { offerId: ids(keys) }, order: { claimedOn: 'ASC', id: 'ASC' } }),
      (c) => c.offerId,
    ),
    requestById: byKey<string, SchoolRequest>((keys) => db.getRepository(SchoolRequest).find({ where: { id: ids(keys) } }), (r) => r.id),
    /** A school's claims, newest first. */
    claimsBySchool: groupedByKey<string, DonationClaim>(
      (keys) => db.getRepository(DonationClaim).find({ where: { schoolId: ids(keys) }, order: { claimedOn: 'DESC', id: 'DESC' } }),
      (c) => c.schoolId,
    ),
    /** A school's requests, newest first. */
    requestsBySchool: groupedByKey<string, SchoolRequest>(
      (keys) => db.getRepository(SchoolRequest).find({ where: { schoolId: ids(keys) }, order: { requestedOn: 'DESC', id: 'DESC' } }),
      (r) => r.schoolId,
    ),
    /** A school's Benchmark grants, newest first. */
    grantsBySchool: groupedByKey<string, BenchmarkGrant>(
      (keys) => db.getRepository(BenchmarkGrant).find({ where: { schoolId: ids(keys) }, order: { awardedOn: 'DESC', id: 'DESC' } }),
      (g) => g.schoolId,
    ),
    /** A person's scholarships, newest first. */
    scholarshipsByPerson: groupedByKey<string, Scholarship>(
      (keys) => db.getRepository(Scholarship).find({ where: { personId: ids(keys) }, order: { year: 'DESC', id: 'DESC' } }),
      (s) => s.personId,
    ),
    /** Claims a person made (claimed_by), newest first: their records for subject access. */
    claimsByClaimer: groupedByKey<string, DonationClaim>(
      (keys) => db.getRepository(DonationClaim).find({ where: { claimedBy: ids(keys) }, order: { claimedOn: 'DESC', id: 'DESC' } }),
      (c) => c.claimedBy!,
    ),
    schoolTotals: totalsLoader(db, 'school_id'),
    stateTotals: totalsLoader(db, 'state_code'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
