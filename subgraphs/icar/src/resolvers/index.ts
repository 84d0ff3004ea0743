import type { Resolvers } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';
import { AcademyEnrollment } from './AcademyEnrollment.ts';
import { Apprenticeship, ApprenticeshipHourLogResolvers } from './Apprenticeship.ts';
import { CollisionCareersJob } from './CollisionCareersJob.ts';
import { Course } from './Course.ts';
import { CourseEnrollment } from './CourseEnrollment.ts';
import { ErasureReceipt } from './ErasureReceipt.ts';
import { ICarCredential } from './ICarCredential.ts';
import { Mutation } from './Mutation.ts';
import { MyData } from './MyData.ts';
import { Person } from './Person.ts';
import { Program } from './Program.ts';
import { Query } from './Query.ts';
import { Shop } from './Shop.ts';
import { State } from './State.ts';

export const resolvers: Resolvers<Loaders> = {
  Query,
  Mutation,
  Person,
  Program,
  Shop,
  State,
  Course,
  CourseEnrollment,
  AcademyEnrollment,
  Apprenticeship,
  ApprenticeshipHourLog: ApprenticeshipHourLogResolvers,
  ICarCredential,
  CollisionCareersJob,
  MyData,
  ErasureReceipt,
};
