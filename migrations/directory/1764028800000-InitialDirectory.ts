import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * The directory's tables: states, schools, programs, shops, occupations, people, guardianship,
 * employment, the append-only consent log with its current-state projection, and the credential
 * wallet. Written with the Table API so it runs on SQLite and PostgreSQL alike.
 */
export class InitialDirectory1764028800000 implements MigrationInterface {
  name = 'InitialDirectory1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    // Names sort byte-wise on both databases (SQLite's BINARY, PostgreSQL's "C"), so a keyset
    // page by name is the same on either and does not depend on the server's locale.
    const nameColumn = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...(postgres ? { collation: 'C' } : {}) });
    const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '40', isPrimary: true });
    const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '40', isNullable: nullable });
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const fk = (column: string, table: string, referenced = 'id') => new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: [referenced], onDelete: 'RESTRICT' });

    await queryRunner.createTable(new Table({
      name: 'state',
      columns: [{ name: 'code', type: 'varchar', length: '2', isPrimary: true }, text('name', 60)],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'occupation',
      columns: [
        { name: 'soc_code', type: 'varchar', length: '10', isPrimary: true },
        text('title', 120),
        { name: 'median_annual_pay_usd', type: 'integer' },
        { name: 'median_pay_year', type: 'integer' },
      ],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'school',
      columns: [id(), nameColumn('name', 120), text('kind', 30), text('city', 80), text('zip', 10), text('state_code', 2)],
      foreignKeys: [fk('state_code', 'state', 'code')],
      indices: [
        // State.schools and Query.schools(stateCode): filter by state, keyset by (name, id).
        new TableIndex({ name: 'IDX_school_state_name', columnNames: ['state_code', 'name', 'id'] }),
        // Query.schools without a state: keyset by (name, id).
        new TableIndex({ name: 'IDX_school_name', columnNames: ['name', 'id'] }),
      ],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'program',
      columns: [id(), ref('school_id'), text('discipline', 20), text('name', 120)],
      foreignKeys: [fk('school_id', 'school')],
      indices: [
        // School.programs loader.
        new TableIndex({ name: 'IDX_program_school', columnNames: ['school_id'] }),
        // The discipline filter of schools(): EXISTS (program of that discipline at the school).
        new TableIndex({ name: 'IDX_program_discipline_school', columnNames: ['discipline', 'school_id'] }),
      ],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'shop',
      columns: [id(), nameColumn('name', 120), text('type', 20), text('industry', 20), text('city', 80), text('zip', 10), text('state_code', 2), text('opened_on', 10)],
      foreignKeys: [fk('state_code', 'state', 'code')],
      indices: [
        new TableIndex({ name: 'IDX_shop_state_name', columnNames: ['state_code', 'name', 'id'] }),
        new TableIndex({ name: 'IDX_shop_name', columnNames: ['name', 'id'] }),
        new TableIndex({ name: 'IDX_shop_type_name', columnNames: ['type', 'name', 'id'] }),
      ],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'person',
      columns: [
        id(),
        text('given_name', 80),
        text('family_name', 80),
        text('email', 200),
        text('phone', 20, true),
        text('birth_date', 10),
        text('home_zip', 10),
        text('state_code', 2),
        text('roles', 200),
        ref('school_id', true),
        ref('program_id', true),
        ref('shop_id', true),
        text('created_on', 10),
      ],
      foreignKeys: [fk('state_code', 'state', 'code'), fk('school_id', 'school'), fk('program_id', 'program'), fk('shop_id', 'shop')],
      indices: [
        // One account per e-mail address.
        new TableIndex({ name: 'UQ_person_email', columnNames: ['email'], isUnique: true }),
        new TableIndex({ name: 'IDX_person_school', columnNames: ['school_id'] }),
        new TableIndex({ name: 'IDX_person_shop', columnNames: ['shop_id'] }),
      ],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'guardianship',
      columns: [{ ...ref('guardian_id'), isPrimary: true }, { ...ref('ward_id'), isPrimary: true }],
      foreignKeys: [fk('guardian_id', 'person'), fk('ward_id', 'person')],
      // The primary key (guardian_id, ward_id) serves wards-by-guardian; this serves guardians-by-ward.
      indices: [new TableIndex({ name: 'IDX_guardianship_ward', columnNames: ['ward_id', 'guardian_id'] })],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'employment',
      columns: [{ ...ref('person_id'), isPrimary: true }, { ...ref('shop_id'), isPrimary: true }, text('since', 10)],
      foreignKeys: [fk('person_id', 'person'), fk('shop_id', 'shop')],
      // Shop.technicianIds: employments by shop.
      indices: [new TableIndex({ name: 'IDX_employment_shop', columnNames: ['shop_id', 'person_id'] })],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'consent_event',
      columns: [
        id(),
        ref('person_id'),
        { name: 'seq', type: 'integer' },
        text('purpose', 30),
        text('action', 10),
        text('at', 30),
        ref('actor_id'),
      ],
      foreignKeys: [fk('person_id', 'person'), fk('actor_id', 'person')],
      indices: [
        // A person's log, in order; unique so concurrent appends cannot take the same step.
        new TableIndex({ name: 'UQ_consent_event_person_seq', columnNames: ['person_id', 'seq'], isUnique: true }),
      ],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'consent',
      columns: [
        { ...ref('person_id'), isPrimary: true },
        { name: 'purpose', type: 'varchar', length: '30', isPrimary: true },
        { name: 'granted', type: 'boolean' },
        text('updated_at', 30),
        ref('updated_by'),
        ref('event_id'),
      ],
      foreignKeys: [fk('person_id', 'person'), fk('updated_by', 'person'), fk('event_id', 'consent_event')],
    }), true);

    await queryRunner.createTable(new Table({
      name: 'credential',
      columns: [id(), ref('person_id'), text('issuer', 10), text('title', 200), text('earned_on', 10), text('expires_on', 10, true)],
      foreignKeys: [fk('person_id', 'person')],
      // Person.credentials: a person's wallet, newest first.
      indices: [new TableIndex({ name: 'IDX_credential_person_earned', columnNames: ['person_id', 'earned_on', 'id'] })],
    }), true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['credential', 'consent', 'consent_event', 'employment', 'guardianship', 'person', 'shop', 'program', 'school', 'occupation', 'state']) {
      await queryRunner.dropTable(table, true);
    }
  }
}
