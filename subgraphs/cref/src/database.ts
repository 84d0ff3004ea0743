import { createDataSource, IdempotencyKeyEntity, type DatabaseTarget, type SqlCounter } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/cref/index.ts';
import { BenchmarkGrant } from './entities/BenchmarkGrant.ts';
import { DonationClaim } from './entities/DonationClaim.ts';
import { DonationOffer } from './entities/DonationOffer.ts';
import { Donor } from './entities/Donor.ts';
import { Scholarship } from './entities/Scholarship.ts';
import { SchoolRef } from './entities/SchoolRef.ts';
import { SchoolRequest } from './entities/SchoolRequest.ts';

export const entities = [SchoolRef, Donor, DonationOffer, DonationClaim, SchoolRequest, BenchmarkGrant, Scholarship, IdempotencyKeyEntity];

export function openDatabase(target: DatabaseTarget, counter?: SqlCounter): DataSource {
  return createDataSource({ target, entities, migrations, counter });
}
