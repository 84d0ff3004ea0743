import { byKey, groupedByKey, type Clock } from '@talent-graph/platform';
import { In, type DataSource } from 'typeorm';
import { AcademyEnrollment } from './entities/AcademyEnrollment.ts';
import { AcademyProgram } from './entities/AcademyProgram.ts';
import { Apprenticeship } from './entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from './entities/ApprenticeshipHourLog.ts';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { Course } from './entities/Course.ts';
import { CourseEnrollment } from './entities/CourseEnrollment.ts';
import { Credential } from './entities/Credential.ts';

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
    credentialById: byKey((keys: readonly string[]) => db.getRepository(Credential).findBy({ id: ids(keys) }), (c) => c.id),
    jobById: byKey((keys: readonly string[]) => db.getRepository(CollisionCareersJob).findBy({ id: ids(keys) }), (j) => j.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
