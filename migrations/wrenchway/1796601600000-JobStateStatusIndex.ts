import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A state's open jobs (State.jobs on the state dashboard): the count and the newest-first page
 * both filter on the state and the status. The (state_code, posted_on) index found the state's
 * rows but fetched each one from the table to test its status, for the count as well. This one
 * carries the status after the state and then the page order, so the count is answered from the
 * index alone and the page reads its rows in order, stopping at the page's end.
 */
export class JobStateStatusIndex1796601600000 implements MigrationInterface {
  name = 'JobStateStatusIndex1796601600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('job_post', new TableIndex({ name: 'ix_job_post_state_status', columnNames: ['state_code', 'status', 'posted_on', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('job_post', 'ix_job_post_state_status');
  }
}
