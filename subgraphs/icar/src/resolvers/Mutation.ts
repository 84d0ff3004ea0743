import { badInput, checkIdempotencyKey, conflict, forbidden, InputProblems, isUniqueViolation, notFound, runIdempotent, unauthenticated } from '@talent-graph/platform';
import { Apprenticeship } from '../entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from '../entities/ApprenticeshipHourLog.ts';
import { Course } from '../entities/Course.ts';
import { CourseEnrollment } from '../entities/CourseEnrollment.ts';
import { courseEnrollmentId, hourLogId } from '../ids.ts';
import { canEnroll, canLogHours } from '../rules/access.ts';
import { hourLogProblems, startDateProblem, type HourLogInput } from '../rules/apprenticeship.ts';
import type { Ctx } from './context.ts';

const isId = (value: string) => value.trim().length > 0 && value.length <= 40;

export const Mutation = {
  /** Enroll the caller, their ward, or (as an I-CAR admin) anyone, once per course. */
  enrollInCourse: async (_root: unknown, { input, idempotencyKey }: { input: { personId: string; courseId: string }; idempotencyKey?: string | null }, { db, caller, clock }: Ctx) => {
    const problems = new InputProblems();
    problems.check(isId(input.personId), 'input.personId', 'must be a person id');
    problems.check(isId(input.courseId), 'input.courseId', 'must be a course id');
    checkIdempotencyKey(problems, idempotencyKey);
    problems.throwIfAny();
    if (!caller.sub) throw unauthenticated();
    if (!canEnroll(caller, input.personId)) throw forbidden('You may enroll only yourself or a minor in your care');
    const course = await db.getRepository(Course).findOneBy({ id: input.courseId });
    if (!course) throw notFound('Course', input.courseId);
    const already = () => conflict(`${input.personId} is already enrolled in ${course.code}`, { courseId: course.id });
    const row: CourseEnrollment = { id: courseEnrollmentId(input.personId, course.code), personId: input.personId, courseId: course.id, enrolledOn: clock.today(), completedOn: null };
    try {
      // A keyed retry gets the first enrollment back (its own enrolledOn), not CONFLICT.
      return await runIdempotent(db, { key: idempotencyKey, scope: caller.sub, mutation: 'enrollInCourse', request: input, now: clock.now() }, async (manager) => {
        if (await manager.existsBy(CourseEnrollment, { personId: row.personId, courseId: row.courseId })) throw already();
        await manager.insert(CourseEnrollment, row);
        return row;
      });
    } catch (error) {
      // Two concurrent requests both pass the check; the unique index stops the second.
      if (isUniqueViolation(error)) throw already();
      throw error;
    }
  },

  /** One day of hours, by the apprentice, the mentor (which confirms it) or an I-CAR admin. */
  logApprenticeshipHours: async (_root: unknown, { input, idempotencyKey }: { input: HourLogInput; idempotencyKey?: string | null }, { db, caller, clock }: Ctx) => {
    const keyProblems = new InputProblems();
    checkIdempotencyKey(keyProblems, idempotencyKey);
    const problems = [...hourLogProblems(input, clock.today()), ...keyProblems.problems];
    if (problems.length > 0) throw badInput(problems);
    if (!caller.sub) throw unauthenticated();
    const apprenticeship = await db.getRepository(Apprenticeship).findOneBy({ id: input.apprenticeshipId });
    if (!apprenticeship) throw notFound('Apprenticeship', input.apprenticeshipId);
    if (!canLogHours(caller, apprenticeship)) throw forbidden('Only the apprentice, the mentor or an I-CAR admin may log hours');
    // Checked after authorisation so a stranger cannot probe an apprenticeship's start date.
    const early = startDateProblem(input.workedOn, apprenticeship.startedOn);
    if (early) throw badInput([early]);
    const row: ApprenticeshipHourLog = {
      id: hourLogId(apprenticeship.id, input.workedOn),
      apprenticeshipId: apprenticeship.id,
      workedOn: input.workedOn,
      hours: input.hours,
      activity: input.activity.trim(),
      confirmedBy: caller.sub === apprenticeship.mentorId ? caller.sub : null,
    };
    const already = () => conflict(`${input.workedOn} is already logged for ${apprenticeship.id}`, { workedOn: input.workedOn });
    try {
      return await runIdempotent(db, { key: idempotencyKey, scope: caller.sub, mutation: 'logApprenticeshipHours', request: input, now: clock.now() }, async (manager) => {
        if (await manager.existsBy(ApprenticeshipHourLog, { apprenticeshipId: row.apprenticeshipId, workedOn: row.workedOn })) throw already();
        await manager.insert(ApprenticeshipHourLog, row);
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw already();
      throw error;
    }
  },
};
