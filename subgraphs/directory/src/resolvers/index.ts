import type { Resolvers } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';
import { Consent } from './Consent.ts';
import { ConsentEvent } from './ConsentEvent.ts';
import { AseCertification, Credential, ICarCredential } from './Credential.ts';
import { ErasureReceipt } from './ErasureReceipt.ts';
import { Mutation } from './Mutation.ts';
import { JobPost } from './JobPost.ts';
import { MyData } from './MyData.ts';
import { Occupation } from './Occupation.ts';
import { Person } from './Person.ts';
import { Program } from './Program.ts';
import { Query } from './Query.ts';
import { School } from './School.ts';
import { Shop } from './Shop.ts';
import { State } from './State.ts';

export const resolvers: Resolvers<Loaders> = {
  Query,
  Mutation,
  MyData,
  ErasureReceipt,
  Person,
  Consent,
  ConsentEvent,
  Credential,
  AseCertification,
  ICarCredential,
  School,
  Program,
  Shop,
  State,
  Occupation,
  JobPost,
};
