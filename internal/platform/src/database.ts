import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource, type Logger as OrmLogger, type MixedList, type EntitySchema } from 'typeorm';

/**
 * Where a subgraph keeps its data. Embedded SQLite (`data/<subgraph>.sqlite`) by default, so
 * `npm start` needs no server; PostgreSQL when DATABASE_URL is `postgres://…`, one schema per
 * subgraph named after it. No subgraph ever reads another's tables.
 */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string; poolSize?: number };

/** Connections in a subgraph's PostgreSQL pool unless configured (DATABASE_POOL_SIZE, docs/operations.md). */
export const DEFAULT_POOL_SIZE = 10;

export function databaseTarget(subgraph: string, databaseUrl: string | undefined, dataDir: string, poolSize?: number): DatabaseTarget {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: 'postgres', url: databaseUrl, schema: subgraph, ...(poolSize ? { poolSize } : {}) };
  if (databaseUrl && databaseUrl.startsWith('sqlite:')) {
    // sqlite:DIR puts every subgraph's file in DIR; one file per subgraph either way.
    return { kind: 'sqlite', file: join(databaseUrl.slice('sqlite:'.length) || dataDir, `${subgraph}.sqlite`) };
  }
  if (databaseUrl) throw new Error(`DATABASE_URL must start with postgres:// or sqlite: (got ${databaseUrl.split(':')[0]}:…)`);
  return { kind: 'sqlite', file: join(dataDir, `${subgraph}.sqlite`) };
}

/**
 * Counts SQL statements, per data source. The N+1 guard and the benchmark read it: an
 * operation's statement count must not grow with the size of a list.
 */
export class SqlCounter implements OrmLogger {
  count = 0;
  statements: string[] = [];
  /** The bound parameters of each kept statement, same index as `statements` (EXPLAIN needs them). */
  parameters: unknown[][] = [];
  keep = false;
  logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    if (this.keep) {
      this.statements.push(query);
      this.parameters.push(parameters ?? []);
    }
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(): void {
    this.count = 0;
    this.statements = [];
    this.parameters = [];
  }
}

export interface DataSourceOptions {
  target: DatabaseTarget;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  counter?: SqlCounter;
  /** Connections in the PostgreSQL pool; else the target's, else DEFAULT_POOL_SIZE. */
  poolSize?: number;
}

/** Prepared statements kept per SQLite connection (see createDataSource). */
export const SQLITE_STATEMENT_CACHE = 1000;

/**
 * Applied to every SQLite connection. WAL lets the seed and a running subgraph share the file
 * and readers never wait for a writer; the busy timeout waits out another process's write.
 * synchronous=NORMAL is the recommended setting with WAL: a commit no longer waits for an fsync
 * of the log (only checkpoints do), and the file cannot be corrupted by a crash — a power loss
 * may lose the last commits, not the database. Reads go through a memory map and a 64 MB page
 * cache instead of a read() system call per page; sorts and temporary indexes stay in memory.
 */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
  'synchronous = NORMAL',
  'mmap_size = 268435456',
  'cache_size = -65536',
  'temp_store = MEMORY',
] as const;

export function createDataSource(options: DataSourceOptions): DataSource {
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: options.counter ? (['query'] as ('query')[]) : false,
    logger: options.counter,
  };
  if (options.target.kind === 'postgres') {
    const schema = options.target.schema;
    return new DataSource({
      ...common,
      type: 'postgres',
      url: options.target.url,
      schema,
      extra: {
        max: options.poolSize ?? options.target.poolSize ?? DEFAULT_POOL_SIZE,
        // Raw statements resolve unqualified names in the subgraph's own schema too.
        options: `-c search_path=${schema}`,
        // A request waits at most 5 s for a connection (a database that is down refuses at once
        // anyway), so it answers SERVICE_UNAVAILABLE instead of hanging; application_name lets
        // an operator (and the tests) see whose connections are open.
        connectionTimeoutMillis: 5000,
        application_name: `talent-graph-${schema}`,
        // A pooled connection is reused for the life of the process: TCP keep-alive notices a
        // peer that went away (a restarted server, a dropped NAT entry) instead of failing the
        // next request, and idle connections are kept a minute (pg closes them after 10 s by
        // default, so a bursty load would pay a new connection and its TLS/auth round trips).
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        idleTimeoutMillis: 60_000,
      },
    });
  }
  const file = options.target.file;
  mkdirSync(dirname(file), { recursive: true });
  // One connection per data source, opened once per process (better-sqlite3 is synchronous and
  // in-process: a pool would only add locking).
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: file,
    // Prepared statements are kept by SQL text and reused. DataLoader batches of different sizes
    // are different texts (`IN (?, ?, …)`), so TypeORM's default of 100 would keep evicting.
    statementCacheSize: SQLITE_STATEMENT_CACHE,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    },
  });
}

