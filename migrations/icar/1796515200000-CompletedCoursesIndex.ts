import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The state dashboard's Academy summary (subgraphs/icar/src/loaders.ts academyLearnersByState)
 * counts, for each active Academy learner, the courses they completed: the course enrollments of
 * one person with `completed_on IS NOT NULL`. The unique (person_id, course_id) index finds the
 * person's enrollments but not whether each is completed, so every one cost a table row read. A
 * partial index over completed enrollments answers both; measured on the scale-4 bench data
 * (SQLite, 1,679 Academy enrollments, 37,610 course enrollments): 0.45 → 0.27 ms per state. The
 * WHERE text is the query's own condition, so SQLite's planner, which matches it literally, uses it.
 */
const COMPLETED = 'completed_on IS NOT NULL';

export class CompletedCoursesIndex1796515200000 implements MigrationInterface {
  name = 'CompletedCoursesIndex1796515200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('course_enrollment', new TableIndex({ name: 'ix_course_enrollment_completed', columnNames: ['person_id', 'course_id'], where: COMPLETED }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('course_enrollment', 'ix_course_enrollment_completed');
  }
}
