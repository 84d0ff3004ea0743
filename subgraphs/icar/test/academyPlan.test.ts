import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { fixedClock, migrate } from '@talent-graph/platform';
import { buildWorld, SEED_DATE } from '@talent-graph/platform/demo';
import { createTestDatabase } from '@talent-graph/platform/testing';
import { createLoaders } from '../src/loaders.ts';
import { openDatabase, seed } from '../src/server.ts';

/**
 * The state dashboard's Academy summary reads each active learner's completed courses through
 * the partial index over completed enrollments (migrations/icar/1796515200000-CompletedCoursesIndex.ts),
 * not one table row per enrollment. SQLite only: its planner matches a partial index's WHERE
 * text literally, so a reworded condition would silently stop using it; on PostgreSQL,
 * test/indexes.test.ts checks every canonical statement for full scans.
 */
describe('icar: the Academy summary statement uses the completed-courses index [sqlite]', () => {
  let db: DataSource;

  before(async function () {
    this.timeout(60_000);
    const created = await createTestDatabase('sqlite');
    db = openDatabase(created.target('icar'));
    await db.initialize();
    await migrate(db);
    await seed(db, buildWorld(0.1));
  });

  after(async () => {
    await db.destroy();
  });

  it('plans the per-learner count on ix_course_enrollment_completed', async () => {
    // The loader's own statement, captured as it runs.
    const sent: [string, unknown[]][] = [];
    const query = db.query.bind(db);
    db.query = (async (sql: string, parameters?: unknown[]) => {
      sent.push([sql, parameters ?? []]);
      return query(sql, parameters);
    }) as typeof db.query;
    try {
      await createLoaders(db, fixedClock(SEED_DATE)).academyLearnersByState.load('OH');
    } finally {
      db.query = query;
    }
    const [sql, parameters] = sent.find(([text]) => text.includes('FROM academy_enrollment'))!;
    const plan = ((await db.query(`EXPLAIN QUERY PLAN ${sql}`, parameters)) as { detail: string }[]).map((row) => row.detail);
    expect(plan.filter((detail) => detail.includes('course_enrollment') || /^SEARCH ce\b/.test(detail))).to.deep.equal(['SEARCH ce USING INDEX ix_course_enrollment_completed (person_id=?)']);
  });
});
