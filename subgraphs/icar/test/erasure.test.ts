import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { buildSubgraph, createLogger, fixedClock, migrate, type BuiltSubgraph, type Caller } from '@talent-graph/platform';
import { buildWorld, SEED_DATE } from '@talent-graph/platform/demo';
import { createTestDatabase, databaseKinds } from '@talent-graph/platform/testing';
import type { Loaders } from '../src/loaders.ts';
import { definition, openDatabase, seed } from '../src/server.ts';

const person = (sub: string, over: Partial<Caller> = {}): Caller => ({ sub, roles: [], scopes: [], ...over });
const ANONYMOUS: Caller = { sub: null, roles: [], scopes: [] };
const SUPPORT: Caller = { sub: 'per-support', roles: ['support'], scopes: [] };
const ICAR_ADMIN: Caller = { sub: 'per-admin', roles: ['partner_admin'], partner: 'icar', scopes: [] };

const ERASE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ErasureReceipt { id personId icar { subgraph erased anonymised kept } } } }`;
const MY_DATA = `query($r: [_Any!]!) { _entities(representations: $r) { ... on MyData { personId icar { kind id summary } } } }`;

interface Outcome { subgraph: string; erased: number; anonymised: number; kept: string[] }
interface Result<T> {
  data?: { _entities: (T | null)[] } | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

type Row = Record<string, unknown> & { id: string };
type Snapshot = Record<string, Row[]>;
const TABLES = ['course_enrollment', 'academy_enrollment', 'apprenticeship', 'apprenticeship_hour_log', 'credential'] as const;

for (const kind of databaseKinds()) {
  describe(`icar erasure [${kind}]`, function () {
    let db: DataSource;
    let built: BuiltSubgraph<Loaders>;
    let receipts = 0;

    const execute = async <T>(query: string, representations: object[], caller: Caller): Promise<Result<T>> => {
      const response = await built.apollo.executeOperation({ query, variables: { r: representations } }, { contextValue: built.contextFor(caller) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as Result<T>;
    };
    const erase = (personId: string, caller: Caller) =>
      execute<{ id: string; personId: string; icar: Outcome }>(ERASE, [{ __typename: 'ErasureReceipt', id: `era-test-${++receipts}`, personId }], caller);
    const myData = async (personId: string) => {
      const result = await execute<{ icar: { kind: string; id: string; summary: string }[] }>(MY_DATA, [{ __typename: 'MyData', personId }], person(personId));
      expect(result.errors).to.equal(undefined);
      return result.data!._entities[0]!.icar;
    };
    const codes = (result: Result<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);
    const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
      let n = 0;
      return (await db.query(kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params)) as T[];
    };
    const first = async (text: string, params: unknown[] = []) => (await sql<{ p: string }>(text, params))[0]!.p;
    /** Every row of every table that may hold a person's id, read directly. */
    const snapshot = async (): Promise<Snapshot> => {
      const out: Snapshot = {};
      for (const table of TABLES) out[table] = await sql<Row>(`SELECT * FROM ${table} ORDER BY id`);
      return out;
    };
    /** What the tables must hold after erasing `personId`: the rules, applied to a snapshot by hand. */
    const afterErasure = (before: Snapshot, personId: string) => {
      const own = new Set(before.apprenticeship!.filter((a) => a.apprentice_id === personId).map((a) => a.id));
      const deletes: Record<string, (r: Row) => boolean> = {
        course_enrollment: (r) => r.person_id === personId,
        academy_enrollment: (r) => r.person_id === personId,
        credential: (r) => r.person_id === personId,
        apprenticeship: (r) => r.apprentice_id === personId,
        apprenticeship_hour_log: (r) => own.has(r.apprenticeship_id as string),
      };
      let erased = 0;
      let anonymised = 0;
      const after: Snapshot = {};
      for (const table of TABLES) {
        const kept = before[table]!.filter((r) => !deletes[table]!(r));
        erased += before[table]!.length - kept.length;
        after[table] = kept.map((r) => {
          if (table === 'apprenticeship' && r.mentor_id === personId) return anonymised++, { ...r, mentor_id: 'erased' };
          if (table === 'apprenticeship_hour_log' && r.confirmed_by === personId) return anonymised++, { ...r, confirmed_by: 'erased' };
          return r;
        });
      }
      return { after, erased, anonymised };
    };
    /** No row of any table still carries the id. */
    const rowsWith = (snap: Snapshot, personId: string) => Object.values(snap).flat().filter((r) => Object.values(r).includes(personId));

    let apprentice: string;
    let mentor: string;
    let learner: string;
    let academyLearner: string;
    let holder: string;

    before(async function () {
      const created = await createTestDatabase(kind);
      db = openDatabase(created.target('icar'));
      await db.initialize();
      await migrate(db);
      await seed(db, buildWorld(0.1));
      built = await buildSubgraph(definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger('icar', 'silent') });
      // A mentor whose confirmed days lie in someone else's apprenticeship, and an apprentice with logged days whose mentor is another person.
      mentor = await first('SELECT l.confirmed_by AS p FROM apprenticeship_hour_log l JOIN apprenticeship a ON a.id = l.apprenticeship_id WHERE a.apprentice_id <> l.confirmed_by ORDER BY 1 LIMIT 1');
      apprentice = await first(
        'SELECT a.apprentice_id AS p FROM apprenticeship a JOIN apprenticeship_hour_log l ON l.apprenticeship_id = a.id WHERE a.mentor_id <> ? AND a.apprentice_id <> ? ORDER BY 1 LIMIT 1',
        [mentor, mentor],
      );
      const taken = [mentor, apprentice];
      learner = await first('SELECT person_id AS p FROM course_enrollment WHERE person_id NOT IN (?, ?) ORDER BY 1 LIMIT 1', taken);
      academyLearner = await first('SELECT person_id AS p FROM academy_enrollment WHERE person_id NOT IN (?, ?, ?) ORDER BY 1 LIMIT 1', [...taken, learner]);
      holder = await first('SELECT person_id AS p FROM credential WHERE person_id NOT IN (?, ?, ?, ?) ORDER BY 1 LIMIT 1', [...taken, learner, academyLearner]);
    });
    after(async () => {
      await built.apollo.stop();
      await db.destroy();
    });

    it('gives a stranger, support, an I-CAR admin and an anonymous caller FORBIDDEN, and writes nothing', async () => {
      const before = await snapshot();
      for (const personId of [apprentice, mentor]) {
        for (const caller of [person('per-stranger'), SUPPORT, ICAR_ADMIN, ANONYMOUS, person('per-parent', { wards: ['per-someone-else'] })]) {
          const result = await erase(personId, caller);
          expect(codes(result), `${caller.sub ?? 'anonymous'} erasing ${personId}`).to.deep.equal(['FORBIDDEN']);
          expect(result.data!._entities[0]!.icar).to.equal(null);
        }
      }
      // 'erased' is nobody, even to a caller who claims to be it.
      expect(codes(await erase('erased', person('erased')))).to.deep.equal(['FORBIDDEN']);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('erases an apprentice: their apprenticeships and every logged day in them, enrollments and credentials', async () => {
      const before = await snapshot();
      const want = afterErasure(before, apprentice);
      expect(rowsWith(before, apprentice).length).to.be.greaterThan(0);
      expect(before.apprenticeship_hour_log!.length - want.after.apprenticeship_hour_log!.length, 'days deleted').to.be.greaterThan(0);
      const listed = (await myData(apprentice)).length;

      const result = await erase(apprentice, person(apprentice));
      expect(result.errors).to.equal(undefined);
      const receipt = result.data!._entities[0]!;
      expect(receipt.personId).to.equal(apprentice);
      expect(receipt.icar).to.deep.include({ subgraph: 'icar', erased: want.erased, anonymised: want.anonymised });
      // Everything MyData listed is gone or anonymised; counts are the rows removed and changed.
      expect(receipt.icar.erased + receipt.icar.anonymised).to.equal(listed);
      const after = await snapshot();
      expect(after).to.deep.equal(want.after);
      expect(rowsWith(after, apprentice)).to.deep.equal([]);
      expect(await myData(apprentice)).to.deep.equal([]);
    });

    it('anonymises a mentor: the apprentice keeps the apprenticeship and the confirmed days', async () => {
      const before = await snapshot();
      const want = afterErasure(before, mentor);
      const mentored = before.apprenticeship!.filter((a) => a.mentor_id === mentor && a.apprentice_id !== mentor);
      expect(mentored.length).to.be.greaterThan(0);
      const confirmed = before.apprenticeship_hour_log!.filter((l) => l.confirmed_by === mentor).length;
      expect(confirmed).to.be.greaterThan(0);
      const theirApprentice = mentored[0]!.apprentice_id as string;
      const apprenticeBefore = await myData(theirApprentice);

      const result = await erase(mentor, person(mentor));
      expect(result.errors).to.equal(undefined);
      const outcome = result.data!._entities[0]!.icar;
      expect(outcome).to.deep.include({ subgraph: 'icar', erased: want.erased, anonymised: want.anonymised });
      expect(outcome.anonymised).to.be.at.least(mentored.length + 1);
      expect(outcome.kept).to.have.length(2);
      expect(outcome.kept[0]).to.match(/apprenticeships? you mentored/);
      expect(outcome.kept[1]).to.match(/confirmed as mentor/);
      const after = await snapshot();
      expect(after).to.deep.equal(want.after);
      expect(rowsWith(after, mentor)).to.deep.equal([]);
      expect(await myData(mentor)).to.deep.equal([]);
      // The apprentice's records survive, the same rows, now naming no mentor.
      const apprenticeAfter = await myData(theirApprentice);
      expect(apprenticeAfter.map((r) => `${r.kind}/${r.id}`)).to.deep.equal(apprenticeBefore.map((r) => `${r.kind}/${r.id}`));
      expect(apprenticeAfter.map((r) => r.summary).join('\n')).to.not.include(mentor);
      const days = after.apprenticeship_hour_log!.filter((l) => l.apprenticeship_id === mentored[0]!.id);
      expect(days.filter((l) => l.confirmed_by === 'erased').length).to.be.greaterThan(0);
    });

    it('shows the apprentice an erased mentor as null with mentorErased, never as an error', async () => {
      // The mentor was erased by the test before; their former apprentice reads the apprenticeship.
      const row = (await sql<{ id: string; apprentice_id: string }>(`SELECT id, apprentice_id FROM apprenticeship WHERE mentor_id = 'erased' ORDER BY id LIMIT 1`))[0]!;
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Apprenticeship { id mentor { id } mentorErased apprentice { id } hourLogs(first: 100) { edges { node { id confirmedBy { id } confirmedByErased } } } } } }`;
      type Day = { id: string; confirmedBy: null | { id: string }; confirmedByErased: boolean };
      type Seen = { id: string; mentor: null | { id: string }; mentorErased: boolean; apprentice: { id: string }; hourLogs: { edges: { node: Day }[] } };
      const result = await execute<Seen>(query, [{ __typename: 'Apprenticeship', id: row.id }], person(row.apprentice_id));
      expect(result.errors).to.equal(undefined);
      const seen = result.data!._entities[0]!;
      expect({ id: seen.id, mentor: seen.mentor, mentorErased: seen.mentorErased, apprentice: seen.apprentice }).to.deep.equal({ id: row.id, mentor: null, mentorErased: true, apprentice: { id: row.apprentice_id } });
      // Each day as stored: a day the erased mentor confirmed names no confirmer and says why.
      const days = seen.hourLogs.edges.map((e) => e.node);
      const stored = new Map((await sql<{ id: string; confirmed_by: string | null }>(`SELECT id, confirmed_by FROM apprenticeship_hour_log WHERE apprenticeship_id = ?`, [row.id])).map((d) => [d.id, d.confirmed_by]));
      expect(days).to.deep.equal(days.map((d) => ({ id: d.id, confirmedBy: stored.get(d.id) && stored.get(d.id) !== 'erased' ? { id: stored.get(d.id) } : null, confirmedByErased: stored.get(d.id) === 'erased' })));
      expect(days.filter((d) => d.confirmedByErased).length).to.be.greaterThan(0);
    });

    it('lets a guardian erase a ward, and each kind of record goes', async () => {
      for (const [subject, caller] of [
        [learner, person('per-parent', { wards: [learner] })],
        [academyLearner, person(academyLearner)],
        [holder, person(holder)],
      ] as const) {
        const before = await snapshot();
        const want = afterErasure(before, subject);
        expect(want.erased, subject).to.be.greaterThan(0);
        const result = await erase(subject, caller);
        expect(result.errors, subject).to.equal(undefined);
        expect(result.data!._entities[0]!.icar).to.deep.equal({ subgraph: 'icar', erased: want.erased, anonymised: want.anonymised, kept: result.data!._entities[0]!.icar.kept });
        expect(await snapshot(), subject).to.deep.equal(want.after);
        expect(await myData(subject), subject).to.deep.equal([]);
      }
    });

    it('is idempotent: a second request erases and anonymises nothing', async () => {
      const before = await snapshot();
      for (const subject of [apprentice, mentor, learner, academyLearner, holder]) {
        const result = await erase(subject, person(subject));
        expect(result.errors, subject).to.equal(undefined);
        expect(result.data!._entities[0]!.icar, subject).to.deep.equal({ subgraph: 'icar', erased: 0, anonymised: 0, kept: [] });
      }
      expect(await snapshot()).to.deep.equal(before);
    });
  });
}
