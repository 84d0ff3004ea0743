import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one transaction. On PostgreSQL that is simply `db.transaction`: each call gets
 * its own pooled connection. TypeORM's SQLite driver has ONE connection and turns a transaction
 * started while another is open into a SAVEPOINT inside it, so two concurrent requests would
 * share (and could commit or roll back) each other's work. Here SQLite write transactions wait
 * their turn in a queue per data source instead.
 *
 * Platform note: this belongs in the kit (database.ts); it lives here until it moves there.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export async function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === 'postgres') return db.transaction(work);
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => db.transaction(work),
    () => db.transaction(work),
  );
  // The queue only orders work; a failure of one transaction must not fail the next.
  queues.set(db, run.catch(() => undefined));
  return run;
}
