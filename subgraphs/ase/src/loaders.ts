import { byKey, groupedByKey, selectEntities, selectRows, type Clock } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { AccreditationEntity } from './entities/AccreditationEntity.ts';
import { AseTestEntity } from './entities/AseTestEntity.ts';
import { CertificationEntity } from './entities/CertificationEntity.ts';

/** A certification as Blue Seal weighs it (rules/blueSeal.ts). */
export interface BlueSealCertification {
  personId: string;
  testCode: string;
  earnedOn: string;
  expiresOn: string;
}

/**
 * Per-request DataLoaders: each turns every lookup made while resolving one operation into one
 * SQL statement per batch (`IN (…)`), however many people, shops or programs the gateway asks for.
 * They read plain rows (plainRows.ts): these are the statements of the hottest calls.
 */
export function createLoaders(db: DataSource, clock: Clock) {
  // The `:...keys` of the statements below.
  const keys = (list: readonly string[]) => ({ keys: [...list] });
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
     * certifications on professional tests not yet lapsed. Expired and Entry-Level ones (most
     * rows of a shop's team) never count (rules/blueSeal.ts), so they are left in the database
     * instead of being read and hydrated per request. The rule still applies its own test to
     * what comes back; this only drops rows it would ignore. "Not yet lapsed" uses the day the
     * batch runs, never later than the day the resolver decides on, so no row the rule would
     * count is dropped. A certification whose test were missing would count as professional
     * there, hence the outer join (the foreign key makes it impossible anyway).
     */
    blueSealCertificationsByPerson: groupedByKey<string, BlueSealCertification>(
      (personIds) =>
        selectRows(
          db,
          `SELECT c.person_id AS "personId", c.test_code AS "testCode", c.earned_on AS "earnedOn", c.expires_on AS "expiresOn" ` +
            `FROM "certification" c LEFT JOIN "ase_test" t ON t.code = c.test_code ` +
            `WHERE c.person_id IN (:...keys) AND c.expires_on > :today AND (t.entry_level IS NULL OR NOT t.entry_level)`,
          { ...keys(personIds), today: clock.today() },
        ),
      (c) => c.personId,
    ),

    /** The test codes each shop offers as service areas. */
    serviceAreasByShop: groupedByKey<string, { shopId: string; testCode: string }>(
      (shopIds) => selectRows(db, `SELECT shop_id AS "shopId", test_code AS "testCode" FROM "shop_service_area" WHERE shop_id IN (:...keys) ORDER BY test_code ASC`, keys(shopIds)),
      (a) => a.shopId,
    ),

    /** A program's accreditations, latest first. */
    accreditationsByProgram: groupedByKey<string, AccreditationEntity>(
      (programIds) => selectEntities(db, AccreditationEntity, 'WHERE program_id IN (:...keys) ORDER BY accredited_on DESC, id DESC', keys(programIds)),
      (a) => a.programId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
