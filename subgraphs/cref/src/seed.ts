import { insertInChunks } from '@talent-graph/platform';
import type { SeedResult } from '@talent-graph/platform';
import type { World } from '@talent-graph/platform/demo';
import type { DataSource } from 'typeorm';
import { BenchmarkGrant } from './entities/BenchmarkGrant.ts';
import { DonationClaim } from './entities/DonationClaim.ts';
import { DonationOffer } from './entities/DonationOffer.ts';
import { Donor } from './entities/Donor.ts';
import { Scholarship } from './entities/Scholarship.ts';
import { SchoolRef } from './entities/SchoolRef.ts';
import { SchoolRequest } from './entities/SchoolRequest.ts';
import { buildCrefData } from './seedData.ts';


/** Writes CREF's demo data (seedData.ts) in one transaction, parents before children. */
export async function seed(db: DataSource, world: World): Promise<SeedResult> {
  const data = buildCrefData(world);
  await db.transaction(async (manager) => {
    await insertInChunks(manager, SchoolRef, data.schools);
    await insertInChunks(manager, Donor, data.donors);
    await insertInChunks(manager, DonationOffer, data.offers);
    await insertInChunks(manager, SchoolRequest, data.requests);
    await insertInChunks(manager, DonationClaim, data.claims);
    await insertInChunks(manager, BenchmarkGrant, data.grants);
    await insertInChunks(manager, Scholarship, data.scholarships);
  });
  return {
    counts: {
      school_ref: data.schools.length,
      donor: data.donors.length,
      donation_offer: data.offers.length,
      school_request: data.requests.length,
      donation_claim: data.claims.length,
      benchmark_grant: data.grants.length,
      scholarship: data.scholarships.length,
    },
  };
}
