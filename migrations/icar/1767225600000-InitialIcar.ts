import { Table, TableForeignKey, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '40', isPrimary: true };
const ref = (name: string, nullable = false) => ({ name, type: 'varchar', length: '40', isNullable: nullable });
const day = (name: string, nullable = false) => ({ name, type: 'varchar', length: '10', isNullable: nullable });

/**
 * I-CAR's tables, written with the QueryRunner Table API so the one migration runs on SQLite and
 * PostgreSQL alike. Person, shop, school and program ids are plain columns: those records live in
 * the directory, never in a foreign key here.
 */
export class InitialIcar1767225600000 implements MigrationInterface {
  name = 'InitialIcar1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'course',
        columns: [
          id,
          { name: 'code', type: 'varchar', length: '20' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '40', isNullable: true },
          { name: 'pro_level', type: 'integer', isNullable: true },
          { name: 'learning_area', type: 'varchar', length: '40' },
          { name: 'hours', type: 'double precision' },
          { name: 'academy', type: 'boolean' },
        ],
        uniques: [new TableUnique({ name: 'uq_course_code', columnNames: ['code'] })],
      }),
      true,
    );
    await queryRunner.createIndex('course', new TableIndex({ name: 'ix_course_role_level', columnNames: ['role', 'pro_level'] }));
    await queryRunner.createIndex('course', new TableIndex({ name: 'ix_course_learning_area', columnNames: ['learning_area'] }));

    await queryRunner.createTable(
      new Table({
        name: 'course_enrollment',
        columns: [id, ref('person_id'), ref('course_id'), day('enrolled_on'), day('completed_on', true)],
        // Once per person and course; its leading column also serves lookups by person.
        uniques: [new TableUnique({ name: 'uq_course_enrollment_person_course', columnNames: ['person_id', 'course_id'] })],
        foreignKeys: [new TableForeignKey({ name: 'fk_course_enrollment_course', columnNames: ['course_id'], referencedTableName: 'course', referencedColumnNames: ['id'] })],
      }),
      true,
    );
    await queryRunner.createIndex('course_enrollment', new TableIndex({ name: 'ix_course_enrollment_course', columnNames: ['course_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'academy_program',
        columns: [
          { name: 'program_id', type: 'varchar', length: '40', isPrimary: true },
          ref('school_id'),
          { name: 'state_code', type: 'varchar', length: '2' },
          day('since'),
        ],
      }),
      true,
    );
    await queryRunner.createIndex('academy_program', new TableIndex({ name: 'ix_academy_program_school', columnNames: ['school_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'academy_enrollment',
        columns: [id, ref('person_id'), ref('program_id'), { name: 'state_code', type: 'varchar', length: '2' }, day('started_on'), day('completed_on', true)],
        foreignKeys: [new TableForeignKey({ name: 'fk_academy_enrollment_program', columnNames: ['program_id'], referencedTableName: 'academy_program', referencedColumnNames: ['program_id'] })],
      }),
      true,
    );
    await queryRunner.createIndex('academy_enrollment', new TableIndex({ name: 'ix_academy_enrollment_person', columnNames: ['person_id'] }));
    await queryRunner.createIndex('academy_enrollment', new TableIndex({ name: 'ix_academy_enrollment_program', columnNames: ['program_id'] }));
    await queryRunner.createIndex('academy_enrollment', new TableIndex({ name: 'ix_academy_enrollment_state', columnNames: ['state_code'] }));

    await queryRunner.createTable(
      new Table({
        name: 'apprenticeship',
        columns: [id, ref('apprentice_id'), ref('mentor_id'), ref('shop_id'), { name: 'soc_code', type: 'varchar', length: '10' }, day('started_on'), { name: 'required_hours', type: 'integer' }],
      }),
      true,
    );
    await queryRunner.createIndex('apprenticeship', new TableIndex({ name: 'ix_apprenticeship_apprentice', columnNames: ['apprentice_id'] }));
    await queryRunner.createIndex('apprenticeship', new TableIndex({ name: 'ix_apprenticeship_mentor', columnNames: ['mentor_id'] }));
    await queryRunner.createIndex('apprenticeship', new TableIndex({ name: 'ix_apprenticeship_shop', columnNames: ['shop_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'apprenticeship_hour_log',
        columns: [
          id,
          ref('apprenticeship_id'),
          day('worked_on'),
          { name: 'hours', type: 'double precision' },
          { name: 'activity', type: 'varchar', length: '500' },
          ref('confirmed_by', true),
        ],
        // One log per day; (apprenticeship_id, worked_on) also drives the newest-first pages and the sums.
        uniques: [new TableUnique({ name: 'uq_hour_log_apprenticeship_day', columnNames: ['apprenticeship_id', 'worked_on'] })],
        foreignKeys: [new TableForeignKey({ name: 'fk_hour_log_apprenticeship', columnNames: ['apprenticeship_id'], referencedTableName: 'apprenticeship', referencedColumnNames: ['id'] })],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'collision_careers_job',
        columns: [
          id,
          { name: 'title', type: 'varchar', length: '120' },
          ref('shop_id'),
          { name: 'shop_name', type: 'varchar', length: '200' },
          { name: 'state_code', type: 'varchar', length: '2' },
          { name: 'city', type: 'varchar', length: '100' },
          { name: 'zip', type: 'varchar', length: '10' },
          day('posted_on'),
        ],
      }),
      true,
    );
    await queryRunner.createIndex('collision_careers_job', new TableIndex({ name: 'ix_cc_job_posted', columnNames: ['posted_on', 'id'] }));
    await queryRunner.createIndex('collision_careers_job', new TableIndex({ name: 'ix_cc_job_state_posted', columnNames: ['state_code', 'posted_on', 'id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'credential',
        columns: [id, ref('person_id'), { name: 'role', type: 'varchar', length: '40' }, { name: 'pro_level', type: 'integer' }, day('earned_on')],
        // A ProLevel in a role is earned once.
        uniques: [new TableUnique({ name: 'uq_credential_person_role_level', columnNames: ['person_id', 'role', 'pro_level'] })],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['credential', 'collision_careers_job', 'apprenticeship_hour_log', 'apprenticeship', 'academy_enrollment', 'academy_program', 'course_enrollment', 'course']) {
      await queryRunner.dropTable(table, true);
    }
  }
}
