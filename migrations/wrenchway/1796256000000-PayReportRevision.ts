import { createDataRevisions, dropDataRevisions } from '@talent-graph/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The revision of pay_report, which every Pay Tool cell reads whole: each process keeps the
 * reports in memory (subgraphs/wrenchway/src/payReports.ts) and checks this revision per request
 * (internal/platform/src/dataRevisions.ts).
 */
const REVISED_TABLES = ['pay_report'];

export class PayReportRevision1796256000000 implements MigrationInterface {
  name = 'PayReportRevision1796256000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDataRevisions(queryRunner, REVISED_TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropDataRevisions(queryRunner, REVISED_TABLES);
  }
}
