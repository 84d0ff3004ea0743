import { byKey, groupedByKey, MAX_BATCH, selectRows, type Clock } from '@talent-graph/platform';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { AcademyEnrollment } from './entities/AcademyEnrollment.ts';
import type { AcademyProgram } from './entities/AcademyProgram.ts';
import { Apprenticeship } from './entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from './entities/ApprenticeshipHourLog.ts';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { Course } from './entities/Course.ts';
import { CourseEnrollment } from './entities/CourseEnrollment.ts';
import { Credential } from './entities/Credential.ts';
import { courseCatalogue } from './courses.ts';
import type { CompletedCourses } from './rules/proLevel.ts';

/** A logged day with the apprentice of its apprenticeship, for subject access (`MyData.icar`). */
export interface HourLogOfPerson {
  id: string;
  apprenticeshipId: string;
  apprenticeId: string;
  workedOn: string;
  hours: number;
  activity: string;
  confirmedBy: string | null;
}

/** Nothing completed: shared by every person without a completion (callers only read it). */
const NOTHING_COMPLETED: CompletedCourses = Object.freeze({ completed: new Set<string>(), lastCompletedOn: null });

/** A state's Academy learners as its public summary needs them (see academyLearnersByState). */
export interface AcademyLearners {
  stateCode: string;
  /** Enrollments completed: their progress is never averaged, so only counted. */
  completed: number;
  /** Per active enrollment, in the order the database returned them, the Academy courses completed. */
  activeCoursesDone: number[];
  /** Academy courses in the catalogue: the whole of every learner's overall progress. */
  academyCourses: number;
}

/**
 * Many rows per key where one row may belong to several keys (an apprenticeship is about its
 * apprentice and its mentor). Missing keys load as []; row order is kept.
 */
function groupedByKeys<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keysOf: (row: V) => readonly (K | null)[]): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const map = new Map<K, V[]>();
    for (const row of rows) {
      for (const k of new Set(keysOf(row))) {
        if (k === null) continue;
        const list = map.get(k);
        if (list) list.push(row);
        else map.set(k, [row]);
      }
    }
    return keys.map((k) => map.get(k) ?? []);
  }, { maxBatchSize: MAX_BATCH });
}

/**
 * Per-request loaders: each turns the lookups of one operation into one SQL statement per batch
 * (`IN (…)`), whatever the length of the list being resolved. Created per request, so nothing a
 * caller may see outlives the request.
 */
