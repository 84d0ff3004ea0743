import { buildSubgraph, createLogger, fixedClock, migrate, SqlCounter, type BuiltSubgraph, type Caller, ANONYMOUS } from '@talent-graph/platform';
import { buildWorld, SEED_DATE, type World } from '@talent-graph/platform/demo';
import { createTestDatabase, type DatabaseKind } from '@talent-graph/platform/testing';
import type { DataSource } from 'typeorm';
import { AccreditationEntity } from '../src/entities/AccreditationEntity.ts';
import { CertificationEntity } from '../src/entities/CertificationEntity.ts';
import { ShopServiceAreaEntity } from '../src/entities/ShopServiceAreaEntity.ts';
import type { Loaders } from '../src/loaders.ts';
import { accreditationExpiresOn } from '../src/rules/accreditation.ts';
import { certificationExpiresOn } from '../src/rules/certification.ts';
import { definition, openDatabase, seed } from '../src/server.ts';
import type { SeedResult } from '@talent-graph/platform';

/**
 * A seeded ase database plus a few hand-made records whose answers the tests know exactly
 * (today is SEED_DATE, 2026-09-01). Their ids carry `fx` so they never collide with the seed.
 */
export interface AseFixture {
  db: DataSource;
  built: BuiltSubgraph<Loaders>;
  counter: SqlCounter;
  world: World;
  seeded: SeedResult;
  run(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[] }>;
  close(): Promise<void>;
}

const cert = (id: string, personId: string, testCode: string, earnedOn: string, credited: number, renewalOf: string | null = null): CertificationEntity => ({
  id: `ase-cert-fx-${id}`,
  personId,
  testCode,
  earnedOn,
  expiresOn: certificationExpiresOn(earnedOn, testCode.startsWith('EL-') ? 2 : 5),
  experienceMonthsCredited: credited,
  candidateId: `ASE-FX-${personId.slice(-2)}`,
  renewalOf: renewalOf ? `ase-cert-fx-${renewalOf}` : null,
});

const MASTER_CODES = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'];

/** The hand-made certifications. */
export const FIXTURE_CERTIFICATIONS: CertificationEntity[] = [
  // per-fx-01: Master Automobile Technician; A5 renewed inside its recertification window.
  cert('01', 'per-fx-01', 'A5', '2019-05-01', 60),
  ...MASTER_CODES.map((code, i) => cert(String(10 + i), 'per-fx-01', code, '2024-01-15', 120, code === 'A5' ? '01' : null)),
  // per-fx-02: A1–A8 but A3 lapsed yesterday (earned 2021-08-31); A7 expires today, still current.
  ...MASTER_CODES.map((code, i) => cert(String(20 + i), 'per-fx-02', code, code === 'A3' ? '2021-08-31' : code === 'A7' ? '2021-09-01' : '2023-02-02', 40)),
  cert('30', 'per-fx-02', 'B2', '2025-06-30', 70),
  // per-fx-03: a student with one Entry-Level certification.
  cert('40', 'per-fx-03', 'EL-A5', '2025-03-01', 6),
  // per-fx-04: a collision technician with B2 only.
  cert('50', 'per-fx-04', 'B2', '2024-04-04', 30),
  // per-fx-05: B4 earned today (current), B3 recorded for tomorrow (not yet current).
  cert('60', 'per-fx-05', 'B4', '2026-09-01', 30),
  cert('61', 'per-fx-05', 'B3', '2026-09-02', 31),
];

export const FIXTURE_SERVICE_AREAS: ShopServiceAreaEntity[] = [
  { shopId: 'shp-fx-1', testCode: 'A4' },
  { shopId: 'shp-fx-1', testCode: 'A5' },
  { shopId: 'shp-fx-2', testCode: 'A3' },
  { shopId: 'shp-fx-2', testCode: 'A5' },
  { shopId: 'shp-fx-3', testCode: 'A5' },
  { shopId: 'shp-fx-3', testCode: 'B4' },
  { shopId: 'shp-fx-5', testCode: 'A3' },
  { shopId: 'shp-fx-5', testCode: 'A7' },
  { shopId: 'shp-fx-5', testCode: 'B3' },
  { shopId: 'shp-fx-5', testCode: 'B4' },
];

const acc = (id: string, programId: string, accreditedOn: string): AccreditationEntity => ({ id: `ase-acc-fx-${id}`, programId, stateCode: 'QA', accreditedOn, expiresOn: accreditationExpiresOn(accreditedOn) });

/** Accreditations in the made-up state QA (no seeded program is there). */
export const FIXTURE_ACCREDITATIONS: AccreditationEntity[] = [
  acc('1', 'prg-fx-1', '2023-01-01'),
  acc('2', 'prg-fx-2', '2020-06-01'),
  acc('3', 'prg-fx-3', '2018-02-01'),
  acc('4', 'prg-fx-3', '2023-01-20'),
  acc('5', 'prg-fx-4', '2021-09-01'),
  acc('6', 'prg-fx-5', '2021-08-31'),
];

export async function createAseFixture(kind: DatabaseKind): Promise<AseFixture> {
  const created = await createTestDatabase(kind);
  const counter = new SqlCounter();
  const db = openDatabase(created.target('ase'), counter);
  await db.initialize();
  await migrate(db);
  const world = buildWorld(0.1);
  const seeded = await seed(db, world);
  await db.getRepository(CertificationEntity).insert(FIXTURE_CERTIFICATIONS);
  await db.getRepository(ShopServiceAreaEntity).insert(FIXTURE_SERVICE_AREAS);
  await db.getRepository(AccreditationEntity).insert(FIXTURE_ACCREDITATIONS);
  const built = await buildSubgraph(definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger('ase', 'silent') });
  return {
    db,
    built,
    counter,
    world,
    seeded,
    async run(query, variables = {}, caller = ANONYMOUS) {
      const response = await built.apollo.executeOperation({ query, variables }, { contextValue: built.contextFor(caller) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      // Only the keys present in the response, so tests can deep-equal the whole result.
      const { data, errors } = response.body.singleResult;
      return JSON.parse(JSON.stringify({ data, errors })) as Awaited<ReturnType<AseFixture['run']>>;
    },
    async close() {
      await built.apollo.stop();
      await db.destroy();
    },
  };
}
