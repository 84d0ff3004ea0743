import { forbidden, type DataRecord } from '@talent-graph/platform';
import { canReadMyData } from '../rules/access.ts';
import type { Ctx } from './context.ts';

const record = (kind: string, id: string, summary: string, recordedAt: string | null): DataRecord => ({ subgraph: 'icar', kind, id, summary, recordedAt });

/** Free text on one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Subject access: the directory owns MyData and decides who may ask; I-CAR adds every row it keeps
 * about the person: course enrollments and Academy enrollments (person_id), apprenticeships as
 * apprentice or mentor (apprentice_id, mentor_id), the hour logs of their apprenticeships and the
 * days they confirmed as mentor (confirmed_by), and ProLevel credentials (person_id). Every lookup
 * goes through a per-request loader, so many MyData representations cost one statement per table.
 */
export const MyData = {
  __resolveReference: (ref: { personId: string }) => ref,
  icar: async ({ personId }: { personId: string }, _args: unknown, { loaders, caller }: Ctx): Promise<DataRecord[]> => {
    // Defence in depth: the gateway only reaches here through myData, but check the caller again.
    if (!canReadMyData(caller, personId)) throw forbidden('You may see only your own data, or a minor’s in your care');
    const [catalogue, enrollments, academy, apprenticeships, hourLogs, credentials] = await Promise.all([
      loaders.catalogue(),
      loaders.enrollmentsByPerson.load(personId),
      loaders.academyEnrollmentsByPerson.load(personId),
      loaders.apprenticeshipsByParty.load(personId),
      loaders.hourLogsByPerson.load(personId),
      loaders.credentialsByPerson.load(personId),
    ]);
    const courses = new Map(catalogue.map((c) => [c.id, c]));
    return [
      ...enrollments.map((e) => {
        const course = courses.get(e.courseId);
        const what = course ? `${course.code} “${course.title}”` : e.courseId;
        return record('CourseEnrollment', e.id, `Course ${what}: enrolled ${e.enrolledOn}, ${e.completedOn ? `completed ${e.completedOn}` : 'in progress'}`, e.completedOn ?? e.enrolledOn);
      }),
      ...academy.map((a) =>
        record('AcademyEnrollment', a.id, `I-CAR Academy at program ${a.programId} (${a.stateCode}): started ${a.startedOn}, ${a.completedOn ? `completed ${a.completedOn}` : 'in progress'}`, a.completedOn ?? a.startedOn),
      ),
      ...apprenticeships.map((a) =>
        a.apprenticeId === personId
          ? record('Apprenticeship', a.id, `Apprentice (SOC ${a.socCode}) at shop ${a.shopId}, mentor ${a.mentorId}, started ${a.startedOn}, ${a.requiredHours} hours required`, a.startedOn)
          : record('Apprenticeship', a.id, `Mentor of apprentice ${a.apprenticeId} (SOC ${a.socCode}) at shop ${a.shopId}, started ${a.startedOn}`, a.startedOn),
      ),
      ...hourLogs.map((l) =>
        record(
          'ApprenticeshipHourLog',
          l.id,
          `${l.hours} h on ${l.workedOn} in apprenticeship ${l.apprenticeshipId}${l.apprenticeId === personId ? '' : ` of apprentice ${l.apprenticeId}`}: ${oneLine(l.activity)}; ${l.confirmedBy ? `confirmed by ${l.confirmedBy}` : 'not confirmed'}`,
          l.workedOn,
        ),
      ),
      ...credentials.map((c) => record('ICarCredential', c.id, `ProLevel ${c.proLevel} in ${c.role}, earned ${c.earnedOn}`, c.earnedOn)),
    ];
  },
};