export function createLoaders(db: DataSource, clock: Clock) {
  const ids = <K>(keys: readonly K[]) => In([...keys]);
  let catalogue: Promise<readonly Course[]> | undefined;
  return {
    /**
     * The whole catalogue (a few dozen rows) by code, checked once per request against its revision
     * and otherwise kept by the process (courses.ts): ProLevels and Academy progress need every course.
     */
    catalogue: (): Promise<readonly Course[]> => (catalogue ??= courseCatalogue(db)),
    courseById: byKey((keys: readonly string[]) => db.getRepository(Course).findBy({ id: ids(keys) }), (c) => c.id),
    /**
     * What ProLevels, Gold Class and Academy progress read of each person's completed courses
     * (rules/proLevel.ts, CompletedCourses), one row per person for the whole batch: a job
     * search's Gold Class call asks for every technician of up to 20 shops, and reading one row
     * per completed course (about five per technician) was the largest part of the call's CPU,
     * twice what this statement costs on SQLite. Course ids never contain a comma (courseIdFor
     * in catalogue.ts), so a person's ids travel as one comma-separated string: string_agg is the
     * same on SQLite (3.44+) and PostgreSQL. "Today" is read once per batch, as Gold Class reads
     * it: the latest completion on or before it is the renewal's test.
     */
    completedCoursesByPerson: new DataLoader<string, CompletedCourses>(
      async (personIds) => {
        const rows = await selectRows<{ personId: string; courseIds: string; lastCompletedOn: string | null }>(
          db,
          `SELECT person_id AS "personId", string_agg(course_id, ',') AS "courseIds", ` +
            `MAX(CASE WHEN completed_on <= :today THEN completed_on END) AS "lastCompletedOn" ` +
            `FROM course_enrollment WHERE person_id IN (:...keys) AND completed_on IS NOT NULL GROUP BY person_id`,
          { keys: [...personIds], today: clock.today() },
        );
        const byPerson = new Map(rows.map((r): [string, CompletedCourses] => [r.personId, { completed: new Set(r.courseIds.split(',')), lastCompletedOn: r.lastCompletedOn }]));
        return personIds.map((id) => byPerson.get(id) ?? NOTHING_COMPLETED);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    /** Every course enrollment of each person, newest first. */
    enrollmentsByPerson: groupedByKey(
      (keys: readonly string[]) => db.getRepository(CourseEnrollment).find({ where: { personId: ids(keys) }, order: { enrolledOn: 'DESC', id: 'DESC' } }),
      (e) => e.personId,
    ),
    academyEnrollmentsByPerson: groupedByKey(
      (keys: readonly string[]) => db.getRepository(AcademyEnrollment).find({ where: { personId: ids(keys) }, order: { startedOn: 'DESC', id: 'DESC' } }),
      (e) => e.personId,
    ),
    /**
     * A state's Academy enrollments as the public summary needs them, in one statement for the
     * batch: for an active enrollment, how many Academy courses its learner has completed
     * (counted by the database through the unique (person_id, course_id) index, so no course row
     * travels), for a completed one null, with the catalogue's count of Academy courses. Whether
     * a completed course is an Academy one is asked of the Academy course ids, listed once per
     * statement, rather than of a course row looked up per completion (two index searches each,
     * about a tenth of the statement on SQLite). The enrollments come in the order of a plain
     * `WHERE state_code IN (…)`, as before the counts moved into SQL, so the average adds the
     * same numbers in the same order.
     */
    academyLearnersByState: byKey(
      async (keys: readonly string[]): Promise<AcademyLearners[]> => {
        const rows = await selectRows<{ stateCode: string; done: number | string | null; academyCourses: number | string }>(
          db,
          `SELECT e.state_code AS "stateCode", ` +
            `CASE WHEN e.completed_on IS NULL THEN (SELECT COUNT(CASE WHEN ce.course_id IN (SELECT id FROM course WHERE academy = TRUE) THEN 1 END) ` +
            `FROM course_enrollment ce WHERE ce.person_id = e.person_id AND ce.completed_on IS NOT NULL) END AS "done", ` +
            `(SELECT COUNT(*) FROM course WHERE academy = TRUE) AS "academyCourses" ` +
            `FROM academy_enrollment e WHERE e.state_code IN (:...keys)`,
          { keys: [...keys] },
        );
        const byState = new Map<string, AcademyLearners>();
        for (const r of rows) {
          let learners = byState.get(r.stateCode);
          if (!learners) byState.set(r.stateCode, (learners = { stateCode: r.stateCode, completed: 0, activeCoursesDone: [], academyCourses: Number(r.academyCourses) }));
          // done is null exactly for a completed enrollment (a count never is); PostgreSQL returns counts as strings (bigint).
          if (r.done === null) learners.completed += 1;
          else learners.activeCoursesDone.push(Number(r.done));
        }
        return [...byState.values()];
      },
      (l) => l.stateCode,
    ),
    academyProgramById: byKey(
      (keys: readonly string[]) =>
        selectRows<AcademyProgram>(
          db,
          `SELECT program_id AS "programId", school_id AS "schoolId", state_code AS "stateCode", since FROM academy_program WHERE program_id IN (:...keys)`,
          { keys: [...keys] },
        ),
      (p) => p.programId,
    ),
    /** Academy programs per state, counted by the database (a state without any loads as null). */
    academyProgramCountByState: byKey(
      async (keys: readonly string[]) =>
        (
          await selectRows<{ stateCode: string; programs: number | string }>(
            db,
            `SELECT state_code AS "stateCode", COUNT(*) AS "programs" FROM academy_program WHERE state_code IN (:...keys) GROUP BY state_code`,
            { keys: [...keys] },
          )
        ).map((r) => ({ stateCode: r.stateCode, programs: Number(r.programs) })),
      (r) => r.stateCode,
    ),
    apprenticeshipById: byKey((keys: readonly string[]) => db.getRepository(Apprenticeship).findBy({ id: ids(keys) }), (a) => a.id),
    apprenticeshipsByApprentice: groupedByKey(
      (keys: readonly string[]) => db.getRepository(Apprenticeship).find({ where: { apprenticeId: ids(keys) }, order: { startedOn: 'DESC', id: 'DESC' } }),
      (a) => a.apprenticeId,
    ),
    apprenticeshipsByMentor: groupedByKey(
      (keys: readonly string[]) => db.getRepository(Apprenticeship).find({ where: { mentorId: ids(keys) }, order: { startedOn: 'DESC', id: 'DESC' } }),
      (a) => a.mentorId,
    ),
    /** Hours logged so far per apprenticeship: one GROUP BY for the batch; none logged loads as 0. */
    hoursLoggedByApprenticeship: byKey(
      async (keys: readonly string[]) => {
        const rows = await db
          .getRepository(ApprenticeshipHourLog)
          .createQueryBuilder('log')
          .select('log.apprenticeshipId', 'apprenticeshipId')
          .addSelect('SUM(log.hours)', 'total')
          .where('log.apprenticeshipId IN (:...keys)', { keys: [...keys] })
          .groupBy('log.apprenticeshipId')
          .getRawMany<{ apprenticeshipId: string; total: string | number }>();
        return rows.map((r) => ({ apprenticeshipId: r.apprenticeshipId, total: Number(r.total) }));
      },
      (r) => r.apprenticeshipId,
    ),
    /** Subject access: every apprenticeship a person is party to, as apprentice or mentor, in one statement. */
    apprenticeshipsByParty: groupedByKeys(
      (keys: readonly string[]) =>
        db.getRepository(Apprenticeship).find({ where: [{ apprenticeId: ids(keys) }, { mentorId: ids(keys) }], order: { startedOn: 'DESC', id: 'DESC' } }),
      (a) => [a.apprenticeId, a.mentorId],
    ),
    /**
     * Subject access: the logged days of a person's apprenticeships (as apprentice) and the days they
     * confirmed (as mentor), newest first, in one statement joined to the apprenticeship.
     */
    hourLogsByPerson: groupedByKeys(
      async (keys: readonly string[]) => {
        const rows = await db
          .getRepository(ApprenticeshipHourLog)
          .createQueryBuilder('log')
          .innerJoin(Apprenticeship, 'a', 'a.id = log.apprenticeshipId')
          .select('log.id', 'id')
          .addSelect('log.apprenticeshipId', 'apprenticeshipId')
          .addSelect('a.apprenticeId', 'apprenticeId')
          .addSelect('log.workedOn', 'workedOn')
          .addSelect('log.hours', 'hours')
          .addSelect('log.activity', 'activity')
          .addSelect('log.confirmedBy', 'confirmedBy')
          .where('a.apprenticeId IN (:...keys) OR log.confirmedBy IN (:...keys)', { keys: [...keys] })
          .orderBy('log.workedOn', 'DESC')
          .addOrderBy('log.id', 'DESC')
          .getRawMany<Omit<HourLogOfPerson, 'hours'> & { hours: string | number }>();
        return rows.map((r): HourLogOfPerson => ({ ...r, hours: Number(r.hours) }));
      },
      (log) => [log.apprenticeId, log.confirmedBy],
    ),
    /** Subject access: the ProLevel credentials issued to each person, newest first. */
    credentialsByPerson: groupedByKey(
      (keys: readonly string[]) => db.getRepository(Credential).find({ where: { personId: ids(keys) }, order: { earnedOn: 'DESC', id: 'DESC' } }),
      (c) => c.personId,
    ),
    credentialById: byKey((keys: readonly string[]) => db.getRepository(Credential).findBy({ id: ids(keys) }), (c) => c.id),
    jobById: byKey((keys: readonly string[]) => db.getRepository(CollisionCareersJob).findBy({ id: ids(keys) }), (j) => j.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
