import { keptPerRevision } from '@talent-graph/platform';
import { suppressedScholarshipCells, type ScholarshipRow } from './rules/scholarshipCells.ts';

/**
 * Which scholarship cells are withheld, kept per process for the scholarship revision it was
 * worked out at (dataRevision.ts; the kit's keptPerRevision). Only the withheld cell keys are
 * kept, no person ids. `revision`: the scholarship revision this request read, before any
 * scholarship.
 */
export const withheldScholarshipCells = keptPerRevision(async (db): Promise<ReadonlySet<string>> => {
  // Plain rows aliased to the property names, without TypeORM's per-row entity hydration.
  const rows = (await db.query(`SELECT person_id AS "personId", school_id AS "schoolId", state_code AS "stateCode", year FROM scholarship`)) as ScholarshipRow[];
  return suppressedScholarshipCells(rows.map((r) => ({ ...r, year: Number(r.year) })));
});
