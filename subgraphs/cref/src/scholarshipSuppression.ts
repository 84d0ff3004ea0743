import type { DataSource } from 'typeorm';
import { suppressedScholarshipCells, type ScholarshipRow } from './rules/scholarshipCells.ts';

/**
 * Which scholarship cells are withheld, kept per process for the scholarship revision it was
 * worked out at (dataRevision.ts). Only the withheld cell keys are kept, no person ids.
 */
interface Snapshot {
  revision: number;
  /** Shared by every request at this revision, and by concurrent ones that found it missing. */
  withheld: Promise<ReadonlySet<string>>;
}

const snapshots = new WeakMap<DataSource, Snapshot>();

/** `revision`: the scholarship revision this request read, before any scholarship. */
export function withheldScholarshipCells(db: DataSource, revision: number): Promise<ReadonlySet<string>> {
  const current = snapshots.get(db);
  if (current?.revision === revision) return current.withheld;
  // Plain rows aliased to the property names, without TypeORM's per-row entity hydration.
  const read = db.query(`SELECT person_id AS "personId", school_id AS "schoolId", state_code AS "stateCode", year FROM scholarship`) as Promise<ScholarshipRow[]>;
  const withheld = read.then((rows) => suppressedScholarshipCells(rows.map((r) => ({ ...r, year: Number(r.year) }))));
  const snapshot = { revision, withheld };
  snapshots.set(db, snapshot);
  // A failed read is that request's error, never an answer kept for the next one.
  withheld.catch(() => snapshots.get(db) === snapshot && snapshots.delete(db));
  return withheld;
}
