import { expect } from 'chai';
import { In, type DataSource } from 'typeorm';
import { buildSubgraph, createLogger, fixedClock, migrate, SqlCounter, type BuiltSubgraph, type Caller } from '@talent-graph/platform';
import { buildWorld, collisionCareersJobs, SEED_DATE, type World } from '@talent-graph/platform/demo';
import { createTestDatabase, databaseKinds } from '@talent-graph/platform/testing';
import { AcademyEnrollment } from '../src/entities/AcademyEnrollment.ts';
import { AcademyProgram } from '../src/entities/AcademyProgram.ts';
import { ApprenticeshipHourLog } from '../src/entities/ApprenticeshipHourLog.ts';
import { Course } from '../src/entities/Course.ts';
import { CourseEnrollment } from '../src/entities/CourseEnrollment.ts';
import type { Loaders } from '../src/loaders.ts';
import { definition, openDatabase, seed } from '../src/server.ts';
import { isUniqueViolation } from '@talent-graph/platform';

const ANONYMOUS: Caller = { sub: null, roles: [], scopes: [] };
const person = (sub: string, over: Partial<Caller> = {}): Caller => ({ sub, roles: ['student'], scopes: [], ...over });
const ICAR_ADMIN: Caller = { sub: 'per-admin', roles: ['partner_admin'], partner: 'icar', scopes: [] };
const SUPPORT: Caller = { sub: 'per-support', roles: ['support'], scopes: [] };

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

