import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction. TypeORM's SQLite driver has one connection, so two transactions
 * started at once collide ("cannot start a transaction within a transaction") and both requests
 * fail; on SQLite they are queued, one after the other, per data source. PostgreSQL takes a pooled
 * connection per transaction and needs no queue.
 *
 * (A candidate for the platform kit: every subgraph that writes on SQLite needs the same.)
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === 'postgres') return db.transaction(work);
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => db.transaction(work));
  // The queue continues after this transaction whether it commits or fails.
  queues.set(db, run.catch(() => undefined));
  return run;
}
