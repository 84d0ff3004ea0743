import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * WrenchWay's tables: ZIP centres, job posts and applications, School Assist links, anonymous
 * pay reports and the Collision Careers copy. Written with the QueryRunner Table API so the
 * same migration runs on SQLite and PostgreSQL.
 */
const id = { name: 'id', type: 'varchar', length: '40', isPrimary: true };
const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const double = (name: string) => ({ name, type: 'double precision' });
const integer = (name: string) => ({ name, type: 'integer' });

export class InitialWrenchway1764000000000 implements MigrationInterface {
  name = 'InitialWrenchway1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'zip_location',
        columns: [{ name: 'zip', type: 'varchar', length: '5', isPrimary: true }, varchar('city', 80), varchar('state_code', 2), double('lat'), double('lon')],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'job_post',
        columns: [
          id,
          varchar('shop_id', 40),
          varchar('shop_name', 120),
          varchar('shop_type', 12),
          varchar('title', 120),
          varchar('industry', 12),
          varchar('soc_code', 7),
          double('pay_min_hourly_usd'),
          double('pay_max_hourly_usd'),
          integer('experience_years_min'),
          { name: 'required_ase_tests', type: 'text' },
          varchar('city', 80),
          varchar('zip', 5),
          varchar('state_code', 2),
          double('lat'),
          double('lon'),
          varchar('posted_on', 10),
          varchar('status', 8),
          varchar('source', 20),
        ],
      }),
      true,
    );
    // Hot paths: newest-first search (optionally open only), per shop, per state, ZIP + radius box.
    await queryRunner.createIndex('job_post', new TableIndex({ name: 'ix_job_post_status_posted', columnNames: ['status', 'posted_on', 'id'] }));
    await queryRunner.createIndex('job_post', new TableIndex({ name: 'ix_job_post_posted', columnNames: ['posted_on', 'id'] }));
    await queryRunner.createIndex('job_post', new TableIndex({ name: 'ix_job_post_shop', columnNames: ['shop_id', 'posted_on'] }));
    await queryRunner.createIndex('job_post', new TableIndex({ name: 'ix_job_post_state', columnNames: ['state_code', 'posted_on'] }));
    await queryRunner.createIndex('job_post', new TableIndex({ name: 'ix_job_post_lat_lon', columnNames: ['lat', 'lon'] }));

    await queryRunner.createTable(
      new Table({
        name: 'job_application',
        columns: [id, varchar('job_id', 40), varchar('person_id', 40), varchar('applied_on', 10), varchar('status', 12), { name: 'note', type: 'text', isNullable: true }],
      }),
      true,
    );
    // "One application per person and job": the index enforces it, applyToJob explains it.
    await queryRunner.createIndex('job_application', new TableIndex({ name: 'ux_job_application_job_person', columnNames: ['job_id', 'person_id'], isUnique: true }));
    await queryRunner.createIndex('job_application', new TableIndex({ name: 'ix_job_application_person', columnNames: ['person_id', 'applied_on'] }));
    await queryRunner.createForeignKey('job_application', new TableForeignKey({ name: 'fk_job_application_job', columnNames: ['job_id'], referencedTableName: 'job_post', referencedColumnNames: ['id'], onDelete: 'CASCADE' }));

    await queryRunner.createTable(
      new Table({
        name: 'school_assist_link',
        columns: [id, varchar('school_id', 40), varchar('shop_id', 40), varchar('since', 10), integer('annual_fee_usd')],
      }),
      true,
    );
    await queryRunner.createIndex('school_assist_link', new TableIndex({ name: 'ux_school_assist_school_shop', columnNames: ['school_id', 'shop_id'], isUnique: true }));
    await queryRunner.createIndex('school_assist_link', new TableIndex({ name: 'ix_school_assist_shop', columnNames: ['shop_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'pay_report',
        columns: [
          id,
          varchar('industry', 12),
          varchar('shop_type', 12),
          varchar('zip', 5),
          double('lat'),
          double('lon'),
          varchar('state_code', 2),
          integer('years_experience'),
          varchar('credential_tier', 10),
          double('hourly_usd'),
          varchar('reported_on', 10),
        ],
      }),
      true,
    );
    await queryRunner.createIndex('pay_report', new TableIndex({ name: 'ix_pay_report_industry_state', columnNames: ['industry', 'state_code'] }));
    await queryRunner.createIndex('pay_report', new TableIndex({ name: 'ix_pay_report_state', columnNames: ['state_code'] }));
    await queryRunner.createIndex('pay_report', new TableIndex({ name: 'ix_pay_report_lat_lon', columnNames: ['lat', 'lon'] }));

    await queryRunner.createTable(
      new Table({
        name: 'collision_careers_job',
        columns: [id, varchar('title', 120), varchar('shop_id', 40), varchar('shop_name', 120), varchar('state_code', 2), varchar('city', 80), varchar('zip', 5), varchar('posted_on', 10)],
      }),
      true,
    );
    await queryRunner.createIndex('collision_careers_job', new TableIndex({ name: 'ix_cc_job_posted', columnNames: ['posted_on', 'id'] }));
    await queryRunner.createIndex('collision_careers_job', new TableIndex({ name: 'ix_cc_job_state_posted', columnNames: ['state_code', 'posted_on'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('collision_careers_job', true);
    await queryRunner.dropTable('pay_report', true);
    await queryRunner.dropTable('school_assist_link', true);
    await queryRunner.dropTable('job_application', true);
    await queryRunner.dropTable('job_post', true);
    await queryRunner.dropTable('zip_location', true);
  }
}
