import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A revision number per table whose rows the subgraph keeps in memory (today: pay_report, read
 * whole by every Pay Tool cell; subgraphs/wrenchway/src/payReports.ts). Triggers bump it on any
 * insert, update or delete — by the subgraph, the seed, or an operator's SQL — so a process
 * checks one row per request instead of reading every report, and never serves a stale one.
 */
export class PayReportRevision1796256000000 implements MigrationInterface {
  name = 'PayReportRevision1796256000000';

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
    await queryRunner.query(`INSERT INTO data_revision (name, revision) VALUES ('pay_report', 1)`);
    if (queryRunner.connection.options.type === 'postgres') {
      // Qualified by schema: a trigger runs with the writer's search_path, not the subgraph's.
      const schema = (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
      await queryRunner.query(
        `CREATE FUNCTION "${schema}".bump_pay_report_revision() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
          `BEGIN UPDATE "${schema}".data_revision SET revision = revision + 1 WHERE name = 'pay_report'; RETURN NULL; END $$`,
      );
      await queryRunner.query(
        `CREATE TRIGGER pay_report_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${schema}".pay_report ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".bump_pay_report_revision()`,
      );
      return;
    }
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER pay_report_revision_${event.toLowerCase()} AFTER ${event} ON pay_report ` +
          `BEGIN UPDATE data_revision SET revision = revision + 1 WHERE name = 'pay_report'; END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      const schema = (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
      await queryRunner.query(`DROP TRIGGER IF EXISTS pay_report_revision ON "${schema}".pay_report`);
      await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".bump_pay_report_revision()`);
    } else {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER IF EXISTS pay_report_revision_${event}`);
    }
    await queryRunner.dropTable('data_revision', true);
  }
}
