import { keptPerRevision, selectEntities, selectRows } from '@talent-graph/platform';
import { AccreditationEntity } from './entities/AccreditationEntity.ts';

/**
 * Two small tables that calls read for dozens of keys at a time: a state dashboard asks for the
 * accreditation of each of a state's programs, a job search for the Blue Seal of each shop in
 * reach (with its service areas). Reading their rows per call was a third of the CPU of the
 * Program call (bench/README.md, "Subgraph levers"). So each process keeps each table whole in
 * memory, grouped by key, with the revision it was read at, checked per request against
 * data_revision (internal/platform/src/dataRevisions.ts; migration 1796515200000), read before
 * the rows. Neither table holds anything about a person (certifications are read per request).
 *
 * What they return is shared by every request of the process: callers must not modify it.
 */

/** Rows grouped by key, each group frozen. */
function grouped<T, V>(rows: readonly T[], keyOf: (row: T) => string, valueOf: (row: T) => V): ReadonlyMap<string, readonly V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(valueOf(row));
    else groups.set(keyOf(row), [valueOf(row)]);
  }
  for (const group of groups.values()) Object.freeze(group);
  return groups;
}

/** Each program's accreditations, latest first (a renewal supersedes the one it renews). */
export const accreditationsByProgram = keptPerRevision(async (db) => {
  const rows = await selectEntities(db, AccreditationEntity, 'ORDER BY accredited_on DESC, id DESC', {});
  return grouped(rows, (a) => a.programId, (a) => Object.freeze(a));
});

/** The test codes each shop offers as service areas, in code order. */
export const serviceAreasByShop = keptPerRevision(async (db) => {
  const rows = await selectRows<{ shopId: string; testCode: string }>(db, `SELECT shop_id AS "shopId", test_code AS "testCode" FROM "shop_service_area" ORDER BY test_code ASC`, {});
  return grouped(rows, (a) => a.shopId, (a) => a.testCode);
});
