import type { Resolvers } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';
import { CollisionCareersJob } from './CollisionCareersJob.ts';
import { ErasureReceipt } from './ErasureReceipt.ts';
import { JobApplication } from './JobApplication.ts';
import { JobPost } from './JobPost.ts';
import { Mutation } from './Mutation.ts';
import { MyData } from './MyData.ts';
import { Person } from './Person.ts';
import { Query } from './Query.ts';
import { School } from './School.ts';
import { SchoolAssistLink } from './SchoolAssistLink.ts';
import { Shop } from './Shop.ts';
import { State } from './State.ts';

export const resolvers: Resolvers<Loaders> = {
  Query,
  Mutation,
  MyData,
  ErasureReceipt,
  JobPost,
  JobApplication,
  SchoolAssistLink,
  CollisionCareersJob,
  Person,
  Shop,
  School,
  State,
};