for (const kind of databaseKinds()) {
  describe(`icar subgraph [${kind}]`, function () {
    let db: DataSource;
    let built: BuiltSubgraph<Loaders>;
    let world: World;
    const counter = new SqlCounter();

    const run = async (query: string, variables: Record<string, unknown> = {}, caller: Caller = ANONYMOUS): Promise<Result> => {
      const response = await built.apollo.executeOperation({ query, variables }, { contextValue: built.contextFor(caller) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as Result;
    };
    const codes = (result: Result) => (result.errors ?? []).map((e) => e.extensions?.code);

    before(async function () {
      const created = await createTestDatabase(kind);
      db = openDatabase(created.target('icar'), counter);
      await db.initialize();
      await migrate(db);
      world = buildWorld(0.1);
      await seed(db, world);
      built = await buildSubgraph(definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger('icar', 'silent') });
    });
    after(async () => {
      await built.apollo.stop();
      await db.destroy();
    });

    describe('Person', () => {
      const PRO_LEVELS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id icarProLevels { role level platinum coursesToNextLevel } } } }`;

      it('gives a technician one ProLevel per role, Platinum where they hold level 3', async () => {
        const result = await run(PRO_LEVELS, { r: [{ __typename: 'Person', id: 'per-00247' }] });
        expect(result.errors).to.equal(undefined);
        expect(result.data).to.deep.equal({
          _entities: [{
            id: 'per-00247',
            icarProLevels: [
              { role: 'STEEL_STRUCTURAL_TECHNICIAN', level: 0, platinum: false, coursesToNextLevel: 3 },
              { role: 'NON_STRUCTURAL_TECHNICIAN', level: 3, platinum: true, coursesToNextLevel: 0 },
              { role: 'REFINISH_TECHNICIAN', level: 0, platinum: false, coursesToNextLevel: 3 },
              { role: 'ESTIMATOR', level: 3, platinum: true, coursesToNextLevel: 0 },
            ],
          }],
        });
      });

      it('keeps the catalogue in memory, yet a write by any writer shows in the very next request', async () => {
        const steel = async () => ((await run(PRO_LEVELS, { r: [{ __typename: 'Person', id: 'per-00247' }] })).data!._entities as { icarProLevels: unknown[] }[])[0]!.icarProLevels.slice(0, 1);
        const before = [{ role: 'STEEL_STRUCTURAL_TECHNICIAN', level: 0, platinum: false, coursesToNextLevel: 3 }];
        expect(await steel()).to.deep.equal(before);
        counter.reset();
        counter.keep = true;
        try {
          await steel();
          // course_enrollment is read, the course table is not.
          expect(counter.statements.filter((sql) => /\bFROM "?course"?(\s|$)/.test(sql)), 'catalogue read again though nothing changed').to.deep.equal([]);
        } finally {
          counter.keep = false;
        }
        const course = { id: 'icar-crs-TST01', code: 'TST01', title: 'A fourth level-1 steel course', role: 'STEEL_STRUCTURAL_TECHNICIAN', proLevel: 1, learningArea: 'STRUCTURAL_REPAIR', hours: 1, academy: false };
        await db.getRepository(Course).insert(course);
        try {
          expect(await steel(), 'after an insert').to.deep.equal([{ ...before[0], coursesToNextLevel: 4 }]);
          // An operator's SQL, not the subgraph's repository, moves it to level 2.
          await db.query(`UPDATE course SET pro_level = 2 WHERE id = 'icar-crs-TST01'`);
          expect(await steel(), 'after an update').to.deep.equal(before);
          await db.query(`UPDATE course SET pro_level = 1 WHERE id = 'icar-crs-TST01'`);
          expect(await steel(), 'after a second update').to.deep.equal([{ ...before[0], coursesToNextLevel: 4 }]);
        } finally {
          await db.getRepository(Course).delete({ id: course.id });
        }
        expect(await steel(), 'after a delete').to.deep.equal(before);
      });

      it('agrees with the credentials the seed issued, for every seeded person', async () => {
        const holders = (await db.query('SELECT DISTINCT person_id FROM credential ORDER BY person_id')) as { person_id: string }[];
        const result = await run(PRO_LEVELS, { r: holders.map((h) => ({ __typename: 'Person', id: h.person_id })) });
        const fromGraph = (result.data!._entities as { id: string; icarProLevels: { role: string; level: number }[] }[])
          .flatMap((p) => p.icarProLevels.flatMap((l) => Array.from({ length: l.level }, (_, i) => `${p.id}/${l.role}/${i + 1}`)))
          .sort();
        const issued = ((await db.query('SELECT person_id, role, pro_level FROM credential')) as { person_id: string; role: string; pro_level: number }[]).map((c) => `${c.person_id}/${c.role}/${c.pro_level}`).sort();
        expect(fromGraph).to.deep.equal(issued);
        expect(issued.length).to.be.greaterThan(50);
      });

      it('decides apprenticeship eligibility from the required birth date, at the 16th birthday', async () => {
        const result = await run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id apprenticeshipEligible } } }`, {
          r: [
            { __typename: 'Person', id: 'per-x1', birthDate: '2010-09-01' },
            { __typename: 'Person', id: 'per-x2', birthDate: '2010-09-02' },
          ],
        });
        expect(result.data).to.deep.equal({ _entities: [{ id: 'per-x1', apprenticeshipEligible: true }, { id: 'per-x2', apprenticeshipEligible: false }] });
      });

      it('shows course enrollments to the person and hides them (null + FORBIDDEN) from others', async () => {
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { courseEnrollments { course { code } status } } } }`;
        const own = await run(query, { r: [{ __typename: 'Person', id: 'per-00291' }] }, person('per-00291', { roles: [] }));
        const rows = (await db.getRepository(CourseEnrollment).find({ where: { personId: 'per-00291' }, order: { enrolledOn: 'DESC', id: 'DESC' } }));
        expect((own.data!._entities as { courseEnrollments: unknown[] }[])[0]!.courseEnrollments.length).to.equal(rows.length);
        const other = await run(query, { r: [{ __typename: 'Person', id: 'per-00291' }] }, person('per-00292'));
        expect(other.data).to.deep.equal({ _entities: [{ courseEnrollments: null }] });
        expect(codes(other)).to.deep.equal(['FORBIDDEN']);
      });

      it('shows Academy progress to an instructor of the delivering school, not of another', async () => {
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { academyEnrollments { id status program { id } overallPercent progress { area completedCourses totalCourses percent } } } } }`;
        const r = [{ __typename: 'Person', id: 'per-00041' }];
        const instructor = await run(query, { r }, { sub: 'per-00001', roles: ['instructor'], schoolId: 'sch-0001', scopes: [] });
        expect(instructor.errors).to.equal(undefined);
        expect(instructor.data).to.deep.equal({
          _entities: [{
            academyEnrollments: [{
              id: 'icar-aen-000005',
              status: 'COMPLETED',
              program: { id: 'prg-0003' },
              overallPercent: 100,
              progress: [
                { area: 'SAFETY_AND_TOOLS', completedCourses: 4, totalCourses: 4, percent: 100 },
                { area: 'NON_STRUCTURAL_REPAIR', completedCourses: 4, totalCourses: 4, percent: 100 },
                { area: 'STRUCTURAL_REPAIR', completedCourses: 4, totalCourses: 4, percent: 100 },
                { area: 'REFINISH', completedCourses: 4, totalCourses: 4, percent: 100 },
                { area: 'MECHANICAL_AND_ELECTRICAL', completedCourses: 4, totalCourses: 4, percent: 100 },
              ],
            }],
          }],
        });
        const elsewhere = await run(query, { r }, { sub: 'per-00002', roles: ['instructor'], schoolId: 'sch-0002', scopes: [] });
        expect(elsewhere.data).to.deep.equal({ _entities: [{ academyEnrollments: null }] });
        expect(codes(elsewhere)).to.deep.equal(['FORBIDDEN']);
      });

      it('lists the apprenticeships a mentor mentors, to the mentor', async () => {
        const result = await run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { mentoring { id apprentice { id } } } } }`, { r: [{ __typename: 'Person', id: 'per-00252' }] }, person('per-00252', { roles: [] }));
        expect(result.data).to.deep.equal({ _entities: [{ mentoring: [{ id: 'apr-0002', apprentice: { id: 'per-00261' } }, { id: 'apr-0001', apprentice: { id: 'per-00253' } }] }] });
      });
    });

    describe('Shop', () => {
      const GOLD = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { id icarGoldClass { qualified coveredRoles missingRoles } } } }`;
      const repOf = (shopId: string) => {
        const shop = world.shops.find((s) => s.id === shopId)!;
        return { __typename: 'Shop', id: shop.id, industry: shop.industry, technicianIds: world.people.filter((p) => p.shopId === shop.id && p.roles.includes('TECHNICIAN')).map((p) => p.id) };
      };

      it('qualifies a collision shop with every role covered by current training, and names a missing role', async () => {
        const result = await run(GOLD, { r: [repOf('shp-0016'), repOf('shp-0001'), repOf('shp-0002')] });
        expect(result.data).to.deep.equal({
          _entities: [
            { id: 'shp-0016', icarGoldClass: { qualified: true, coveredRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'REFINISH_TECHNICIAN', 'ESTIMATOR'], missingRoles: [] } },
            { id: 'shp-0001', icarGoldClass: { qualified: false, coveredRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'ESTIMATOR'], missingRoles: ['REFINISH_TECHNICIAN'] } },
            { id: 'shp-0002', icarGoldClass: { qualified: false, coveredRoles: [], missingRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'REFINISH_TECHNICIAN', 'ESTIMATOR'] } },
          ],
        });
      });

      it('renews only with a course completed on or before today, never with one dated later', async () => {
        // One technician holding ProLevel 1 in every role since 2019, then a course dated after today
        // (SEED_DATE): not current. A course completed today renews.
        const levelOne = ((await db.query('SELECT id FROM course WHERE pro_level = 1 AND academy = FALSE')) as { id: string }[]).map((c) => c.id);
        const academy = ((await db.query('SELECT id FROM course WHERE academy = TRUE ORDER BY code')) as { id: string }[]).map((c) => c.id);
        const completion = (courseId: string, completedOn: string): CourseEnrollment => ({ id: `ce-gc-${courseId}`, personId: 'per-gc-test', courseId, enrolledOn: '2019-01-01', completedOn });
        const shop = { __typename: 'Shop', id: 'shp-gc-test', industry: 'COLLISION', technicianIds: ['per-gc-test', 'per-gc-nobody'] };
        const qualified = async () => ((await run(GOLD, { r: [shop] })).data!._entities as { icarGoldClass: { qualified: boolean } }[])[0]!.icarGoldClass.qualified;
        await db.getRepository(CourseEnrollment).insert([...levelOne.map((id) => completion(id, '2019-06-01')), completion(academy[0]!, '2026-09-02')]);
        try {
          expect(await qualified(), 'with a completion dated tomorrow').to.equal(false);
          await db.getRepository(CourseEnrollment).insert(completion(academy[1]!, SEED_DATE));
          expect(await qualified(), 'with a completion dated today').to.equal(true);
        } finally {
          await db.getRepository(CourseEnrollment).delete({ personId: 'per-gc-test' });
        }
      });

      it('reads every shop’s technicians in one statement, however many shops are asked', async () => {
        await run(GOLD, { r: [repOf('shp-0001')] }); // the process reads the catalogue itself only once
        counter.reset();
        await run(GOLD, { r: [repOf('shp-0001')] });
        const one = counter.count;
        counter.reset();
        const all = await run(GOLD, { r: world.shops.map((s) => repOf(s.id)) });
        expect((all.data!._entities as unknown[]).length).to.equal(world.shops.length);
        // The catalogue's revision, then every technician's completed courses in one IN (…) statement.
        expect([one, counter.count]).to.deep.equal([2, 2]);
      });
    });

    describe('entities', () => {
      it('resolves Course, ICarCredential, Program and State references', async () => {
        const result = await run(
          `query($r: [_Any!]!) { _entities(representations: $r) {
            ... on Course { id code title role proLevel learningArea hours academy }
            ... on ICarCredential { id credentialRole: role credentialLevel: proLevel }
            ... on Program { id delivers: icarAcademy }
            ... on State { stateCode: code icarAcademy { programCount enrollmentCount activeCount completedCount averageActivePercent } }
          } }`,
          {
            r: [
              { __typename: 'Course', id: 'icar-crs-REF04' },
              { __typename: 'Course', id: 'icar-crs-ACA-STR02' },
              { __typename: 'Course', id: 'icar-crs-NOPE' },
              { __typename: 'ICarCredential', id: 'icar-cred-000002' },
              { __typename: 'Program', id: 'prg-0003' },
              { __typename: 'Program', id: 'prg-0006' },
              { __typename: 'State', code: 'PA' },
              { __typename: 'State', code: 'OH' },
              { __typename: 'State', code: 'WY' },
            ],
          },
        );
        expect(result.errors).to.equal(undefined);
        expect(result.data).to.deep.equal({
          _entities: [
            { id: 'icar-crs-REF04', code: 'REF04', title: 'Color Theory and Tinting', role: 'REFINISH_TECHNICIAN', proLevel: 2, learningArea: 'REFINISH', hours: 2.5, academy: false },
            { id: 'icar-crs-ACA-STR02', code: 'ACA-STR02', title: 'GMA (MIG) Welding Basics', role: null, proLevel: null, learningArea: 'STRUCTURAL_REPAIR', hours: 12, academy: true },
            null,
            { id: 'icar-cred-000002', credentialRole: 'STEEL_STRUCTURAL_TECHNICIAN', credentialLevel: 2 },
            { id: 'prg-0003', delivers: true },
            { id: 'prg-0006', delivers: false },
            // PA: 12 enrollments, 10 active, 2 completed (suppressed: under 10 people).
            // 12 enrolled, 10 active, 2 completed: showing 12 and 10 would give the 2 away, so both parts are withheld.
            { stateCode: 'PA', icarAcademy: { programCount: 1, enrollmentCount: 12, activeCount: null, completedCount: null, averageActivePercent: null } },
            // OH: 9 enrollments, every cell under 10 suppressed.
            { stateCode: 'OH', icarAcademy: { programCount: 1, enrollmentCount: null, activeCount: null, completedCount: null, averageActivePercent: null } },
            { stateCode: 'WY', icarAcademy: { programCount: 0, enrollmentCount: 0, activeCount: 0, completedCount: 0, averageActivePercent: null } },
          ],
        });
      });

      it('averages the overall progress of a state’s active learners, counting only completed Academy courses', async () => {
        const STATE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on State { icarAcademy { programCount enrollmentCount activeCount completedCount averageActivePercent } } } }`;
        const PROGRESS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { academyEnrollments { status overallPercent } } } }`;
        // Twenty learners in Wyoming (none in the seed): ten done, ten active of whom the i-th has
        // completed i of the 20 Academy courses, plus a role-track course and an Academy course in
        // progress that must not count.
        const academy = ((await db.query('SELECT id FROM course WHERE academy = TRUE ORDER BY code')) as { id: string }[]).map((c) => c.id);
        expect(academy).to.have.length(20);
        const learner = (i: number) => `per-wy-${String(i).padStart(2, '0')}`;
        const enrollments: CourseEnrollment[] = [];
        for (let i = 1; i <= 10; i++) {
          for (const courseId of academy.slice(0, i)) enrollments.push({ id: `ce-wy-${i}-${courseId}`, personId: learner(i), courseId, enrolledOn: '2025-01-02', completedOn: '2025-02-03' });
          enrollments.push({ id: `ce-wy-${i}-next`, personId: learner(i), courseId: academy[i]!, enrolledOn: '2025-03-04', completedOn: null });
          enrollments.push({ id: `ce-wy-${i}-track`, personId: learner(i), courseId: 'icar-crs-REF01', enrolledOn: '2025-01-02', completedOn: '2025-02-03' });
        }
        await db.getRepository(AcademyProgram).insert({ programId: 'prg-wy-test', schoolId: 'sch-wy-test', stateCode: 'WY', since: '2024-01-01' });
        try {
          await db.getRepository(AcademyEnrollment).insert(
            Array.from({ length: 20 }, (_, k) => ({ id: `aen-wy-${k + 1}`, personId: learner(k + 1), programId: 'prg-wy-test', stateCode: 'WY', startedOn: '2025-01-01', completedOn: k < 10 ? null : '2025-06-01' })),
          );
          await db.getRepository(CourseEnrollment).insert(enrollments);
          const summary = await run(STATE, { r: [{ __typename: 'State', code: 'WY' }] });
          expect(summary.errors).to.equal(undefined);
          // (5 + 10 + … + 50) / 10.
          expect(summary.data).to.deep.equal({ _entities: [{ icarAcademy: { programCount: 1, enrollmentCount: 20, activeCount: 10, completedCount: 10, averageActivePercent: 27.5 } }] });
          // The same figure as each learner's own progress gives.
          const own = await run(PROGRESS, { r: Array.from({ length: 10 }, (_, k) => ({ __typename: 'Person', id: learner(k + 1) })) }, ICAR_ADMIN);
          expect((own.data!._entities as { academyEnrollments: { status: string; overallPercent: number }[] }[]).map((p) => p.academyEnrollments)).to.deep.equal(
            Array.from({ length: 10 }, (_, k) => [{ status: 'ACTIVE', overallPercent: 5 * (k + 1) }]),
          );
        } finally {
          await db.getRepository(CourseEnrollment).delete({ personId: In(Array.from({ length: 20 }, (_, k) => learner(k + 1))) });
          await db.getRepository(AcademyEnrollment).delete({ programId: 'prg-wy-test' });
          await db.getRepository(AcademyProgram).delete({ programId: 'prg-wy-test' });
        }
      });

      it('resolves an Apprenticeship for its mentor and refuses a stranger', async () => {
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Apprenticeship { id apprentice { id } mentor { id } shop { id } occupation { socCode } startedOn requiredHours } } }`;
        const mentor = await run(query, { r: [{ __typename: 'Apprenticeship', id: 'apr-0005' }] }, person('per-00288', { roles: [] }));
        expect(mentor.data).to.deep.equal({
          _entities: [{ id: 'apr-0005', apprentice: { id: 'per-00285' }, mentor: { id: 'per-00288' }, shop: { id: 'shp-0006' }, occupation: { socCode: '49-3021' }, startedOn: '2025-12-11', requiredHours: 4000 }],
        });
        const stranger = await run(query, { r: [{ __typename: 'Apprenticeship', id: 'apr-0005' }] }, person('per-00001'));
        expect(stranger.data).to.deep.equal({ _entities: [null] });
        expect(codes(stranger)).to.deep.equal(['FORBIDDEN']);
      });
    });

    describe('Query', () => {
      const COURSES = `query($first: Int, $after: String, $role: ICarRole, $academy: Boolean) { icarCourses(first: $first, after: $after, role: $role, academy: $academy) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }`;
      type CoursePage = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { code: string } }[] };

      it('pages the catalogue by code', async () => {
        const first = (await run(COURSES, { first: 4 })).data!.icarCourses as CoursePage;
        expect(first.edges.map((e) => e.node.code)).to.deep.equal(['ACA-MEL01', 'ACA-MEL02', 'ACA-MEL03', 'ACA-MEL04']);
        expect([first.totalCount, first.pageInfo.hasNextPage]).to.deep.equal([56, true]);
        const second = (await run(COURSES, { first: 4, after: first.pageInfo.endCursor })).data!.icarCourses as CoursePage;
        expect(second.edges.map((e) => e.node.code)).to.deep.equal(['ACA-NSR01', 'ACA-NSR02', 'ACA-NSR03', 'ACA-NSR04']);
      });

      it('filters by role (nine courses, three per ProLevel) and by Academy', async () => {
        const estimator = (await run(COURSES, { role: 'ESTIMATOR', first: 20 })).data!.icarCourses as CoursePage;
        expect(estimator.edges.map((e) => e.node.code)).to.deep.equal(['EST01', 'EST02', 'EST03', 'EST04', 'EST05', 'EST06', 'EST07', 'EST08', 'EST09']);
        expect(estimator.pageInfo).to.deep.equal({ hasNextPage: false, endCursor: estimator.pageInfo.endCursor });
        const academy = (await run(COURSES, { academy: true, first: 0 })).data!.icarCourses as CoursePage;
        expect([academy.totalCount, academy.edges.length]).to.deep.equal([20, 0]);
      });

      it('refuses a cursor it did not issue and a page size over 100', async () => {
        expect(codes(await run(COURSES, { after: 'not-a-cursor' }))).to.deep.equal(['BAD_USER_INPUT']);
        expect(codes(await run(COURSES, { first: 101 }))).to.deep.equal(['BAD_USER_INPUT']);
      });

      it('lists Collision Careers jobs newest first across pages, optionally in one state', async () => {
        const JOBS = `query($first: Int, $after: String, $state: String) { collisionCareersJobs(first: $first, after: $after, stateCode: $state) { totalCount pageInfo { hasNextPage endCursor } edges { node { id postedOn stateCode shop { id } } } } }`;
        type JobPage = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; postedOn: string; stateCode: string } }[] };
        const expected = collisionCareersJobs(world).sort((a, b) => (a.postedOn === b.postedOn ? b.id.localeCompare(a.id) : b.postedOn.localeCompare(a.postedOn)));
        const page1 = (await run(JOBS, { first: 5 })).data!.collisionCareersJobs as JobPage;
        const page2 = (await run(JOBS, { first: 5, after: page1.pageInfo.endCursor })).data!.collisionCareersJobs as JobPage;
        expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).to.deep.equal(expected.slice(0, 10).map((j) => j.id));
        expect(page1.totalCount).to.equal(expected.length);
        const state = expected[0]!.stateCode;
        const inState = (await run(JOBS, { first: 100, state })).data!.collisionCareersJobs as JobPage;
        expect(inState.edges.map((e) => e.node.id)).to.deep.equal(expected.filter((j) => j.stateCode === state).map((j) => j.id));
      });

      it('shows an apprenticeship to the apprentice, mentor, I-CAR admins and support, and not to others', async () => {
        const query = `query { apprenticeship(id: "apr-0005") { id apprentice { id } } }`;
        const seen = { apprenticeship: { id: 'apr-0005', apprentice: { id: 'per-00285' } } };
        for (const caller of [person('per-00285'), person('per-00288'), ICAR_ADMIN, SUPPORT]) expect((await run(query, {}, caller)).data).to.deep.equal(seen);
        for (const caller of [person('per-00286'), ANONYMOUS, { ...ICAR_ADMIN, partner: 'ase' }]) {
          const result = await run(query, {}, caller);
          expect([result.data, codes(result)]).to.deep.equal([{ apprenticeship: null }, ['FORBIDDEN']]);
        }
        const missing = await run(`query { apprenticeship(id: "apr-9999") { id } }`, {}, ICAR_ADMIN);
        expect([missing.data, missing.errors]).to.deep.equal([{ apprenticeship: null }, undefined]);
      });

      it('pages hour logs newest first with totals', async () => {
        const query = `query($after: String) { apprenticeship(id: "apr-0005") { hoursLogged percentComplete hourLogs(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { workedOn hours confirmedBy { id } } } } } }`;
        const logs = await db.getRepository(ApprenticeshipHourLog).find({ where: { apprenticeshipId: 'apr-0005' }, order: { workedOn: 'DESC' } });
        const total = logs.reduce((s, l) => s + l.hours, 0);
        const page1 = (await run(query, {}, ICAR_ADMIN)).data!.apprenticeship as { hoursLogged: number; percentComplete: number; hourLogs: { totalCount: number; pageInfo: { endCursor: string }; edges: { node: { workedOn: string } }[] } };
        const page2 = (await run(query, { after: page1.hourLogs.pageInfo.endCursor }, ICAR_ADMIN)).data!.apprenticeship as typeof page1;
        expect([...page1.hourLogs.edges, ...page2.hourLogs.edges].map((e) => e.node.workedOn)).to.deep.equal(logs.slice(0, 6).map((l) => l.workedOn));
        expect([page1.hourLogs.totalCount, page1.hoursLogged, page1.percentComplete]).to.deep.equal([logs.length, total, Math.round((total / 4000) * 1000) / 10]);
        expect(logs.length).to.equal(179);
      });
    });

    describe('Mutation enrollInCourse', () => {
      const ENROLL = `mutation($input: EnrollInCourseInput!) { enrollInCourse(input: $input) { id status enrolledOn completedOn course { code } person { id } } }`;
      const count = () => db.getRepository(CourseEnrollment).count();

      it('enrolls the caller, once', async () => {
        const result = await run(ENROLL, { input: { personId: 'per-00037', courseId: 'icar-crs-EST01' } }, person('per-00037'));
        expect(result.data).to.deep.equal({ enrollInCourse: { id: 'icar-cen-per-00037-EST01', status: 'ACTIVE', enrolledOn: SEED_DATE, completedOn: null, course: { code: 'EST01' }, person: { id: 'per-00037' } } });
        const before = await count();
        const again = await run(ENROLL, { input: { personId: 'per-00037', courseId: 'icar-crs-EST01' } }, person('per-00037'));
        expect([again.data, codes(again), await count()]).to.deep.equal([null, ['CONFLICT'], before]);
      });

      it('lets a guardian enroll their ward, and refuses anyone else', async () => {
        const { guardianId, wardId } = world.guardianships[0]!;
        const ok = await run(ENROLL, { input: { personId: wardId, courseId: 'icar-crs-ACA-SAF01' } }, { sub: guardianId, roles: ['guardian'], wards: [wardId], scopes: [] });
        expect(ok.errors).to.equal(undefined);
        const before = await count();
        const stranger = await run(ENROLL, { input: { personId: wardId, courseId: 'icar-crs-ACA-SAF02' } }, person('per-00099'));
        const anonymous = await run(ENROLL, { input: { personId: wardId, courseId: 'icar-crs-ACA-SAF02' } });
        expect([codes(stranger), codes(anonymous), await count()]).to.deep.equal([['FORBIDDEN'], ['UNAUTHENTICATED'], before]);
      });

      it('answers NOT_FOUND for an unknown course and names every blank field', async () => {
        const before = await count();
        const missing = await run(ENROLL, { input: { personId: 'per-00037', courseId: 'icar-crs-NOPE' } }, ICAR_ADMIN);
        expect(codes(missing)).to.deep.equal(['NOT_FOUND']);
        const blank = await run(ENROLL, { input: { personId: ' ', courseId: '' } }, ICAR_ADMIN);
        expect(blank.errors![0]!.extensions).to.deep.equal({
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'input.personId', message: 'must be a person id' }, { field: 'input.courseId', message: 'must be a course id' }],
        });
        expect(await count()).to.equal(before);
      });
    });

    describe('Mutation logApprenticeshipHours', () => {
      const LOG = `mutation($input: LogApprenticeshipHoursInput!) { logApprenticeshipHours(input: $input) { id workedOn hours activity confirmedBy { id } } }`;
      const count = () => db.getRepository(ApprenticeshipHourLog).count({ where: { apprenticeshipId: 'apr-0005' } });
      const input = (over: object) => ({ apprenticeshipId: 'apr-0005', workedOn: '2026-08-29', hours: 4.5, activity: 'Saturday overtime: prepped doors for paint', ...over });

      it('logs a day for the apprentice (unconfirmed) and for the mentor (confirmed), adding to the total', async () => {
        const hours = async () => ((await run(`query { apprenticeship(id: "apr-0005") { hoursLogged } }`, {}, ICAR_ADMIN)).data!.apprenticeship as { hoursLogged: number }).hoursLogged;
        const before = await hours();
        const byApprentice = await run(LOG, { input: input({}) }, person('per-00285'));
        expect(byApprentice.data).to.deep.equal({ logApprenticeshipHours: { id: 'icar-hlog-apr-0005-2026-08-29', workedOn: '2026-08-29', hours: 4.5, activity: 'Saturday overtime: prepped doors for paint', confirmedBy: null } });
        const byMentor = await run(LOG, { input: input({ workedOn: SEED_DATE, hours: 8, activity: '  Sectioned B-pillar  ' }) }, person('per-00288'));
        expect(byMentor.data).to.deep.equal({ logApprenticeshipHours: { id: `icar-hlog-apr-0005-${SEED_DATE}`, workedOn: SEED_DATE, hours: 8, activity: 'Sectioned B-pillar', confirmedBy: { id: 'per-00288' } } });
        expect(await hours()).to.equal(before + 12.5);
      });

      it('answers CONFLICT for a day already logged and writes nothing', async () => {
        const before = await count();
        const result = await run(LOG, { input: input({ workedOn: '2026-08-28' }) }, person('per-00285'));
        expect([result.data, codes(result), result.errors![0]!.message, await count()]).to.deep.equal([null, ['CONFLICT'], '2026-08-28 is already logged for apr-0005', before]);
      });

      it('lets exactly one of two simultaneous logs of the same day through', async () => {
        const before = await count();
        const [a, b] = await Promise.all([
          run(LOG, { input: input({ workedOn: '2026-08-23' }) }, person('per-00285')),
          run(LOG, { input: input({ workedOn: '2026-08-23', hours: 5 }) }, person('per-00288')),
        ]);
        expect([...codes(a), ...codes(b)]).to.deep.equal(['CONFLICT']);
        expect(await count()).to.equal(before + 1);
      });

      it('recognises this database’s unique violation, so a lost race still reads CONFLICT', async () => {
        const existing = (await db.getRepository(ApprenticeshipHourLog).findOneByOrFail({ apprenticeshipId: 'apr-0005', workedOn: '2026-08-28' }));
        const error = await db.getRepository(ApprenticeshipHourLog).insert({ ...existing, id: 'icar-hlog-duplicate' }).then(() => null, (e: unknown) => e);
        expect([error !== null, isUniqueViolation(error), isUniqueViolation(new Error('connection lost'))]).to.deep.equal([true, true, false]);
      });

      it('names each bad field, and refuses a day before the start', async () => {
        const before = await count();
        const bad = await run(LOG, { input: input({ workedOn: '2026-13-01', hours: 12.5, activity: 'no' }) }, person('per-00285'));
        expect(bad.errors![0]!.extensions).to.deep.equal({
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'input.workedOn', message: 'must be a date in the form YYYY-MM-DD' },
            { field: 'input.hours', message: 'must be more than 0 and at most 12' },
            { field: 'input.activity', message: 'must be 3 to 500 characters' },
          ],
        });
        const future = await run(LOG, { input: input({ workedOn: '2026-09-02', hours: -1 }) }, person('per-00285'));
        expect((future.errors![0]!.extensions!.fields as { field: string }[]).map((f) => f.field)).to.deep.equal(['input.workedOn', 'input.hours']);
        const early = await run(LOG, { input: input({ workedOn: '2025-12-10' }) }, person('per-00285'));
        expect(early.errors![0]!.extensions).to.deep.equal({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.workedOn', message: 'cannot be before the apprenticeship started (2025-12-11)' }] });
        expect(await count()).to.equal(before);
      });

      it('refuses strangers and support, asks anonymous callers to sign in, and answers NOT_FOUND for an unknown apprenticeship', async () => {
        const before = await count();
        const results = await Promise.all([
          run(LOG, { input: input({ workedOn: '2026-08-30' }) }, person('per-00286')),
          run(LOG, { input: input({ workedOn: '2026-08-30' }) }, SUPPORT),
          run(LOG, { input: input({ workedOn: '2026-08-30' }) }),
          run(LOG, { input: input({ apprenticeshipId: 'apr-9999' }) }, ICAR_ADMIN),
        ]);
        expect([...results.map(codes), await count()]).to.deep.equal([['FORBIDDEN'], ['FORBIDDEN'], ['UNAUTHENTICATED'], ['NOT_FOUND'], before]);
      });
    });

    describe('seed', () => {
      it('writes the same rows from the same world', async () => {
        const other = await createTestDatabase(kind);
        const db2 = openDatabase(other.target('icar'));
        await db2.initialize();
        await migrate(db2);
        try {
          const first = await seed(db2, buildWorld(0.1));
          const second = await seed(db2, buildWorld(0.1));
          expect(second).to.deep.equal(first);
          expect(first.counts).to.deep.equal({
            course: 56,
            course_enrollment: 824,
            credential: 154,
            academy_program: 2,
            academy_enrollment: 21,
            apprenticeship: 15,
            apprenticeship_hour_log: 3452,
            collision_careers_job: 9,
          });
          expect(first.credentialEvents![0]).to.deep.equal({ id: 'icar-cred-000001', personId: 'per-00244', issuer: 'ICAR', title: 'I-CAR ProLevel 1 — Steel Structural Technician', earnedOn: '2025-04-11', expiresOn: null });
          const firstLogs = await db2.query('SELECT id, hours, activity FROM apprenticeship_hour_log ORDER BY id LIMIT 2');
          expect(firstLogs.length).to.equal(2);
          expect(firstLogs).to.deep.equal(await db2.query('SELECT id, hours, activity FROM apprenticeship_hour_log ORDER BY id LIMIT 2'));
        } finally {
          await db2.destroy();
        }
      });
    });
  });
}
