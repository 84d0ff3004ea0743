import { buildSubgraph, createLogger, fixedClock, migrate, SqlCounter, type BuiltSubgraph, type Caller } from '@talent-graph/platform';
import { buildWorld, SEED_DATE, type World } from '@talent-graph/platform/demo';
import { createTestDatabase, type DatabaseKind } from '@talent-graph/platform/testing';
import type { DataSource } from 'typeorm';
import { JobPost } from '../src/entities/JobPost.ts';
import { PayReport } from '../src/entities/PayReport.ts';
import { SchoolAssistLink } from '../src/entities/SchoolAssistLink.ts';
import { ZipLocation } from '../src/entities/ZipLocation.ts';
import type { Loaders } from '../src/loaders.ts';
import { definition, openDatabase, seed } from '../src/server.ts';

/**
 * A seeded wrenchway database (world at scale 0.1) plus hand-made records in Alaska, a state
 * the demo world never uses, so the tests know every answer around them exactly. Today is
 * SEED_DATE (2026-09-01).
 *
 * Around Anchorage (99501): 99503 is 9.5 miles due north, 99504 10.5 miles north, 99505 sits
 * inside a 10-mile search's bounding box but 11.6 miles away (a box corner), and Fairbanks
 * (99701) is 259 miles off.
 */
export const FX_ZIPS: ZipLocation[] = [
  { zip: '99501', city: 'Anchorage', stateCode: 'AK', lat: 61.2181, lon: -149.9003 },
  { zip: '99503', city: 'Anchorage', stateCode: 'AK', lat: 61.35559, lon: -149.9003 },
  { zip: '99504', city: 'Anchorage', stateCode: 'AK', lat: 61.37007, lon: -149.9003 },
  { zip: '99505', city: 'Anchorage', stateCode: 'AK', lat: 61.3181, lon: -149.6203 },
  { zip: '99701', city: 'Fairbanks', stateCode: 'AK', lat: 64.8378, lon: -147.7164 },
];

const SHOPS = {
  'shp-fx-1': { name: 'Northern Lights Collision #3', type: 'MSO', industry: 'COLLISION' },
  'shp-fx-2': { name: 'Midnight Sun Auto Repair', type: 'INDEPENDENT', industry: 'AUTOMOTIVE' },
  'shp-fx-3': { name: 'Arctic Fleet Services', type: 'FLEET', industry: 'DIESEL' },
} as const;

function job(id: string, shopId: keyof typeof SHOPS, zip: string, postedOn: string, status: 'OPEN' | 'CLOSED', requiredAseTests: string): JobPost {
  const shop = SHOPS[shopId];
  const z = FX_ZIPS.find((x) => x.zip === zip)!;
  const soc = { COLLISION: '49-3021', AUTOMOTIVE: '49-3023', DIESEL: '49-3031' }[shop.industry];
  return {
    id,
    shopId,
    shopName: shop.name,
    shopType: shop.type,
    title: `${shop.industry === 'COLLISION' ? 'Collision' : shop.industry === 'AUTOMOTIVE' ? 'Automotive' : 'Diesel'} Technician ${id.slice(-2)}`,
    industry: shop.industry,
    socCode: soc,
    payMinHourlyUsd: 24,
    payMaxHourlyUsd: 31.5,
    experienceYearsMin: 2,
    requiredAseTests,
    city: z.city,
    zip,
    stateCode: 'AK',
    lat: z.lat,
    lon: z.lon,
    postedOn,
    status,
    source: 'WRENCHWAY',
  };
}

export const FX_JOBS: JobPost[] = [
  job('job-fx-01', 'shp-fx-1', '99501', '2026-08-30', 'OPEN', 'B2,B3'),
  job('job-fx-02', 'shp-fx-2', '99503', '2026-08-29', 'OPEN', 'A4,A5'),
  job('job-fx-03', 'shp-fx-1', '99504', '2026-08-28', 'OPEN', ''),
  job('job-fx-04', 'shp-fx-3', '99505', '2026-08-27', 'OPEN', 'T2'),
  job('job-fx-05', 'shp-fx-1', '99501', '2026-08-26', 'CLOSED', 'B2'),
  job('job-fx-06', 'shp-fx-1', '99501', '2026-08-30', 'OPEN', 'B4'),
  job('job-fx-07', 'shp-fx-3', '99701', '2026-08-25', 'OPEN', ''),
];

