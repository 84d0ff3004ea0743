import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { afterCursor, DEFAULT_MAX_PAGE_SIZE, keysetConnection, pageSize, type Connection, type PageArgs, type SortKey } from './pagination.ts';

/**
 * Plain rows for the loaders every subgraph call runs. TypeORM's `find` rebuilds its SQL from the
 * find options on each call and hydrates each row through its entity transformer; on the hot
 * calls that cost more CPU than the statements themselves (bench/README.md, "Subgraph levers").
 * Here the select list — every column aliased to its property name, as the entity has them — is
 * built once per entity from its metadata, and the rows come back as the driver returns them,
 * with the one conversion TypeORM's hydration makes on these tables: booleans (SQLite stores 0/1).
 */
interface SelectList {
  table: string;
  columns: string;
  booleans: string[];
}

/**
 * Where the rows are read: the data source, or a transaction's entity manager (whose queries run
 * on the transaction's connection).
 */
export type RowSource = DataSource | EntityManager;

const dataSourceOf = (db: RowSource): DataSource => ('dataSource' in db ? db.dataSource : db);

const selectLists = new WeakMap<EntityMetadata, SelectList>();

function selectList(db: DataSource, meta: EntityMetadata): SelectList {
  let list = selectLists.get(meta);
  if (!list) {
    const escape = (name: string) => db.driver.escape(name);
    list = {
      table: escape(meta.tableName),
      columns: meta.columns.map((c) => `${escape(c.databaseName)} AS ${escape(c.propertyName)}`).join(', '),
      booleans: meta.columns.filter((c) => c.type === 'boolean').map((c) => c.propertyName),
    };
    selectLists.set(meta, list);
  }
  return list;
}

/**
 * TypeORM's SQLite driver writes a number parameter into the SQL text instead of binding it, so
 * every distinct number made a distinct statement — a job search's bounding box, in every
 * request — each prepared anew and taking a place in the driver's statement cache (SQLITE_STATEMENT_CACHE)
 * (WrenchWay ran 480 distinct statements in one quick bench of job searches, 121 since). Numbers
 * are handed to it boxed, which it binds like any other value, and unboxed for the driver.
 */
function bindParameters(source: DataSource, sql: string, parameters: ObjectLiteral): [string, unknown[]] {
  if (source.options.type !== 'better-sqlite3') return source.driver.escapeQueryWithParameters(sql, parameters);
  const boxed: ObjectLiteral = {};
  for (const [name, value] of Object.entries(parameters)) boxed[name] = typeof value === 'number' ? new Number(value) : value;
  const [query, bound] = source.driver.escapeQueryWithParameters(sql, boxed);
  return [query, bound.map((value: unknown) => (value instanceof Number ? value.valueOf() : value))];
}

/** Runs `sql` with TypeORM's `:name` / `:...names` parameters and returns the rows as they come. */
export async function selectRows<T>(db: RowSource, sql: string, parameters: ObjectLiteral): Promise<T[]> {
  const [query, bound] = bindParameters(dataSourceOf(db), sql, parameters);
  return (await db.query(query, bound)) as T[];
}

/**
 * Every column of `target`'s table as its entity's properties, for the rows `rest` selects
 * (`WHERE …` and `ORDER BY …`, on column names).
 */
export async function selectEntities<T extends ObjectLiteral>(db: RowSource, target: EntityTarget<T>, rest: string, parameters: ObjectLiteral): Promise<T[]> {
  const source = dataSourceOf(db);
  const { table, columns, booleans } = selectList(source, source.getMetadata(target));
  const rows = await selectRows<Record<string, unknown>>(db, `SELECT ${columns} FROM ${table} ${rest}`, parameters);
  if (booleans.length) {
    for (const row of rows) for (const name of booleans) if (row[name] !== null) row[name] = Boolean(row[name]);
  }
  return rows as T[];
}

/**
 * The platform's `paginate` over plain SQL — the same two statements (a count, then the page), the
 * same cursors, page-size rule and errors — for hot fields where building TypeORM's query and
 * hydrating the page cost more than both statements. `conditions` (joined by AND) and the sort
 * and id columns are on `target`'s table aliased `alias`; `sort.property` names the entity
 * property holding the sort value.
 */
export async function paginateRows<T extends ObjectLiteral & { id: string }>(
  db: DataSource,
  target: EntityTarget<T>,
  alias: string,
  conditions: readonly string[],
  parameters: ObjectLiteral,
  args: PageArgs,
  sort: SortKey,
  idColumn: string,
  maxPageSize = DEFAULT_MAX_PAGE_SIZE,
): Promise<Connection<T>> {
  const size = pageSize(args.first, maxPageSize);
  const where = (list: readonly string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');
  const { table } = selectList(db, db.getMetadata(target));
  const [count] = await selectRows<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM ${table} ${alias} ${where(conditions)}`, parameters);
  // PostgreSQL returns COUNT as a bigint string.
  const totalCount = Number(count!.n);
  const page = [...conditions];
  let pageParameters = parameters;
  if (args.after) {
    const cursor = afterCursor(args.after, sort, idColumn);
    page.push(cursor.condition);
    pageParameters = { ...parameters, ...cursor.parameters };
  }
  const rows =
    size === 0 ? [] : await selectEntities(db, target, `${alias} ${where(page)} ORDER BY ${sort.column} ${sort.direction}, ${idColumn} ${sort.direction} LIMIT ${size + 1}`, pageParameters);
  return keysetConnection(rows, size, sort, totalCount);
}
