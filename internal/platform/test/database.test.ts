import { expect } from 'chai';
import { createTestDatabase, databaseKinds } from '../src/testing/index.ts';
import { ConfigError, readSubgraphConfig } from '../src/config.ts';
import { EntitySchema } from 'typeorm';
import { createDataSource, databaseTarget, DEFAULT_POOL_SIZE, INSERT_CHUNK, insertInChunks, SqlCounter } from '../src/database.ts';
import { selectRows } from '../src/plainRows.ts';

describe('database pool configuration', () => {
  it('reads DATABASE_POOL_SIZE, and <NAME>_DATABASE_POOL_SIZE over it for that subgraph', () => {
    const env = { DATABASE_POOL_SIZE: '4', ASE_DATABASE_POOL_SIZE: '12' };
    expect({
      ase: readSubgraphConfig('ase', env).databasePoolSize,
      icar: readSubgraphConfig('icar', env).databasePoolSize,
      unset: readSubgraphConfig('icar', {}).databasePoolSize,
    }).to.deep.equal({ ase: 12, icar: 4, unset: undefined });
  });

  it('refuses a pool size that is not a whole number from 1 to 100, naming the variable', () => {
    const messages = ['0', '2.5', 'ten', '101'].map((raw) => {
      try {
        readSubgraphConfig('cref', { CREF_DATABASE_POOL_SIZE: raw });
        return 'accepted';
      } catch (error) {
        return error instanceof ConfigError ? error.message : 'other error';
      }
    });
    expect(messages).to.deep.equal(['0', '2.5', 'ten', '101'].map((raw) => `CREF_DATABASE_POOL_SIZE must be a whole number of connections from 1 to 100, got "${raw}"`));
  });

  it('carries the pool size in a PostgreSQL target only', () => {
    expect({
      postgres: databaseTarget('ase', 'postgres://u@h/db', 'data', 7),
      postgresDefault: databaseTarget('ase', 'postgres://u@h/db', 'data'),
      sqlite: databaseTarget('ase', undefined, 'data', 7),
    }).to.deep.equal({
      postgres: { kind: 'postgres', url: 'postgres://u@h/db', schema: 'ase', poolSize: 7 },
      postgresDefault: { kind: 'postgres', url: 'postgres://u@h/db', schema: 'ase' },
      sqlite: { kind: 'sqlite', file: 'data/ase.sqlite' },
    });
  });
});

