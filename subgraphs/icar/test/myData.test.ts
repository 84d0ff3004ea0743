import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { buildSubgraph, createLogger, fixedClock, migrate, SqlCounter, type BuiltSubgraph, type Caller } from '@talent-graph/platform';
import { buildWorld, SEED_DATE } from '@talent-graph/platform/demo';
import { createTestDatabase, databaseKinds } from '@talent-graph/platform/testing';
import type { Loaders } from '../src/loaders.ts';
import { definition, openDatabase, seed } from '../src/server.ts';

const person = (sub: string, over: Partial<Caller> = {}): Caller => ({ sub, roles: [], scopes: [], ...over });
const ANONYMOUS: Caller = { sub: null, roles: [], scopes: [] };
const SUPPORT: Caller = { sub: 'per-support', roles: ['support'], scopes: [] };
const ICAR_ADMIN: Caller = { sub: 'per-admin', roles: ['partner_admin'], partner: 'icar', scopes: [] };
const OTHER_ADMIN: Caller = { sub: 'per-admin2', roles: ['partner_admin'], partner: 'ase', scopes: [] };

const MY_DATA = `query($r: [_Any!]!) { _entities(representations: $r) { ... on MyData { personId icar { subgraph kind id summary recordedAt } } } }`;

interface DataRecord { subgraph: string; kind: string; id: string; summary: string; recordedAt: string | null }
interface Result {
  data?: { _entities: ({ personId: string; icar: DataRecord[] } | null)[] } | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

for (const kind of databaseKinds()) {
  describe(`icar MyData [${kind}]`, function () {
    let db: DataSource;
    let built: BuiltSubgraph<Loaders>;
    const counter = new SqlCounter();

    const run = async (personIds: string[], caller: Caller): Promise<Result> => {
      const variables = { r: personIds.map((personId) => ({ __typename: 'MyData', personId })) };
      const response = await built.apollo.executeOperation({ query: MY_DATA, variables }, { contextValue: built.contextFor(caller) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as Result;
    };
    const codes = (result: Result) => (result.errors ?? []).map((e) => e.extensions?.code);
    /** Raw SQL with `?` placeholders on either database. */
    const sql = async <T>(text: string, params: unknown[]): Promise<T[]> => {
      let n = 0;
      return (await db.query(kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params)) as T[];
    };
    const ids = async (text: string, params: unknown[]) => (await sql<{ id: string }>(text, params)).map((r) => r.id).sort();

    /** What the tables hold about the person, by kind, read directly (not through the loaders). */
    const expected = async (personId: string): Promise<Record<string, string[]>> => ({
      CourseEnrollment: await ids('SELECT id FROM course_enrollment WHERE person_id = ?', [personId]),
      AcademyEnrollment: await ids('SELECT id FROM academy_enrollment WHERE person_id = ?', [personId]),
      Apprenticeship: await ids('SELECT id FROM apprenticeship WHERE apprentice_id = ? OR mentor_id = ?', [personId, personId]),
      ApprenticeshipHourLog: await ids(
        'SELECT l.id AS id FROM apprenticeship_hour_log l JOIN apprenticeship a ON a.id = l.apprenticeship_id WHERE a.apprentice_id = ? OR l.confirmed_by = ?',
        [personId, personId],
      ),
      ICarCredential: await ids('SELECT id FROM credential WHERE person_id = ?', [personId]),
    });
    const byKind = (records: DataRecord[]): Record<string, string[]> => {
      const out: Record<string, string[]> = { CourseEnrollment: [], AcademyEnrollment: [], Apprenticeship: [], ApprenticeshipHourLog: [], ICarCredential: [] };
      for (const r of records) (out[r.kind] ??= []).push(r.id);
      for (const k of Object.keys(out)) out[k]!.sort();
      return out;
    };
    const first = async (text: string) => (await sql<{ p: string }>(text, []))[0]!.p;

    /** People with each kind of record: a course learner, an Academy learner, an apprentice, a mentor, a credential holder. */
    let subjects: string[];

    before(async function () {
      const created = await createTestDatabase(kind);
      db = openDatabase(created.target('icar'), counter);
      await db.initialize();
      await migrate(db);
      await seed(db, buildWorld(0.1));
      built = await buildSubgraph(definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger('icar', 'silent') });
      subjects = [
        await first('SELECT person_id AS p FROM course_enrollment ORDER BY person_id LIMIT 1'),
        await first('SELECT person_id AS p FROM academy_enrollment ORDER BY person_id LIMIT 1'),
        await first('SELECT a.apprentice_id AS p FROM apprenticeship a JOIN apprenticeship_hour_log l ON l.apprenticeship_id = a.id ORDER BY a.apprentice_id LIMIT 1'),
        await first('SELECT confirmed_by AS p FROM apprenticeship_hour_log WHERE confirmed_by IS NOT NULL ORDER BY confirmed_by LIMIT 1'),
        await first('SELECT person_id AS p FROM credential ORDER BY person_id LIMIT 1'),
      ];
    });
    after(async () => {
      await built.apollo.stop();
      await db.destroy();
    });

    it('lists exactly the rows each table holds about the person, to the person', async () => {
      const totals: Record<string, number> = {};
      for (const personId of new Set(subjects)) {
        const result = await run([personId], person(personId));
        expect(result.errors).to.equal(undefined);
        const records = result.data!._entities[0]!.icar;
        const want = await expected(personId);
        expect(byKind(records), personId).to.deep.equal(want);
        // One record per row: no row listed twice (an apprenticeship is one row, whichever party asks).
        expect(new Set(records.map((r) => `${r.kind}/${r.id}`)).size).to.equal(records.length);
        for (const r of records) {
          expect(r.subgraph).to.equal('icar');
          expect(r.summary).to.be.a('string').and.not.match(/\n/);
          expect(r.summary.length).to.be.greaterThan(10);
        }
        for (const [k, v] of Object.entries(want)) totals[k] = (totals[k] ?? 0) + v.length;
      }
      // The subjects between them exercise every kind of record.
      for (const k of ['CourseEnrollment', 'AcademyEnrollment', 'Apprenticeship', 'ApprenticeshipHourLog', 'ICarCredential']) expect(totals[k], k).to.be.greaterThan(0);
    });

    it('lists a mentor’s apprenticeships and the days they confirmed, and an apprentice’s own days', async () => {
      const mentor = subjects[3]!;
      const records = (await run([mentor], person(mentor))).data!._entities[0]!.icar;
      const mentored = await sql<{ id: string; apprentice_id: string }>('SELECT id, apprentice_id FROM apprenticeship WHERE mentor_id = ?', [mentor]);
      expect(mentored.length).to.be.greaterThan(0);
      for (const a of mentored) {
        expect(records.find((r) => r.kind === 'Apprenticeship' && r.id === a.id)!.summary).to.match(new RegExp(`^Mentor of apprentice ${a.apprentice_id} `));
      }
      // Days in someone else's apprenticeship are listed because the mentor confirmed them, and say so.
      const othersDays = records.filter((r) => r.kind === 'ApprenticeshipHourLog' && r.summary.includes(' of apprentice '));
      expect(othersDays.length).to.be.greaterThan(0);
      for (const r of othersDays) expect(r.summary).to.match(new RegExp(`confirmed by ${mentor}$`));

      const apprentice = subjects[2]!;
      const own = (await run([apprentice], person(apprentice))).data!._entities[0]!.icar;
      const [apprenticeship] = await sql<{ id: string; started_on: string }>('SELECT id, started_on FROM apprenticeship WHERE apprentice_id = ? ORDER BY id LIMIT 1', [apprentice]);
      const listed = own.find((r) => r.kind === 'Apprenticeship' && r.id === apprenticeship!.id)!;
      expect(listed.recordedAt).to.equal(apprenticeship!.started_on);
      expect(listed.summary).to.match(/^Apprentice \(SOC /);
      // Their own days, confirmed or not, newest first.
      const days = own.filter((r) => r.kind === 'ApprenticeshipHourLog').map((r) => r.recordedAt!);
      expect(days.length).to.be.greaterThan(0);
      expect(days).to.deep.equal([...days].sort().reverse());
    });

    it('gives a stranger and an anonymous caller FORBIDDEN, and nothing', async () => {
      const personId = subjects[0]!;
      for (const caller of [person('per-stranger'), ANONYMOUS, OTHER_ADMIN, person('per-teacher', { roles: ['instructor'], schoolId: 'sch-0001' })]) {
        const result = await run([personId], caller);
        expect(codes(result), caller.sub ?? 'anonymous').to.deep.equal(['FORBIDDEN']);
        expect(result.data!._entities[0]!.icar).to.equal(null);
      }
    });

    it('lets support, I-CAR admins and a guardian (the token’s wards) read', async () => {
      const personId = subjects[1]!;
      const want = await expected(personId);
      for (const caller of [SUPPORT, ICAR_ADMIN, person('per-parent', { wards: [personId] })]) {
        const result = await run([personId], caller);
        expect(result.errors, caller.sub!).to.equal(undefined);
        expect(byKind(result.data!._entities[0]!.icar)).to.deep.equal(want);
      }
    });

    it('reads many MyData representations in a constant number of statements', async () => {
      const many = (await sql<{ p: string }>(
        'SELECT person_id AS p FROM course_enrollment UNION SELECT person_id FROM academy_enrollment UNION SELECT apprentice_id FROM apprenticeship UNION SELECT mentor_id FROM apprenticeship ORDER BY 1',
        [],
      )).map((r) => r.p);
      expect(many.length).to.be.greaterThan(20);
      await run([many[0]!], SUPPORT); // the process reads the catalogue itself only once
      counter.reset();
      const one = await run([many[0]!], SUPPORT);
      const oneCount = counter.count;
      counter.reset();
      const all = await run(many, SUPPORT);
      expect(one.errors).to.equal(undefined);
      expect(all.errors).to.equal(undefined);
      expect(all.data!._entities.map((e) => e!.personId)).to.deep.equal(many);
      // The catalogue's revision, then one statement each for course and Academy enrollments, apprenticeships, hour logs and credentials.
      expect([oneCount, counter.count]).to.deep.equal([6, 6]);
      // And the batch agrees with asking one by one.
      const sample = many[many.length - 1]!;
      expect(byKind(all.data!._entities.at(-1)!.icar)).to.deep.equal(await expected(sample));
    });
  });
}
