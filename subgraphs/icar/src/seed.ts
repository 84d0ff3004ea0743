import { addDays, insertInChunks, inTransaction, type CredentialIssued, type SeedResult } from '@talent-graph/platform';
import { collisionCareersJobs, type World, type WorldPerson } from '@talent-graph/platform/demo';
import type { DataSource } from 'typeorm';
import { COURSE_CATALOGUE, courseIdFor } from './catalogue.ts';
import { AcademyEnrollment } from './entities/AcademyEnrollment.ts';
import { AcademyProgram } from './entities/AcademyProgram.ts';
import { Apprenticeship } from './entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from './entities/ApprenticeshipHourLog.ts';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { Course } from './entities/Course.ts';
import { CourseEnrollment } from './entities/CourseEnrollment.ts';
import { Credential } from './entities/Credential.ts';
import { courseEnrollmentId, credentialId, hourLogId } from './ids.ts';
import { APPRENTICESHIP_REQUIRED_HOURS, ICAR_ROLES, MAX_PRO_LEVEL, ROLE_TITLES, type ICarRole } from './rules/config.ts';
import { proLevelAchievements, type Completion } from './rules/proLevel.ts';

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const isWeekday = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
};

/** What collision technicians mostly do, weighted: most shops have more body and paint techs than estimators. */
const PRIMARY_ROLE_WEIGHTS: [ICarRole, number][] = [
  ['NON_STRUCTURAL_TECHNICIAN', 4],
  ['REFINISH_TECHNICIAN', 3],
  ['STEEL_STRUCTURAL_TECHNICIAN', 2],
  ['ESTIMATOR', 1.5],
];

const COLLISION_ACTIVITIES = [
  'Removed and replaced front bumper cover; transferred sensors',
  'Repaired door skin dent with body filler and block sanding',
  'Masked and primed quarter panel repair area',
  'Set up vehicle on frame bench and took three-dimensional measurements',
  'Sectioned rocker panel under mentor supervision per OEM procedure',
  'MIG plug welds on practice coupons; destructive test passed',
  'Color-matched and sprayed let-down panel for tri-coat white',
  'Wet-sanded and polished clearcoat runs on hood',
  'Disassembled rear collision damage and wrote up hidden damage',
  'Applied seam sealer and cavity wax after structural repair',
  'Plastic bumper tab repair with nitrogen welder',
  'Pre- and post-repair scans; assisted with camera calibration',
];
const AUTOMOTIVE_ACTIVITIES = [
  'Front brake pads and rotors replaced; road tested',
  'Performed multipoint inspection and oil service',
  'Diagnosed check-engine light with scan tool; replaced O2 sensor',
  'Mounted and balanced four tires; set TPMS',
  'Replaced front struts and performed four-wheel alignment',
  'Tested charging system; replaced alternator and battery',
  'Flushed cooling system and replaced thermostat',
  'Traced parasitic battery drain with mentor',
  'Replaced serpentine belt and idler pulley',
  'A/C performance test, evacuated and recharged system',
];

const DIESEL_ACTIVITIES = [
  'DOT annual inspection on tractor; documented brake stroke',
  'Replaced fuel filters and primed system',
  'Diagnosed DEF quality fault code; cleaned doser',
  'Adjusted slack adjusters and replaced brake chambers',
  'Preventive maintenance service on box truck',
  'Replaced turbocharger actuator under mentor supervision',
];


/**
 * I-CAR's demo data, from the shared world and I-CAR's own random stream only: the catalogue,
 * collision technicians' and apprentices' role courses (a spread of ProLevels 0–3), the ProLevel
 * credentials they earned (returned as CredentialIssued events for the directory's wallet), the
 * Academy at ~70% of collision programs with its students' progress, the apprenticeships with a
 * daily hour log up to the day before the seed date, and the Collision Careers jobs.
 */
