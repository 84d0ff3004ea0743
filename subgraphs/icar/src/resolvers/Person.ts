import { forbidden, hasRole } from '@talent-graph/platform';
import type { AcademyEnrollment } from '../entities/AcademyEnrollment.ts';
import { canReadPersonRecords, canSeeAcademyEnrollment } from '../rules/access.ts';
import { isApprenticeshipEligible } from '../rules/apprenticeship.ts';
import { proLevels } from '../rules/proLevel.ts';
import type { Ctx } from './context.ts';

/** A Person reference from the gateway; birthDate arrives only where a field @requires it. */
interface PersonRef {
  id: string;
  birthDate?: string;
}

const denied = () => forbidden("Only the person, a guardian, I-CAR admins and support may see a person's I-CAR records");

export const Person = {
  // The directory owns people; I-CAR resolves its own fields from the id.
  __resolveReference: (ref: PersonRef) => ref,

  /** Public: always four entries, one per role, in ICarRole order (wrenchway @requires it). */
  icarProLevels: async (person: PersonRef, _args: unknown, { loaders }: Ctx) => {
    const [catalogue, { completed }] = await Promise.all([loaders.catalogue(), loaders.completedCoursesByPerson.load(person.id)]);
    return proLevels(catalogue, completed);
  },

  courseEnrollments: async (person: PersonRef, _args: unknown, { loaders, caller }: Ctx) => {
    if (!canReadPersonRecords(caller, person.id)) throw denied();
    return loaders.enrollmentsByPerson.load(person.id);
  },

  /** Also visible to an instructor of the school delivering the Academy: only those enrollments. */
  academyEnrollments: async (person: PersonRef, _args: unknown, { loaders, caller }: Ctx) => {
    const rows = await loaders.academyEnrollmentsByPerson.load(person.id);
    if (canReadPersonRecords(caller, person.id)) return rows;
    if (hasRole(caller, 'instructor') && caller.schoolId) {
      const programs = await loaders.academyProgramById.loadMany(rows.map((r) => r.programId));
      const visible = rows.filter((_row: AcademyEnrollment, i) => {
        const program = programs[i];
        return program !== null && !(program instanceof Error) && canSeeAcademyEnrollment(caller, person.id, program!.schoolId);
      });
      if (visible.length > 0) return visible;
    }
    throw denied();
  },

  apprenticeships: async (person: PersonRef, _args: unknown, { loaders, caller }: Ctx) => {
    if (!canReadPersonRecords(caller, person.id)) throw denied();
    return loaders.apprenticeshipsByApprentice.load(person.id);
  },

  mentoring: async (person: PersonRef, _args: unknown, { loaders, caller }: Ctx) => {
    if (!canReadPersonRecords(caller, person.id)) throw denied();
    return loaders.apprenticeshipsByMentor.load(person.id);
  },

  apprenticeshipEligible: (person: PersonRef, _args: unknown, { clock }: Ctx) => {
    // The gateway always sends birthDate (@requires); without it the answer would be a guess.
    if (!person.birthDate) throw new Error('Person.apprenticeshipEligible resolved without its required birthDate');
    return isApprenticeshipEligible(person.birthDate, clock.today());
  },
};
