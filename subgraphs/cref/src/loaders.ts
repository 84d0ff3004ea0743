import DataLoader from 'dataloader';
import { byKey, groupedByKey, MAX_BATCH, type Clock } from '@talent-graph/platform';
import { In, type DataSource } from 'typeorm';
import { BenchmarkGrant } from './entities/BenchmarkGrant.ts';
import { DonationClaim } from './entities/DonationClaim.ts';
import { DonationOffer } from './entities/DonationOffer.ts';
import { Donor } from './entities/Donor.ts';
import { Scholarship } from './entities/Scholarship.ts';
import { SchoolRequest } from './entities/SchoolRequest.ts';
import { readRevisions, type Revisions } from './dataRevision.ts';
import { sumTotals, type CrefTotals } from './rules/totals.ts';
import { totalsRowsByKey, type TotalsDimension } from './totalsQuery.ts';
import { withheldScholarshipCells } from './scholarshipSuppression.ts';

/** A totals lookup: a school id or state code, and a year (null for all years). */
export interface TotalsKey {
  id: string;
  year: number | null;
}

/**
 * Totals for many (key, year) pairs: the rows of every key in the batch, for all years, come from
 * the process's copy when the tables have not changed since, else from ONE statement for the keys
 * not kept yet (totalsQuery.ts); each pair is folded from them, so a batch that mixes years
 * (aliases `crefTotals(year: 2023)` and `crefTotals`) still costs one statement at most.
 */
function totalsLoader(db: DataSource, dimension: Exclude<TotalsDimension, null>, revisions: () => Promise<Revisions>): DataLoader<TotalsKey, CrefTotals, string> {
  return new DataLoader<TotalsKey, CrefTotals, string>(
    async (keys) => {
      const byId = await totalsRowsByKey(db, dimension, keys.map((k) => k.id), await revisions());
      return keys.map((k) => sumTotals(byId.get(k.id) ?? [], k.year));
    },
    { maxBatchSize: MAX_BATCH, cacheKeyFn: (k) => `${k.id}|${k.year ?? '*'}` },
  );
}

/** Loaders for one request; each turns a batch of lookups into one SQL statement. */
export function createLoaders(db: DataSource, _clock: Clock) {
  const ids = (keys: readonly string[]) => In([...keys]);
  // Read once per request, before any row they vouch for (dataRevision.ts).
  let revisionsRead: Promise<Revisions> | undefined;
  const revisions = () => (revisionsRead ??= readRevisions(db));
  let scholarshipSuppression: Promise<ReadonlySet<string>> | undefined;
  return {
    /**
     * After this request wrote: later fields of it (a second mutation's answer) read the
     * revisions again, so they never use copies from before its own write.
     */
    forgetRevisions: () => {
      revisionsRead = undefined;
      scholarshipSuppression = undefined;
    },
    /**
     * The scholarship cells withheld (rules/scholarshipCells.ts), asked once per request: which
     * cells to hide depends on every scholarship, so the process keeps the answer until a write
     * to scholarship changes it (scholarshipSuppression.ts).
     */
    suppressedScholarshipCells: () => (scholarshipSuppression ??= revisions().then((r) => withheldScholarshipCells(db, r.scholarship))),
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
    schoolTotals: totalsLoader(db, 'school_id', revisions),
    stateTotals: totalsLoader(db, 'state_code', revisions),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
