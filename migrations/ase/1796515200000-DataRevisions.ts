import { createDataRevisions, dropDataRevisions } from '@talent-graph/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The revisions of accreditation and shop_service_area, the two small tables a state dashboard's
 * Program calls and a job search's Blue Seal call read for dozens of programs or shops at a time:
 * each process keeps them in memory (subgraphs/ase/src/keptTables.ts) and checks these revisions
 * per request (internal/platform/src/dataRevisions.ts). Neither holds anything about a person.
 */
const REVISED_TABLES = ['accreditation', 'shop_service_area'];

export class DataRevisions1796515200000 implements MigrationInterface {
  name = 'DataRevisions1796515200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDataRevisions(queryRunner, REVISED_TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropDataRevisions(queryRunner, REVISED_TABLES);
  }
}
