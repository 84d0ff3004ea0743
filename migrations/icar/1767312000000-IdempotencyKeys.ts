import { idempotencyKeyTable } from '@talent-graph/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys for this subgraph's mutations (internal/platform/src/idempotency.ts, docs/reliability.md). */
export class IdempotencyKeys1767312000000 implements MigrationInterface {
  name = 'IdempotencyKeys1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(idempotencyKeyTable(), true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_key', true);
  }
}