for (const kind of databaseKinds()) {
  describe(`data source settings [${kind}]`, () => {
    if (kind === 'sqlite') {
      it('opens SQLite in WAL mode with synchronous=NORMAL, a memory map and in-memory temp storage', async () => {
        const created = await createTestDatabase('sqlite');
        const db = createDataSource({ target: created.target('ase'), entities: [], migrations: [] });
        await db.initialize();
        try {
          const pragma = async (name: string) => Object.values(((await db.query(`PRAGMA ${name}`)) as Record<string, unknown>[])[0]!)[0];
          expect({
            journal: await pragma('journal_mode'),
            synchronous: await pragma('synchronous'),
            mmap: await pragma('mmap_size'),
            tempStore: await pragma('temp_store'),
            foreignKeys: await pragma('foreign_keys'),
          }).to.deep.equal({ journal: 'wal', synchronous: 1, mmap: 268435456, tempStore: 2, foreignKeys: 1 });
        } finally {
          await db.destroy();
        }
      });
    } else {
      it('sizes the PostgreSQL pool from the target and keeps its connections alive', async () => {
        const created = await createTestDatabase('postgres');
        const target = created.target('ase');
        const sized = createDataSource({ target: { ...target, poolSize: 3 } as typeof target, entities: [], migrations: [] });
        const unsized = createDataSource({ target, entities: [], migrations: [] });
        await sized.initialize();
        await unsized.initialize();
        try {
          // The pool's own options, as pg received them.
          const poolOptions = (db: typeof sized) => (db.driver as unknown as { master: { options: { max: number; keepAlive: boolean; idleTimeoutMillis: number } } }).master.options;
          const rows = (await sized.query('SELECT 1 AS one')) as { one: number }[];
          expect({
            sized: poolOptions(sized).max,
            unsized: poolOptions(unsized).max,
            keepAlive: poolOptions(sized).keepAlive,
            idle: poolOptions(sized).idleTimeoutMillis,
            works: rows[0]!.one,
          }).to.deep.equal({ sized: 3, unsized: DEFAULT_POOL_SIZE, keepAlive: true, idle: 60_000, works: 1 });
        } finally {
          await sized.destroy();
          await unsized.destroy();
        }
      });
    }
  });

  interface Part { id: string; label: string | null; inStock: boolean; price: number; bin?: string }
  const Part = new EntitySchema<Part>({
    name: 'Part',
    tableName: 'bulk_part',
    columns: {
      id: { type: 'varchar', length: 20, primary: true },
      label: { type: 'varchar', length: 40, nullable: true },
      inStock: { name: 'in_stock', type: 'boolean' },
      price: { type: 'double precision' },
      bin: { type: 'varchar', length: 10, default: 'A1' },
    },
  });
  const parts = (n: number, from = 0): Part[] => Array.from({ length: n }, (_, k) => ({ id: `part-${String(from + k).padStart(5, '0')}`, label: k % 3 === 0 ? null : `Label ${from + k}`, inStock: k % 2 === 0, price: (from + k) / 4, bin: `B${k % 7}` }));

  // A data source with the bulk_part table, in the subgraph's own schema on PostgreSQL; `counter`
  // sees every statement it runs.
  async function withParts(fn: (db: ReturnType<typeof createDataSource>) => Promise<void>, counter?: SqlCounter): Promise<void> {
    const created = await createTestDatabase(kind);
    const db = createDataSource({ target: created.target('ase'), entities: [Part], migrations: [], counter });
    await db.initialize();
    try {
      if (kind === 'postgres') await db.query('CREATE SCHEMA IF NOT EXISTS ase');
      await db.synchronize();
      await fn(db);
    } finally {
      await db.destroy();
    }
  }

  describe(`bulk inserts [${kind}]`, () => {
    it('writes every row and value across several chunks, and leaves a column the rows omit to its default', () =>
      withParts(async (db) => {
        const many = parts(2 * INSERT_CHUNK + 3);
        const withoutBin = parts(2, 90_000).map(({ bin: _bin, ...rest }) => rest);
        await db.transaction(async (manager) => {
          await insertInChunks(manager, Part, many);
          await insertInChunks(manager, Part, withoutBin);
          await insertInChunks(manager, Part, []);
        });
        const read = await db.getRepository(Part).find({ order: { id: 'ASC' } });
        expect(read).to.deep.equal([...many, ...withoutBin.map((p) => ({ ...p, bin: 'A1' }))]);
      }));

    it('writes nothing when one row of a chunk is refused (the caller\'s transaction rolls back)', () =>
      withParts(async (db) => {
        const rows = parts(3);
        const refused = await db.transaction((manager) => insertInChunks(manager, Part, [...rows, rows[0]!])).then(() => 'accepted', () => 'refused');
        expect({ refused, rows: await db.getRepository(Part).count() }).to.deep.equal({ refused: 'refused', rows: 0 });
      }));
  });

  describe(`plain rows [${kind}]`, () => {
    it('binds a number parameter instead of writing it into the SQL, so other numbers reuse the statement', () => {
      const counter = new SqlCounter();
      return withParts(async (db) => {
        await insertInChunks(db.manager, Part, parts(8));
        counter.reset();
        counter.keep = true;
        const between = (low: number, high: number) => selectRows<{ id: string }>(db, 'SELECT id FROM bulk_part WHERE price BETWEEN :low AND :high ORDER BY id', { low, high });
        expect(await between(0.5, 1)).to.deep.equal([{ id: 'part-00002' }, { id: 'part-00003' }, { id: 'part-00004' }]);
        expect(await between(1.25, 1.5)).to.deep.equal([{ id: 'part-00005' }, { id: 'part-00006' }]);
        const placeholder = kind === 'postgres' ? ['$1', '$2'] : ['?', '?'];
        expect({ statements: counter.statements, parameters: counter.parameters }).to.deep.equal({
          statements: Array(2).fill(`SELECT id FROM bulk_part WHERE price BETWEEN ${placeholder[0]} AND ${placeholder[1]} ORDER BY id`),
          parameters: [[0.5, 1], [1.25, 1.5]],
        });
      }, counter);
    });
  });
}
