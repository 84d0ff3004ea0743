import { buildSubgraph, createLogger, fixedClock, migrate, SqlCounter, type BuiltSubgraph, type Caller, type Clock, type CredentialIssued, type SeedResult } from '@talent-graph/platform';
import type { World, WorldPerson } from '@talent-graph/platform/demo';
import { createTestDatabase, type DatabaseKind } from '@talent-graph/platform/testing';
import type { DataSource } from 'typeorm';
import type { Loaders } from '../src/loaders.ts';
import { definition, openDatabase, seed } from '../src/server.ts';

/** Test support for the directory's DB-backed suites: a migrated, seeded database and a built subgraph. */
export interface Harness {
  db: DataSource;
  built: BuiltSubgraph<Loaders>;
  counter: SqlCounter;
  /** What seed() reported. */
  seeded: SeedResult;
  run(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

export const ANON: Caller = { sub: null, roles: [], scopes: [] };
export const as = (sub: string | null, roles: Caller['roles'] = [], extra: Partial<Caller> = {}): Caller => ({ sub, roles, scopes: [], ...extra });

/** A fresh database of that kind with the directory's migrations applied, and nothing else. */
export async function openMigrated(kind: DatabaseKind, counter?: SqlCounter): Promise<DataSource> {
  const created = await createTestDatabase(kind);
  const db = openDatabase(created.target('directory'), counter);
  await db.initialize();
  await migrate(db);
  return db;
}

export async function openHarness(kind: DatabaseKind, world: World, events: CredentialIssued[], clock: Clock): Promise<Harness> {
  const counter = new SqlCounter();
  const db = await openMigrated(kind, counter);
  const seeded = await seed(db, world, events);
  const built = await buildSubgraph(definition, { db, clock, logger: createLogger('directory', 'silent') });
  return {
    db,
    built,
    counter,
    seeded,
    async run(query, variables = {}, caller = ANON) {
      const response = await built.apollo.executeOperation({ query, variables }, { contextValue: built.contextFor(caller) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      // Apollo leaves `errors: undefined` on a clean result; drop it so results compare as users see them.
      const { data, errors } = response.body.singleResult;
      return (errors ? { data, errors } : { data }) as Awaited<ReturnType<Harness['run']>>;
    },
    async close() {
      await built.apollo.stop();
      await db.destroy();
    },
  };
}

/** Another built subgraph on the same database with another "today" (e.g. to make a ward under 13). */
export async function withClock(db: DataSource, isoDate: string) {
  return buildSubgraph(definition, { db, clock: fixedClock(isoDate), logger: createLogger('directory', 'silent') });
}

/** The action of a person's latest world consent event for a purpose, in the seed's order. */
export function worldConsent(world: World, personId: string, purpose: string): string | null {
  const events = world.consentEvents.filter((e) => e.personId === personId && e.purpose === purpose).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  return events.length ? events[events.length - 1]!.action : null;
}

export const display = (p: WorldPerson) => `${p.givenName} ${p.familyName[0]}.`;
export const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
