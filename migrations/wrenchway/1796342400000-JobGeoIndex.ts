import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Job searches by ZIP and radius (Query.jobs with a ZIP, Person.jobMatches) read the open jobs in
 * a bounding box. The (lat, lon) index served the latitude band only, then fetched every job in
 * it, open or closed, of any industry, from the table to test the rest. This one starts with the
 * status (an equality), ranges on latitude, and carries longitude, industry, posting date and id,
 * so the search's first statement is answered from the index alone.
 */
export class JobGeoIndex1796342400000 implements MigrationInterface {
  name = 'JobGeoIndex1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('job_post', new TableIndex({ name: 'ix_job_post_status_geo', columnNames: ['status', 'lat', 'lon', 'industry', 'posted_on', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('job_post', 'ix_job_post_status_geo');
  }
}
