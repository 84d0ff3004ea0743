import type { Resolvers } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';
import { BenchmarkGrant } from './BenchmarkGrant.ts';
import { CrefTotals } from './CrefTotals.ts';
import { DonationClaim } from './DonationClaim.ts';
import { DonationOffer } from './DonationOffer.ts';
import { Donor } from './Donor.ts';
import { ErasureReceipt } from './ErasureReceipt.ts';
import { Mutation } from './Mutation.ts';
import { MyData } from './MyData.ts';
import { Person } from './Person.ts';
import { Query } from './Query.ts';
import { Scholarship } from './Scholarship.ts';
import { School } from './School.ts';
import { SchoolRequest } from './SchoolRequest.ts';
import { State } from './State.ts';

export const resolvers: Resolvers<Loaders> = {
  Query,
  Mutation,
  Donor,
  DonationOffer,
  DonationClaim,
  SchoolRequest,
  BenchmarkGrant,
  CrefTotals,
  Scholarship,
  School,
  State,
  Person,
  MyData,
  ErasureReceipt,
};
