import DataLoader from 'dataloader';
import { byKey, groupedByKey, MAX_BATCH, selectEntities, selectRows, type Clock } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { readRevisions, type Revisions } from './dataRevision.ts';
import type { AccreditationEntity } from './entities/AccreditationEntity.ts';
import { AseTestEntity } from './entities/AseTestEntity.ts';
import { CertificationEntity } from './entities/CertificationEntity.ts';
import { accreditationsByProgram, serviceAreasByShop } from './keptTables.ts';

/**
 * Separates a technician's test codes in heldCodesByPerson's aggregate: the ASCII unit separator,
 * which no test code contains (a comma would do for ASE's codes, but nothing in the schema forbids
 * one).
 */
const CODE_SEPARATOR = '\u001f';

/**
 * Per-request DataLoaders: each turns every lookup made while resolving one operation into one
 * SQL statement per batch (`IN (…)`), however many people, shops or programs the gateway asks for.
 * They read plain rows (plainRows.ts): these are the statements of the hottest calls. Service
 * areas and accreditations come from the process's copy of their tables (keptTables.ts), checked
 * by one statement per request.
 */
export function createLoaders(db: DataSource, clock: Clock) {
  // The `:...keys` of the statements below.
  const keys = (list: readonly string[]) => ({ keys: [...list] });
  // Read once per request, before any row they vouch for (keptTables.ts).
  let revisionsRead: Promise<Revisions> | undefined;
  const revisions = () => (revisionsRead ??= readRevisions(db));
  return {
    testByCode: byKey<string, AseTestEntity>((codes) => selectEntities(db, AseTestEntity, 'WHERE code IN (:...keys)', keys(codes)), (t) => t.code),

    certificationById: byKey<string, CertificationEntity>((ids) => selectEntities(db, CertificationEntity, 'WHERE id IN (:...keys)', keys(ids)), (c) => c.id),

    /** A person's certifications, newest first (current and expired). */
    certificationsByPerson: groupedByKey<string, CertificationEntity>(
      (personIds) => selectEntities(db, CertificationEntity, 'WHERE person_id IN (:...keys) ORDER BY earned_on DESC, id DESC', keys(personIds)),
      (c) => c.personId,
    ),

    /**
     * What Blue Seal needs of each technician, in one statement for every shop of the call: the
     * codes of the professional (not Entry-Level) tests they hold a certification in force for
     * (rules/blueSeal.ts). Most certifications of a shop's team are expired or Entry-Level and
     * never count; reading and re-checking every row that might count was half the CPU of a job
     * search's Blue Seal call, so the database decides and sends one aggregated row per
     * technician. In force is isInForce (rules/certification.ts) as SQL: earned on or before the
     * day, lapsing after it; the day is read once per batch and the whole answer is decided on
     * it. A certification whose test were missing would count as professional, hence NOT IN
     * rather than a join (the foreign key makes it impossible anyway).
     * string_agg is the same on PostgreSQL and on SQLite from 3.44 (better-sqlite3 bundles 3.51).
     */
    heldCodesByPerson: new DataLoader<string, string[]>(
      async (personIds) => {
        const rows = await selectRows<{ personId: string; testCodes: string }>(
          db,
          `SELECT person_id AS "personId", string_agg(test_code, :separator) AS "testCodes" FROM "certification" ` +
            `WHERE person_id IN (:...keys) AND earned_on <= :today AND expires_on > :today ` +
            `AND test_code NOT IN (SELECT code FROM "ase_test" WHERE entry_level) GROUP BY person_id`,
          { ...keys(personIds), today: clock.today(), separator: CODE_SEPARATOR },
        );
        const held = new Map(rows.map((r) => [r.personId, r.testCodes.split(CODE_SEPARATOR)]));
        return personIds.map((id) => held.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),

    /** The test codes each shop offers as service areas, in code order; a shop without any is absent. */
    serviceAreasByShop: async () => serviceAreasByShop(db, (await revisions()).shop_service_area),

    /** Each program's accreditations, latest first; a program never accredited is absent. */
    accreditationsByProgram: async (): Promise<ReadonlyMap<string, readonly AccreditationEntity[]>> => accreditationsByProgram(db, (await revisions()).accreditation),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
