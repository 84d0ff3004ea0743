import { keptPerRevision, readRevisions } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import type { Course } from './entities/Course.ts';

/**
 * Every ProLevel, Gold Class and Academy progress answer reads the whole course catalogue, and a
 * job search or a state dashboard asks for many of them: reading and decoding the catalogue was a
 * steady share of those calls (bench/README.md, "Subgraph levers"). So each process keeps the
 * catalogue in memory with the revision it was read at, checked per request against
 * data_revision (internal/platform/src/dataRevisions.ts; migration 1796428800000), read before
 * the courses.
 */
const catalogueAt = keptPerRevision(async (db): Promise<readonly Course[]> => {
  // Plain rows aliased to the property names, without TypeORM's per-row entity hydration.
  const rows = (await db.query(
    `SELECT id, code, title, role, pro_level AS "proLevel", learning_area AS "learningArea", hours, academy FROM course ORDER BY code`,
  )) as (Omit<Course, 'proLevel' | 'hours' | 'academy'> & { proLevel: number | string | null; hours: number | string; academy: boolean | number })[];
  // SQLite returns booleans as 0/1; the rules and the Course type want real booleans and numbers.
  return Object.freeze(rows.map((c): Course => Object.freeze({ ...c, proLevel: c.proLevel === null ? null : Number(c.proLevel), hours: Number(c.hours), academy: Boolean(c.academy) })));
});

/** The catalogue by code, shared by every request of the process: callers must not modify it. */
export async function courseCatalogue(db: DataSource): Promise<readonly Course[]> {
  const { course: revision } = await readRevisions(db, ['course']);
  return catalogueAt(db, revision);
}
