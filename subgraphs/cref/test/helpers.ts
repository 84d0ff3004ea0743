import { buildSubgraph, createLogger, fixedClock, migrate, SqlCounter, ANONYMOUS, type BuiltSubgraph, type Caller } from '@talent-graph/platform';
import { buildWorld, SEED_DATE, type World } from '@talent-graph/platform/demo';
import { createTestDatabase, type DatabaseKind } from '@talent-graph/platform/testing';
import type { DataSource } from 'typeorm';
import type { Loaders } from '../src/loaders.ts';
import { definition, openDatabase, seed } from '../src/server.ts';

/** A seeded cref database and the subgraph built on it, with a statement counter. */
export interface TestSubgraph {
  db: DataSource;
  built: BuiltSubgraph<Loaders>;
  counter: SqlCounter;
  world: World;
  stop(): Promise<void>;
}

/** The small world every DB-backed suite seeds (fast on both databases). */
export const TEST_SCALE = 0.1;

export async function startCref(kind: DatabaseKind): Promise<TestSubgraph> {
  const created = await createTestDatabase(kind);
  const counter = new SqlCounter();
  const db = openDatabase(created.target('cref'), counter);
  await db.initialize();
  await migrate(db);
  const world = buildWorld(TEST_SCALE);
  await seed(db, world);
  const built = await buildSubgraph(definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger('cref', 'silent') });
  return {
    db,
    built,
    counter,
    world,
    stop: async () => {
      await built.apollo.stop();
      await db.destroy();
    },
  };
}

export interface Result {
  data: Record<string, unknown> | null | undefined;
  errors: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
}

export async function run(sg: TestSubgraph, query: string, variables: Record<string, unknown> = {}, caller: Caller = ANONYMOUS): Promise<Result> {
  const response = await sg.built.apollo.executeOperation({ query, variables }, { contextValue: sg.built.contextFor(caller) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = response.body.singleResult;
  return { data: data as Result['data'], errors: errors as Result['errors'] };
}

/** Error codes of a result, in order. */
export const codes = (r: Result) => (r.errors ?? []).map((e) => e.extensions?.code);

export function caller(over: Partial<Caller>): Caller {
  return { sub: 'per-99999', roles: [], scopes: [], ...over };
}
