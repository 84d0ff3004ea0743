import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * CREF's tables: its register of schools, donors, the Donation Exchange (offers, claims, school
 * requests), Benchmark grants and scholarships. Written with the Table API so the one migration
 * runs on SQLite and PostgreSQL alike. Indexes cover every hot WHERE / ORDER BY: loaders by
 * school, offer and person; the offers list (newest first); state totals and state grant pages.
 */
const id = { name: 'id', type: 'varchar', length: '40', isPrimary: true };
const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const integer = (name: string) => ({ name, type: 'integer', isNullable: false });
const fk = (column: string, table: string) => new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

export class InitialCref1764043200400 implements MigrationInterface {
  name = 'InitialCref1764043200400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'school_ref',
        columns: [id, varchar('name', 200), varchar('state_code', 2)],
        indices: [{ name: 'idx_school_ref_state', columnNames: ['state_code'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'donor',
        columns: [id, varchar('name', 200), varchar('kind', 20)],
        indices: [{ name: 'idx_donor_name', columnNames: ['name'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'donation_offer',
        columns: [
          id,
          varchar('donor_id', 40),
          varchar('title', 200),
          varchar('category', 20),
          { name: 'unit_value_usd', type: 'double precision', isNullable: false },
          integer('quantity'),
          { name: 'quantity_claimed', type: 'integer', isNullable: false, default: 0 },
          { name: 'splittable', type: 'boolean', isNullable: false },
          varchar('offered_on', 10),
        ],
        // The last line of defence against over-allocation; the claim's conditional UPDATE is the first.
        checks: [{ name: 'chk_donation_offer_quantities', expression: 'quantity >= 1 AND quantity_claimed >= 0 AND quantity_claimed <= quantity AND unit_value_usd >= 0' }],
        indices: [
          { name: 'idx_donation_offer_offered', columnNames: ['offered_on', 'id'] },
          { name: 'idx_donation_offer_category', columnNames: ['category', 'offered_on'] },
          { name: 'idx_donation_offer_donor', columnNames: ['donor_id'] },
        ],
        foreignKeys: [fk('donor_id', 'donor')],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'school_request',
        columns: [id, varchar('school_id', 40), varchar('category', 20), { name: 'description', type: 'text', isNullable: false }, integer('quantity'), varchar('requested_on', 10), varchar('status', 10)],
        checks: [{ name: 'chk_school_request_quantity', expression: 'quantity >= 1' }],
        indices: [
          { name: 'idx_school_request_school', columnNames: ['school_id', 'requested_on'] },
          { name: 'idx_school_request_match', columnNames: ['school_id', 'category', 'status'] },
        ],
        foreignKeys: [fk('school_id', 'school_ref')],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'donation_claim',
        columns: [
          id,
          varchar('offer_id', 40),
          varchar('school_id', 40),
          varchar('state_code', 2),
          integer('quantity'),
          { name: 'value_usd', type: 'double precision', isNullable: false },
          varchar('claimed_on', 10),
          varchar('claimed_by', 40, true),
          varchar('request_id', 40, true),
        ],
        checks: [{ name: 'chk_donation_claim_quantity', expression: 'quantity >= 1 AND value_usd >= 0' }],
        indices: [
          { name: 'idx_donation_claim_offer', columnNames: ['offer_id'] },
          { name: 'idx_donation_claim_school', columnNames: ['school_id', 'claimed_on'] },
          { name: 'idx_donation_claim_state', columnNames: ['state_code', 'claimed_on'] },
          { name: 'idx_donation_claim_claimed', columnNames: ['claimed_on'] },
        ],
        foreignKeys: [fk('offer_id', 'donation_offer'), fk('school_id', 'school_ref'), fk('request_id', 'school_request')],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'benchmark_grant',
        columns: [id, varchar('school_id', 40), varchar('state_code', 2), integer('year'), integer('amount_usd'), varchar('awarded_on', 10), varchar('purpose', 300)],
        // Positivity is an invariant; the $25,000 cap is policy and lives in rules/config.ts.
        checks: [{ name: 'chk_benchmark_grant_amount', expression: 'amount_usd > 0' }],
        indices: [
          { name: 'idx_benchmark_grant_school', columnNames: ['school_id', 'awarded_on'] },
          { name: 'idx_benchmark_grant_state', columnNames: ['state_code', 'awarded_on', 'id'] },
          { name: 'idx_benchmark_grant_year', columnNames: ['year'] },
        ],
        foreignKeys: [fk('school_id', 'school_ref')],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'scholarship',
        columns: [id, varchar('person_id', 40), varchar('school_id', 40), varchar('state_code', 2), integer('year'), integer('amount_usd')],
        checks: [{ name: 'chk_scholarship_amount', expression: 'amount_usd > 0' }],
        indices: [
          { name: 'idx_scholarship_person', columnNames: ['person_id'] },
          { name: 'idx_scholarship_school', columnNames: ['school_id', 'year'] },
          { name: 'idx_scholarship_state', columnNames: ['state_code', 'year'] },
        ],
        foreignKeys: [fk('school_id', 'school_ref')],
      }),
      true,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['scholarship', 'benchmark_grant', 'donation_claim', 'school_request', 'donation_offer', 'donor', 'school_ref']) {
      await queryRunner.dropTable(table, true);
    }
  }
}
