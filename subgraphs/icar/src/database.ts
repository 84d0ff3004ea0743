import { createDataSource, IdempotencyKeyEntity, type DatabaseTarget, type SqlCounter } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/icar/index.ts';
import { AcademyEnrollment } from './entities/AcademyEnrollment.ts';
import { AcademyProgram } from './entities/AcademyProgram.ts';
import { Apprenticeship } from './entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from './entities/ApprenticeshipHourLog.ts';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { Course } from './entities/Course.ts';
import { CourseEnrollment } from './entities/CourseEnrollment.ts';
import { Credential } from './entities/Credential.ts';

export const entities = [Course, CourseEnrollment, AcademyProgram, AcademyEnrollment, Apprenticeship, ApprenticeshipHourLog, CollisionCareersJob, Credential, IdempotencyKeyEntity];

/** I-CAR's data source: its own SQLite file or its own PostgreSQL schema (`icar`). */
export function openDatabase(target: DatabaseTarget, counter?: SqlCounter): DataSource {
  return createDataSource({ target, entities, migrations, counter });
}
