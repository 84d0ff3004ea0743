import { byKey, groupedByKey, MAX_BATCH, type Clock } from '@talent-graph/platform';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { AcademyEnrollment } from './entities/AcademyEnrollment.ts';
import { AcademyProgram } from './entities/AcademyProgram.ts';
import { Apprenticeship } from './entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from './entities/ApprenticeshipHourLog.ts';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { Course } from './entities/Course.ts';
import { CourseEnrollment } from './entities/CourseEnrollment.ts';
import { Credential } from './entities/Credential.ts';

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
export function createLoaders(db: DataSource, _clock: Clock) {
  const ids = <K>(keys: readonly K[]) => In([...keys]);
  let catalogue: Promise<Course[]> | undefined;
  return {
    /** The whole catalogue (a few dozen rows), read at most once per request: ProLevels and Academy progress need every course. */
    catalogue: (): Promise<Course[]> => (catalogue ??= db.getRepository(Course).find({ order: { code: 'ASC' } })),
    courseById: byKey((keys: readonly string[]) => db.getRepository(Course).findBy({ id: ids(keys) }), (c) => c.id),
    /** Every course enrollment of each person, newest first. */
    enrollmentsByPerson: groupedByKey(
      (keys: readonly string[]) => db.getRepository(CourseEnrollment).find({ where: { personId: ids(keys) }, order: { enrolledOn: 'DESC', id: 'DESC' } }),
      (e) => e.personId,
    ),
    academyEnrollmentsByPerson: groupedByKey(
      (keys: readonly string[]) => db.getRepository(AcademyEnrollment).find({ where: { personId: ids(keys) }, order: { startedOn: 'DESC', id: 'DESC' } }),
      (e) => e.personId,
    ),
    academyEnrollmentsByState: groupedByKey((keys: readonly string[]) => db.getRepository(AcademyEnrollment).findBy({ stateCode: ids(keys) }), (e) => e.stateCode),
    academyProgramById: byKey((keys: readonly string[]) => db.getRepository(AcademyProgram).findBy({ programId: ids(keys) }), (p) => p.programId),
    academyProgramsByState: groupedByKey((keys: readonly string[]) => db.getRepository(AcademyProgram).findBy({ stateCode: ids(keys) }), (p) => p.stateCode),
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
