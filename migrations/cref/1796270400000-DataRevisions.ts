import { createDataRevisions, dropDataRevisions } from '@talent-graph/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The revisions of scholarship, whose every row decides which scholarship cells are withheld, and
 * of the three tables CREF totals count and sum: each process keeps those answers in memory
 * (subgraphs/cref/src/dataRevision.ts) and checks these revisions per request
 * (internal/platform/src/dataRevisions.ts). On PostgreSQL concurrent claims therefore commit one
 * after another for their last statements (docs/operations.md).
 */
const REVISED_TABLES = ['scholarship', 'benchmark_grant', 'donation_claim'];

export class DataRevisions1796270400000 implements MigrationInterface {
  name = 'DataRevisions1796270400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDataRevisions(queryRunner, REVISED_TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropDataRevisions(queryRunner, REVISED_TABLES);
  }
}