/** Applies pending migrations (each in its own transaction); returns the names applied. */
export async function migrate(db: DataSource): Promise<string[]> {
  if (db.options.type === 'postgres') {
    const schema = (db.options as { schema?: string }).schema!;
    await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  }
  const applied = await db.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/** True when the subgraph's migrations have not all run. */
export async function hasPendingMigrations(db: DataSource): Promise<boolean> {
  if (db.options.type === 'postgres') {
    const schema = (db.options as { schema?: string }).schema!;
    await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  }
  return db.showMigrations();
}

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one transaction. On PostgreSQL each call gets its own pooled connection. The
 * SQLite driver has ONE connection and would turn a transaction started while another is open
 * into a SAVEPOINT inside it — two concurrent requests could then commit or roll back each
 * other's work — so SQLite transactions wait their turn in a queue per data source.
 */
export async function inTransaction<T>(db: DataSource, work: (manager: import('typeorm').EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === 'postgres') return db.transaction(work);
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => db.transaction(work),
    () => db.transaction(work),
  );
  // The queue only orders work: one transaction's failure must not fail the next.
  sqliteQueues.set(db, run.catch(() => undefined));
  return run;
}

/**
 * True when a write failed on a unique index or primary key: PostgreSQL's SQLSTATE 23505 or
 * better-sqlite3's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY. TypeORM wraps the driver's error in a
 * QueryFailedError and keeps the original as `driverError`. Mutations turn it into CONFLICT.
 */
export function isUniqueViolation(error: unknown): boolean {
  const codes = [error, (error as { driverError?: unknown } | null)?.driverError].map((e) => (e as { code?: unknown } | null | undefined)?.code);
  return codes.some((code) => code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

/**
 * True when an error means the database is unreachable rather than the request being wrong:
 * the connection was refused, dropped or timed out, or PostgreSQL is shutting down or starting
 * (SQLSTATE class 08, 57P01–57P03); for SQLite, a lock held past busy_timeout. The request can
 * succeed on retry; the pool reconnects by itself (TypeORM's pool error handler drops dead
 * clients, and the next query opens a new connection).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of [error, (error as { driverError?: unknown } | null)?.driverError]) {
    if (!e || typeof e !== 'object') continue;
    const code = String((e as { code?: unknown }).code ?? '');
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', 'SQLITE_BUSY'].includes(code) || /^08/.test(code)) return true;
    const message = String((e as { message?: unknown }).message ?? '');
    if (/Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|connection error/i.test(message)) return true;
  }
  return false;
}

/**
 * Rows per INSERT statement in bulk writes: 500 rows of the widest seeded table (19 columns) bind
 * 9,500 parameters, well under SQLite's (32,766) and PostgreSQL's (65,535) limits.
 */
export const INSERT_CHUNK = 500;

/**
 * Inserts rows in chunks of INSERT_CHUNK, inside the caller's transaction (the seeds' bulk writes).
 *
 * One multi-row INSERT per chunk, built here from the entity's metadata, values converted by the
 * driver exactly as TypeORM's own insert converts them (booleans, dates). Not `manager.insert`:
 * TypeORM's query builder spends time per parameter that grows with the statement's parameter
 * count, and that was most of seeding: demo scale 4 on SQLite took 11.4 s through it (chunks of
 * 100) and 5.4 s this way. Rows that leave some column undefined (its default applies) go through
 * `manager.insert`, which knows each column's default.
 */
export async function insertInChunks<T extends import('typeorm').ObjectLiteral>(manager: import('typeorm').EntityManager, target: import('typeorm').EntityTarget<T>, rows: T[]): Promise<void> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns;
  const plain = columns.every((c) => c.isInsert && !c.isVirtual && !c.isGenerated) && rows.every((row) => columns.every((c) => c.getEntityValue(row) !== undefined));
  const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
  const head = `INSERT INTO ${table} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    if (!plain) {
      await manager.insert(target, chunk as never);
      continue;
    }
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${columns.map((c) => {
      values.push(driver.preparePersistentValue(c.getEntityValue(row), c));
      return driver.createParameter(`p${values.length - 1}`, values.length - 1);
    }).join(', ')})`);
    await manager.query(head + tuples.join(', '), values);
  }
}
