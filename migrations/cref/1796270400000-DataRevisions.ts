import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A revision number per table whose derived figures the subgraph keeps in memory
 * (subgraphs/cref/src/dataRevision.ts): scholarship, whose every row decides which scholarship
 * cells are withheld, and the three tables CREF totals count and sum. Triggers bump a table's
 * revision on any insert, update or delete — by a mutation, an erasure, the seed, or an
 * operator's SQL — so a process checks one small table per request instead of reading every
 * scholarship, and never serves a stale answer.
 *
 * The price is on writes: on PostgreSQL a claim's transaction holds its table's data_revision row
 * from the insert to the commit, so concurrent claims commit one after another (their last few
 * statements only; SQLite runs one writer at a time anyway).
 */
const REVISED_TABLES = ['scholarship', 'benchmark_grant', 'donation_claim'] as const;

export class DataRevisions1796270400000 implements MigrationInterface {
  name = 'DataRevisions1796270400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'data_revision',
        columns: [
          { name: 'name', type: 'varchar', length: '40', isPrimary: true },
          { name: 'revision', type: 'integer', isNullable: false, default: 0 },
        ],
      }),
      true,
    );
    for (const table of REVISED_TABLES) await queryRunner.query(`INSERT INTO data_revision (name, revision) VALUES ('${table}', 1)`);
    if (queryRunner.connection.options.type === 'postgres') {
      // Qualified by schema: a trigger runs with the writer's search_path, not the subgraph's.
      const schema = (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
      await queryRunner.query(
        `CREATE FUNCTION "${schema}".bump_data_revision() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
          `BEGIN UPDATE "${schema}".data_revision SET revision = revision + 1 WHERE name = TG_TABLE_NAME; RETURN NULL; END $$`,
      );
      for (const table of REVISED_TABLES) {
        await queryRunner.query(
          `CREATE TRIGGER ${table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${schema}".${table} ` +
            `FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".bump_data_revision()`,
        );
      }
      return;
    }
    // SQLite has no statement-level triggers and no TRUNCATE (a DELETE without WHERE fires these).
    for (const table of REVISED_TABLES) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        await queryRunner.query(
          `CREATE TRIGGER ${table}_revision_${event.toLowerCase()} AFTER ${event} ON ${table} ` +
            `BEGIN UPDATE data_revision SET revision = revision + 1 WHERE name = '${table}'; END`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      const schema = (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
      for (const table of REVISED_TABLES) await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_revision ON "${schema}".${table}`);
      await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".bump_data_revision()`);
    } else {
      for (const table of REVISED_TABLES) {
        for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_revision_${event}`);
      }
    }
    await queryRunner.dropTable('data_revision', true);
  }
}