export async function seed(db: DataSource, world: World): Promise<SeedResult> {
  const rng = world.rng('icar');
  const today = world.seedDate;

  const courses: Course[] = COURSE_CATALOGUE.map((c) => ({ id: courseIdFor(c.code), code: c.code, title: c.title, role: c.role, proLevel: c.proLevel, learningArea: c.learningArea, hours: c.hours, academy: c.role === null }));
  const trackCourses = (role: ICarRole, level: number) => courses.filter((c) => !c.academy && c.role === role && c.proLevel === level);
  const academyCourses = courses.filter((c) => c.academy);

  const enrollments: CourseEnrollment[] = [];
  const completionsByPerson = new Map<string, Completion[]>();
  const addEnrollment = (person: WorldPerson, course: Course, enrolledOn: string, completedOn: string | null) => {
    enrollments.push({ id: courseEnrollmentId(person.id, course.code), personId: person.id, courseId: course.id, enrolledOn, completedOn });
    if (completedOn) completionsByPerson.set(person.id, [...(completionsByPerson.get(person.id) ?? []), { courseId: course.id, completedOn }]);
  };

  // Role courses for collision technicians and apprentices. A target ProLevel per role, a few
  // courses of the next level on the way, and sometimes one course in progress.
  const shopById = new Map(world.shops.map((s) => [s.id, s]));
  for (const person of world.people) {
    if (!person.roles.includes('TECHNICIAN') || !person.shopId || shopById.get(person.shopId)?.industry !== 'COLLISION') continue;
    const apprentice = person.roles.includes('APPRENTICE');
    const levelWeights: [number, number][] = apprentice
      ? [[0, 6], [1, 3]]
      : person.experienceYears < 3 ? [[0, 5], [1, 4], [2, 1]] : person.experienceYears < 10 ? [[0, 2], [1, 4], [2, 3], [3, 1]] : [[0, 1], [1, 3], [2, 3], [3, 2]];
    const primary = rng.weighted(PRIMARY_ROLE_WEIGHTS);
    const targets = new Map<ICarRole, number>([[primary, rng.weighted(levelWeights)]]);
    if (!apprentice && rng.chance(0.35)) {
      const second = rng.pick(ICAR_ROLES.filter((r) => r !== primary));
      targets.set(second, rng.int(0, targets.get(primary)!));
    }
    // The courses in the order taken: level by level within each role.
    const plan: Course[] = [];
    let inProgress: Course | null = null;
    for (const [role, target] of targets) {
      for (let level = 1; level <= target; level++) plan.push(...trackCourses(role, level));
      if (target < MAX_PRO_LEVEL) {
        const next = rng.sample(trackCourses(role, target + 1), 3);
        const partly = rng.int(0, next.length - 1);
        plan.push(...next.slice(0, partly));
        if (!inProgress && rng.chance(0.3)) inProgress = next[partly] ?? null;
      }
    }
    // Most keep training every year (the Gold Class renewal); some stopped a while ago.
    let completedOn = addDays(today, -(rng.chance(0.65) ? rng.int(3, 330) : rng.int(380, 1500)));
    const dated: [Course, string][] = [];
    for (let i = plan.length - 1; i >= 0; i--) {
      dated.unshift([plan[i]!, completedOn]);
      completedOn = addDays(completedOn, -rng.int(7, 90));
    }
    for (const [course, done] of dated) addEnrollment(person, course, addDays(done, -rng.int(0, 21)), done);
    if (inProgress) addEnrollment(person, inProgress, addDays(today, -rng.int(1, 60)), null);
  }

  // The I-CAR Academy at about 70% of collision school programs, and their students' progress.
  const schoolById = new Map(world.schools.map((s) => [s.id, s]));
  const academyPrograms: AcademyProgram[] = [];
  for (const program of world.programs) {
    if (program.discipline !== 'COLLISION' || !rng.chance(0.7)) continue;
    academyPrograms.push({ programId: program.id, schoolId: program.schoolId, stateCode: schoolById.get(program.schoolId)!.stateCode, since: addDays(today, -rng.int(400, 2500)) });
  }
  const academyByProgram = new Map(academyPrograms.map((p) => [p.programId, p]));
  const academyEnrollments: AcademyEnrollment[] = [];
  for (const person of world.people) {
    const program = person.programId ? academyByProgram.get(person.programId) : undefined;
    if (!program || !person.roles.includes('STUDENT')) continue;
    const finished = rng.chance(0.2);
    let startedOn = addDays(today, -(finished ? rng.int(300, 720) : rng.int(20, 600)));
    if (startedOn < program.since) startedOn = program.since;
    // Students work through the curriculum roughly in order, with some areas in parallel.
    const order = academyCourses.map((c, i) => ({ c, key: i + rng.int(0, 8) })).sort((a, b) => a.key - b.key).map((x) => x.c);
    const done = finished ? order.length : Math.min(order.length - 1, Math.round((daysBetween(startedOn, today) / 600) * order.length * (0.4 + rng.next() * 0.8)));
    const span = Math.max(1, daysBetween(startedOn, today) - 1);
    let lastDone = startedOn;
    for (let i = 0; i < done; i++) {
      const day = addDays(startedOn, Math.max(1, Math.floor((span * (i + 1)) / (done + 1))));
      const enrolledOn = addDays(day, -rng.int(5, 20));
      addEnrollment(person, order[i]!, enrolledOn < startedOn ? startedOn : enrolledOn, day);
      lastDone = day;
    }
    if (!finished) {
      const enrolledOn = addDays(today, -rng.int(1, 20));
      addEnrollment(person, order[done]!, enrolledOn < startedOn ? startedOn : enrolledOn, null);
    }
    academyEnrollments.push({ id: `icar-aen-${pad(academyEnrollments.length + 1, 6)}`, personId: person.id, programId: program.programId, stateCode: program.stateCode, startedOn, completedOn: finished ? lastDone : null });
  }

  // ProLevel credentials follow from the completions, through the same rule the graph applies.
  const credentials: Credential[] = [];
  const credentialEvents: CredentialIssued[] = [];
  for (const [personId, completions] of completionsByPerson) {
    for (const a of proLevelAchievements(courses, completions)) {
      const id = credentialId(credentials.length + 1);
      credentials.push({ id, personId, role: a.role, proLevel: a.proLevel, earnedOn: a.earnedOn });
      credentialEvents.push({ id, personId, issuer: 'ICAR', title: `I-CAR ProLevel ${a.proLevel} — ${ROLE_TITLES[a.role]}`, earnedOn: a.earnedOn, expiresOn: null });
    }
  }

  // Registered Apprenticeships and their daily logs: weekdays, 6–10 hours, a few days off, the
  // last fortnight partly awaiting the mentor's confirmation.
  const apprenticeships: Apprenticeship[] = world.apprenticeships.map((a) => ({ id: a.id, apprenticeId: a.apprenticeId, mentorId: a.mentorId, shopId: a.shopId, socCode: a.socCode, startedOn: a.startedOn, requiredHours: APPRENTICESHIP_REQUIRED_HOURS }));
  const hourLogs: ApprenticeshipHourLog[] = [];
  for (const a of apprenticeships) {
    const industry = shopById.get(a.shopId)?.industry;
    const activities = industry === 'COLLISION' ? COLLISION_ACTIVITIES : industry === 'DIESEL' ? DIESEL_ACTIVITIES : AUTOMOTIVE_ACTIVITIES;
    for (let day = a.startedOn; day < today; day = addDays(day, 1)) {
      if (!isWeekday(day) || rng.chance(0.06)) continue;
      const recent = daysBetween(day, today) <= 14;
      hourLogs.push({ id: hourLogId(a.id, day), apprenticeshipId: a.id, workedOn: day, hours: 6 + 0.5 * rng.int(0, 8), activity: rng.pick(activities), confirmedBy: recent && rng.chance(0.5) ? null : a.mentorId });
    }
  }

  const jobs: CollisionCareersJob[] = collisionCareersJobs(world).map((j) => ({ id: j.id, title: j.title, shopId: j.shopId, shopName: j.shopName, stateCode: j.stateCode, city: j.city, zip: j.zip, postedOn: j.postedOn }));

  await inTransaction(db, async (manager) => {
    // Re-seeding replaces everything (children first, for the foreign keys).
    for (const entity of [ApprenticeshipHourLog, Apprenticeship, AcademyEnrollment, AcademyProgram, CourseEnrollment, Credential, CollisionCareersJob, Course]) {
      await manager.createQueryBuilder().delete().from(entity).execute();
    }
    await insertInChunks(manager, Course, courses);
    await insertInChunks(manager, CourseEnrollment, enrollments);
    await insertInChunks(manager, Credential, credentials);
    await insertInChunks(manager, AcademyProgram, academyPrograms);
    await insertInChunks(manager, AcademyEnrollment, academyEnrollments);
    await insertInChunks(manager, Apprenticeship, apprenticeships);
    await insertInChunks(manager, ApprenticeshipHourLog, hourLogs);
    await insertInChunks(manager, CollisionCareersJob, jobs);
  });

  return {
    counts: {
      course: courses.length,
      course_enrollment: enrollments.length,
      credential: credentials.length,
      academy_program: academyPrograms.length,
      academy_enrollment: academyEnrollments.length,
      apprenticeship: apprenticeships.length,
      apprenticeship_hour_log: hourLogs.length,
      collision_careers_job: jobs.length,
    },
    credentialEvents,
  };
}
