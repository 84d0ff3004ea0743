import { Table, type DataSource, type QueryRunner } from 'typeorm';

/**
 * Revisions of whole tables, for subgraphs that keep what they read from a table (or work out
 * from it) in memory per process: WrenchWay's pay reports, I-CAR's course catalogue, CREF's
 * scholarship cells and totals. A `data_revision` table holds one row per such table, and
 * database triggers bump it on any insert, update or delete — by a subgraph, an erasure, the
 * seed or an operator's SQL — so a process reads those few rows per request instead of the
 * tables, and never serves a stale answer (docs/operations.md).
 *
 * Read the revisions BEFORE the rows: a write landing between the two statements leaves newer
 * rows labelled with the older revision, which the next request reads again. (The other order
 * could label old rows with the new revision and keep them.)
 *
 * The price is on writes: on PostgreSQL a write holds its table's revision row until it commits,
 * so concurrent writes to one such table commit one after another for their last statements
 * (SQLite runs one writer at a time anyway).
 */

/** Creates `data_revision` with one row per table, and the triggers that bump them. */
export async function createDataRevisions(queryRunner: QueryRunner, tables: readonly string[]): Promise<void> {
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
  for (const table of tables) await queryRunner.query(`INSERT INTO data_revision (name, revision) VALUES ('${table}', 1)`);
  const schema = postgresSchema(queryRunner);
  if (schema !== null) {
    // Qualified by schema: a trigger runs with the writer's search_path, not the subgraph's.
    await queryRunner.query(
      `CREATE FUNCTION "${schema}".bump_data_revision() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN UPDATE "${schema}".data_revision SET revision = revision + 1 WHERE name = TG_TABLE_NAME; RETURN NULL; END $$`,
    );
    for (const table of tables) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${schema}".${table} ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".bump_data_revision()`,
      );
    }
    return;
  }
  // SQLite has no statement-level triggers and no TRUNCATE (a DELETE without WHERE fires these).
  for (const table of tables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_revision_${event.toLowerCase()} AFTER ${event} ON ${table} ` +
          `BEGIN UPDATE data_revision SET revision = revision + 1 WHERE name = '${table}'; END`,
      );
    }
  }
}

/** Undoes createDataRevisions. */
export async function dropDataRevisions(queryRunner: QueryRunner, tables: readonly string[]): Promise<void> {
  const schema = postgresSchema(queryRunner);
  if (schema !== null) {
    for (const table of tables) await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_revision ON "${schema}".${table}`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".bump_data_revision()`);
  } else {
    for (const table of tables) {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_revision_${event}`);
    }
  }
  await queryRunner.dropTable('data_revision', true);
}

/** The current revision of each table, in one statement; a table without its row is a missed migration. */
export async function readRevisions<T extends string>(db: DataSource, tables: readonly T[]): Promise<Record<T, number>> {
  const rows = (await db.query(`SELECT name, revision FROM data_revision`)) as { name: string; revision: number | string }[];
  const revisions = {} as Record<T, number>;
  for (const table of tables) {
    const row = rows.find((r) => r.name === table);
    if (!row) throw new Error(`data_revision has no ${table} row: run the subgraph's migrations`);
    revisions[table] = Number(row.revision);
  }
  return revisions;
}

/**
 * A value worked out from one or more revised tables, kept per process (per data source) for the
 * revision it was read at: every request at that revision gets the same promise, concurrent ones
 * that found it missing included, so the tables are read once per change. A failed read is that
 * request's error, never kept for the next one. Callers read the revision (`readRevisions`)
 * before asking, so a write landing between the two statements leaves newer rows under the older
 * revision, which the next request re-reads (the other order could keep old rows under the new
 * revision). The value is shared by every request of the process: callers must not modify it.
 */
export function keptPerRevision<T>(read: (db: DataSource) => Promise<T>): (db: DataSource, revision: number) => Promise<T> {
  const kept = new WeakMap<DataSource, { revision: number; value: Promise<T> }>();
  return (db, revision) => {
    const copy = kept.get(db);
    if (copy?.revision === revision) return copy.value;
    const value = read(db);
    kept.set(db, { revision, value });
    value.catch(() => {
      if (kept.get(db)?.value === value) kept.delete(db);
    });
    return value;
  };
}

function postgresSchema(queryRunner: QueryRunner): string | null {
  if (queryRunner.connection.options.type !== 'postgres') return null;
  return (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
}
