import { expect } from 'chai';
import type { Caller, DataRecord } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { createAseFixture, type AseFixture } from './fixtures.ts';

const MY_DATA = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on MyData { personId ase { subgraph kind id summary recordedAt } } }
}`;

const person = (sub: string): Caller => ({ sub, roles: ['student'], scopes: [] });
const guardianOf = (...wards: string[]): Caller => ({ sub: 'per-fx-guardian', roles: ['guardian'], wards, scopes: [] });
const SUPPORT: Caller = { sub: 'per-fx-support', roles: ['support'], scopes: [] };

type Result = Awaited<ReturnType<AseFixture['run']>>;
const entities = (r: Result) => (r.data?._entities ?? []) as ({ personId: string; ase: DataRecord[] } | null)[];

for (const kind of databaseKinds()) {
  describe(`ase myData [${kind}]`, function () {
    let fx: AseFixture;
    before(async function () {
      fx = await createAseFixture(kind);
    });
    after(async () => {
      await fx.close();
    });

    /** What the tables hold about a person, read directly (not through the subgraph's loaders). */
    async function held(personId: string): Promise<{ certificationIds: string[]; candidateIds: string[] }> {
      const placeholder = kind === 'postgres' ? '$1' : '?';
      const rows = (await fx.db.query(`SELECT id, candidate_id FROM certification WHERE person_id = ${placeholder}`, [personId])) as { id: string; candidate_id: string }[];
      return { certificationIds: rows.map((r) => r.id).sort(), candidateIds: [...new Set(rows.map((r) => r.candidate_id))].sort() };
    }

    async function myData(personId: string, caller: Caller): Promise<Result> {
      return fx.run(MY_DATA, { representations: [{ __typename: 'MyData', personId }] }, caller);
    }

    const idsOf = (records: DataRecord[], recordKind: string) => records.filter((r) => r.kind === recordKind).map((r) => r.id).sort();

    it('lists exactly the certifications and the candidate number the tables hold for the person', async () => {
      const result = await myData('per-fx-01', person('per-fx-01'));
      expect(result.errors).to.equal(undefined);
      const records = entities(result)[0]!.ase;
      const expected = await held('per-fx-01');
      expect({
        count: records.length,
        certifications: idsOf(records, 'Certification'),
        candidates: idsOf(records, 'CandidateNumber'),
        kinds: [...new Set(records.map((r) => r.kind))].sort(),
        subgraphs: [...new Set(records.map((r) => r.subgraph))],
      }).to.deep.equal({
        count: expected.certificationIds.length + expected.candidateIds.length,
        certifications: expected.certificationIds,
        candidates: expected.candidateIds,
        kinds: ['CandidateNumber', 'Certification'],
        subgraphs: ['ase'],
      });
      expect(expected).to.deep.include({ candidateIds: ['ASE-FX-01'] });
      expect(expected.certificationIds).to.have.length(9);
    });

    it('describes each record in one readable line with its date', async () => {
      const records = entities(await myData('per-fx-01', person('per-fx-01')))[0]!.ase;
      expect(records.find((r) => r.id === 'ASE-FX-01')).to.deep.equal({
        subgraph: 'ase',
        kind: 'CandidateNumber',
        id: 'ASE-FX-01',
        summary: 'ASE candidate number ASE-FX-01',
        recordedAt: '2019-05-01',
      });
      expect(records.find((r) => r.id === 'ase-cert-fx-14')).to.deep.equal({
        subgraph: 'ase',
        kind: 'Certification',
        id: 'ase-cert-fx-14',
        summary: "A5 Brakes, earned 2024-01-15, current (lapses 2029-01-16), 120 months' experience credited, renews ase-cert-fx-01",
        recordedAt: '2024-01-15',
      });
      expect(records.find((r) => r.id === 'ase-cert-fx-01')!.summary).to.equal("A5 Brakes, earned 2019-05-01, expired (lapses 2024-05-02), 60 months' experience credited");
    });

    it('matches the tables for seeded people too, and is empty for someone never tested', async () => {
      const withCerts = (await fx.db.query(`SELECT DISTINCT person_id FROM certification WHERE id NOT LIKE 'ase-cert-fx-%' ORDER BY person_id`)) as { person_id: string }[];
      expect(withCerts.length).to.be.greaterThan(3);
      const people = [...withCerts.slice(0, 3).map((r) => r.person_id), 'per-fx-99'];
      for (const id of people) {
        const result = await myData(id, person(id));
        const records = entities(result)[0]!.ase;
        const expected = await held(id);
        expect({ id, errors: result.errors, certifications: idsOf(records, 'Certification'), candidates: idsOf(records, 'CandidateNumber'), count: records.length }).to.deep.equal({
          id,
          errors: undefined,
          certifications: expected.certificationIds,
          candidates: expected.candidateIds,
          count: expected.certificationIds.length + expected.candidateIds.length,
        });
      }
      expect(entities(await myData('per-fx-99', person('per-fx-99')))[0]!.ase).to.deep.equal([]);
    });

    it('lets a guardian named in the token and support staff read the records', async () => {
      const own = entities(await myData('per-fx-03', person('per-fx-03')))[0]!.ase;
      expect(own.map((r) => r.id)).to.deep.equal(['ASE-FX-03', 'ase-cert-fx-40']);
      for (const caller of [guardianOf('per-fx-03'), SUPPORT, { sub: 'per-fx-admin', roles: ['partner_admin'], partner: 'ase', scopes: [] } satisfies Caller]) {
        const result = await myData('per-fx-03', caller);
        expect({ errors: result.errors, records: entities(result)[0]!.ase }).to.deep.equal({ errors: undefined, records: own });
      }
    });

    it('refuses a stranger, an anonymous caller, another partner’s admin and a guardian of someone else with FORBIDDEN', async () => {
      const callers: Caller[] = [
        person('per-fx-02'),
        { sub: null, roles: [], scopes: [] },
        { sub: 'per-fx-admin', roles: ['partner_admin'], partner: 'icar', scopes: [] },
        guardianOf('per-fx-04'),
        { sub: 'per-fx-employer', roles: ['employer'], shopId: 'shp-fx-1', scopes: [] },
      ];
      for (const caller of callers) {
        const result = await myData('per-fx-01', caller);
        expect({ caller: caller.sub, ase: (result.data?._entities as Record<string, unknown>[])[0]!.ase, codes: (result.errors ?? []).map((e) => e.extensions?.code), paths: (result.errors ?? []).map((e) => e.path) }).to.deep.equal({
          caller: caller.sub,
          ase: null,
          codes: ['FORBIDDEN'],
          paths: [['_entities', 0, 'ase']],
        });
      }
    });

    it('costs the same few statements for several MyData representations as for one', async () => {
      const withCerts = (await fx.db.query(`SELECT DISTINCT person_id FROM certification ORDER BY person_id`)) as { person_id: string }[];
      const statementsFor = async (ids: string[]) => {
        fx.counter.reset();
        const result = await fx.run(MY_DATA, { representations: ids.map((personId) => ({ __typename: 'MyData', personId })) }, SUPPORT);
        const records = entities(result).reduce((n, e) => n + e!.ase.length, 0);
        return { errors: result.errors, entities: entities(result).length, nonEmpty: records > 0, statements: fx.counter.count };
      };
      const one = await statementsFor(['per-fx-01']);
      const many = await statementsFor([...withCerts.slice(0, 40).map((r) => r.person_id), 'per-fx-99']);
      // One statement for the certification table and one for the test catalogue, however many people.
      expect({ one, many }).to.deep.equal({
        one: { errors: undefined, entities: 1, nonEmpty: true, statements: 2 },
        many: { errors: undefined, entities: 41, nonEmpty: true, statements: 2 },
      });
    });
  });
}
