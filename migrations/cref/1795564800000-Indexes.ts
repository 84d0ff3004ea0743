import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The Donation Exchange lists open offers (`quantity_claimed < quantity`), newest first,
 * optionally of one category. That filter compares two columns, which no plain index can
 * serve, so on a large exchange both the count and the page read every offer ever made
 * (test/indexes.test.ts found it). Partial indexes over the open offers only serve both, and
 * stay small as offers are claimed. The WHERE text is the query's own condition, so SQLite's
 * planner, which matches it literally, uses them too.
 */
const OPEN = 'quantity_claimed < quantity';

export class Indexes1795564800000 implements MigrationInterface {
  name = 'Indexes1795564800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('donation_offer', new TableIndex({ name: 'idx_donation_offer_open', columnNames: ['offered_on', 'id'], where: OPEN }));
    await queryRunner.createIndex('donation_offer', new TableIndex({ name: 'idx_donation_offer_open_category', columnNames: ['category', 'offered_on', 'id'], where: OPEN }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('donation_offer', 'idx_donation_offer_open_category');
    await queryRunner.dropIndex('donation_offer', 'idx_donation_offer_open');
  }
}
