import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A revision number per table whose rows the subgraph keeps in memory (today: course, the
 * catalogue every ProLevel and Gold Class answer reads whole; subgraphs/icar/src/courses.ts).
 * Triggers bump it on any insert, update or delete — by the seed or an operator's SQL — so a
 * process checks one row per request instead of reading the catalogue, and never serves a stale
 * one. The same shape as WrenchWay's (migrations/wrenchway/1796256000000-PayReportRevision.ts),
 * in I-CAR's own database.
 */
export class CourseRevision1796428800000 implements MigrationInterface {
  name = 'CourseRevision1796428800000';

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
    await queryRunner.query(`INSERT INTO data_revision (name, revision) VALUES ('course', 1)`);
    if (queryRunner.connection.options.type === 'postgres') {
      // Qualified by schema: a trigger runs with the writer's search_path, not the subgraph's.
      const schema = (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
      await queryRunner.query(
        `CREATE FUNCTION "${schema}".bump_course_revision() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
          `BEGIN UPDATE "${schema}".data_revision SET revision = revision + 1 WHERE name = 'course'; RETURN NULL; END $$`,
      );
      await queryRunner.query(
        `CREATE TRIGGER course_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${schema}".course ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".bump_course_revision()`,
      );
      return;
    }
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER course_revision_${event.toLowerCase()} AFTER ${event} ON course ` +
          `BEGIN UPDATE data_revision SET revision = revision + 1 WHERE name = 'course'; END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      const schema = (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
      await queryRunner.query(`DROP TRIGGER IF EXISTS course_revision ON "${schema}".course`);
      await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".bump_course_revision()`);
    } else {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER IF EXISTS course_revision_${event}`);
    }
    await queryRunner.dropTable('data_revision', true);
  }
}
