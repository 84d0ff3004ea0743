import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The record of every erasure request: who asked, for whom, when (kept after the erasure itself). */
export class ErasureRequests1764633600000 implements MigrationInterface {
  name = 'ErasureRequests1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'erasure_request',
      columns: [
        { name: 'id', type: 'varchar', length: '40', isPrimary: true },
        { name: 'person_id', type: 'varchar', length: '40' },
        { name: 'requested_by', type: 'varchar', length: '40' },
        { name: 'requested_at', type: 'varchar', length: '30' },
      ],
      indices: [new TableIndex({ name: 'idx_erasure_request_person', columnNames: ['person_id'] })],
    }), true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('erasure_request', true);
  }
}
