import { createDataRevisions, dropDataRevisions } from '@talent-graph/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The revision of course, the catalogue every ProLevel and Gold Class answer reads whole: each
 * process keeps it in memory (subgraphs/icar/src/courses.ts) and checks this revision per request
 * (internal/platform/src/dataRevisions.ts).
 */
const REVISED_TABLES = ['course'];

export class CourseRevision1796428800000 implements MigrationInterface {
  name = 'CourseRevision1796428800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDataRevisions(queryRunner, REVISED_TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropDataRevisions(queryRunner, REVISED_TABLES);
  }
}
