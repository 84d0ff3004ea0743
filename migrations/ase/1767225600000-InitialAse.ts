import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The ase schema: the test catalogue, certifications, shops' service areas and program
 * accreditations. Written with the Table API so it runs unchanged on SQLite and PostgreSQL.
 */
export class InitialAse1767225600000 implements MigrationInterface {
  name = 'InitialAse1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ase_test',
        columns: [
          { name: 'code', type: 'varchar', length: '10', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'series', type: 'varchar', length: '20' },
          { name: 'entry_level', type: 'boolean' },
          { name: 'validity_years', type: 'integer' },
          { name: 'position', type: 'integer' },
        ],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'certification',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'person_id', type: 'varchar', length: '40' },
          { name: 'test_code', type: 'varchar', length: '10' },
          { name: 'earned_on', type: 'varchar', length: '10' },
          { name: 'expires_on', type: 'varchar', length: '10' },
          { name: 'experience_months_credited', type: 'integer' },
          { name: 'candidate_id', type: 'varchar', length: '20' },
          { name: 'renewal_of', type: 'varchar', length: '40', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({ name: 'fk_certification_test', columnNames: ['test_code'], referencedTableName: 'ase_test', referencedColumnNames: ['code'] }),
          new TableForeignKey({ name: 'fk_certification_renewal_of', columnNames: ['renewal_of'], referencedTableName: 'certification', referencedColumnNames: ['id'] }),
        ],
      }),
      true,
    );
    // A person earns a given test once per day. The person's list and the Blue Seal batch
    // (`person_id IN (…)`) read through this index's leading column.
    await queryRunner.createIndex('certification', new TableIndex({ name: 'uq_certification_person_test_earned', columnNames: ['person_id', 'test_code', 'earned_on'], isUnique: true }));

    await queryRunner.createTable(
      new Table({
        name: 'shop_service_area',
        columns: [
          { name: 'shop_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'test_code', type: 'varchar', length: '10', isPrimary: true },
        ],
        foreignKeys: [new TableForeignKey({ name: 'fk_shop_service_area_test', columnNames: ['test_code'], referencedTableName: 'ase_test', referencedColumnNames: ['code'] })],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'accreditation',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'program_id', type: 'varchar', length: '40' },
          { name: 'state_code', type: 'varchar', length: '2' },
          { name: 'accredited_on', type: 'varchar', length: '10' },
          { name: 'expires_on', type: 'varchar', length: '10' },
        ],
      }),
      true,
    );
    // A program is accredited once per day; "latest per program" reads this index.
    await queryRunner.createIndex('accreditation', new TableIndex({ name: 'uq_accreditation_program_accredited', columnNames: ['program_id', 'accredited_on'], isUnique: true }));
    // A state's list: filtered by state, keyset-ordered by program.
    await queryRunner.createIndex('accreditation', new TableIndex({ name: 'ix_accreditation_state_program', columnNames: ['state_code', 'program_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('accreditation', true);
    await queryRunner.dropTable('shop_service_area', true);
    await queryRunner.dropTable('certification', true);
    await queryRunner.dropTable('ase_test', true);
  }
}