function report(n: number, industry: string, shopType: string, years: number, tier: string, hourlyUsd: number, at: { zip: string; lat: number; lon: number } = FX_ZIPS[0]!): PayReport {
  return { id: `pay-fx-${String(n).padStart(2, '0')}`, industry, shopType, zip: at.zip, lat: at.lat, lon: at.lon, stateCode: 'AK', yearsExperience: years, credentialTier: tier, hourlyUsd, reportedOn: '2026-06-01' };
}

const FAIRBANKS = FX_ZIPS[4]!;
/** 20.0 miles due north of Fairbanks: inside the 25-mile rung, outside the 10-mile one. */
export const FAIRBANKS_NORTH_20 = { zip: '99701', lat: 65.12726, lon: FAIRBANKS.lon };

/**
 * Anchorage: ten diesel fleet reports (years 1–10, $30–$39), ten collision CERTIFIED ($20–$38),
 * three collision MASTER.
 * Fairbanks (ZIP3 997, whose centroid is 99701 itself), automotive, 21 people, built so that
 * before binning every pair of neighbouring queries differed by 1–9 people:
 * A 12 independent at the centre, 5 years ($25–$36); B 3 dealers at the centre, 6 years ($40–$42);
 * C 4 independent 20 miles north, 5 years ($30–$33); D 2 independent at the centre, 12 years ($28–$29).
 */
export const FX_REPORTS: PayReport[] = [
  ...Array.from({ length: 10 }, (_, i) => report(i + 1, 'DIESEL', 'FLEET', i + 1, 'CERTIFIED', 30 + i)),
  ...Array.from({ length: 10 }, (_, i) => report(i + 11, 'COLLISION', 'MSO', 5, 'CERTIFIED', 20 + 2 * i)),
  ...Array.from({ length: 3 }, (_, i) => report(i + 21, 'COLLISION', 'DEALER', 15, 'MASTER', 40 + i)),
  ...Array.from({ length: 12 }, (_, i) => report(i + 31, 'AUTOMOTIVE', 'INDEPENDENT', 5, 'CERTIFIED', 25 + i, FAIRBANKS)),
  ...Array.from({ length: 3 }, (_, i) => report(i + 51, 'AUTOMOTIVE', 'DEALER', 6, 'CERTIFIED', 40 + i, FAIRBANKS)),
  ...Array.from({ length: 4 }, (_, i) => report(i + 61, 'AUTOMOTIVE', 'INDEPENDENT', 5, 'CERTIFIED', 30 + i, FAIRBANKS_NORTH_20)),
  ...Array.from({ length: 2 }, (_, i) => report(i + 71, 'AUTOMOTIVE', 'INDEPENDENT', 12, 'CERTIFIED', 28 + i, FAIRBANKS)),
];

export const FX_LINKS: SchoolAssistLink[] = [
  { id: 'sal-fx-1', schoolId: 'sch-fx-1', shopId: 'shp-fx-1', since: '2025-01-15', annualFeeUsd: 750 },
  { id: 'sal-fx-2', schoolId: 'sch-fx-1', shopId: 'shp-fx-2', since: '2026-02-01', annualFeeUsd: 1000 },
];

export interface GraphQLErrorShape {
  message: string;
  extensions?: Record<string, unknown>;
  path?: readonly (string | number)[];
}

export interface Fixture {
  db: DataSource;
  built: BuiltSubgraph<Loaders>;
  counter: SqlCounter;
  world: World;
  run(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLErrorShape[] }>;
  close(): Promise<void>;
}

export async function createFixture(kind: DatabaseKind, scale = 0.1): Promise<Fixture> {
  const created = await createTestDatabase(kind);
  const counter = new SqlCounter();
  const db = openDatabase(created.target('wrenchway'), counter);
  await db.initialize();
  await migrate(db);
  const world = buildWorld(scale);
  await seed(db, world);
  await db.getRepository(ZipLocation).insert(FX_ZIPS);
  await db.getRepository(JobPost).insert(FX_JOBS);
  await db.getRepository(PayReport).insert(FX_REPORTS);
  await db.getRepository(SchoolAssistLink).insert(FX_LINKS);
  const built = await buildSubgraph(definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger('wrenchway', 'silent') });
  return {
    db,
    built,
    counter,
    world,
    async run(query, variables, caller) {
      const response = await built.apollo.executeOperation({ query, variables }, { contextValue: built.contextFor(caller ?? { sub: null, roles: [], scopes: [] }) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as { data?: Record<string, unknown> | null; errors?: readonly GraphQLErrorShape[] };
    },
    async close() {
      await built.apollo.stop();
      await db.destroy();
    },
  };
}

/** A signed-in person with the given roles. */
export const personCaller = (sub: string, extra: Partial<Caller> = {}): Caller => ({ sub, roles: ['student'], scopes: [], ...extra });
