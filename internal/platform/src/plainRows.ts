import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

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

/** Runs `sql` with TypeORM's `:name` / `:...names` parameters and returns the rows as they come. */
export async function selectRows<T>(db: DataSource, sql: string, parameters: ObjectLiteral): Promise<T[]> {
  const [query, bound] = db.driver.escapeQueryWithParameters(sql, parameters);
  return (await db.query(query, bound)) as T[];
}

/**
 * Every column of `target`'s table as its entity's properties, for the rows `rest` selects
 * (`WHERE …` and `ORDER BY …`, on column names).
 */
export async function selectEntities<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, rest: string, parameters: ObjectLiteral): Promise<T[]> {
  const { table, columns, booleans } = selectList(db, db.getMetadata(target));
  const rows = await selectRows<Record<string, unknown>>(db, `SELECT ${columns} FROM ${table} ${rest}`, parameters);
  if (booleans.length) {
    for (const row of rows) for (const name of booleans) if (row[name] !== null) row[name] = Boolean(row[name]);
  }
  return rows as T[];
}
