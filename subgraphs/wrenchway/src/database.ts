import { createDataSource, IdempotencyKeyEntity, type DatabaseTarget, type SqlCounter } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/wrenchway/index.ts';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { JobApplication } from './entities/JobApplication.ts';
import { JobPost } from './entities/JobPost.ts';
import { PayReport } from './entities/PayReport.ts';
import { SchoolAssistLink } from './entities/SchoolAssistLink.ts';
import { ZipLocation } from './entities/ZipLocation.ts';

export const entities = [ZipLocation, JobPost, JobApplication, SchoolAssistLink, PayReport, CollisionCareersJob, IdempotencyKeyEntity];

/** WrenchWay's data source (SQLite file or its own PostgreSQL schema); never migrates on open. */
export function openDatabase(target: DatabaseTarget, counter?: SqlCounter): DataSource {
  return createDataSource({ target, entities, migrations, counter });
}
