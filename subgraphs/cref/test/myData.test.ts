import { expect } from 'chai';
import { databaseKinds } from '@talent-graph/platform/testing';
import type { DataRecord } from '@talent-graph/platform';
import { IsNull, Not } from 'typeorm';
import { DonationClaim } from '../src/entities/DonationClaim.ts';
import { Scholarship } from '../src/entities/Scholarship.ts';
import { caller, codes, run, startCref, type TestSubgraph } from './helpers.ts';

const Q = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on MyData { personId cref { subgraph kind id summary recordedAt } } } }';
const rep = (personId: string) => ({ __typename: 'MyData', personId });
type Entity = { personId: string; cref: DataRecord[] };

for (const kind of databaseKinds()) {
  describe(`cref myData [${kind}]`, function () {
    let sg: TestSubgraph;
    /** A student with scholarships, and a person who claimed donations for a school. */
    let student: string;
    let claimer: string;

    /** What the tables hold about a person, counted by direct queries (not through the loaders). */
    async function held(personId: string) {
      return {
        Scholarship: await sg.db.getRepository(Scholarship).countBy({ personId }),
        DonationClaim: await sg.db.getRepository(DonationClaim).countBy({ claimedBy: personId }),
      };
    }
    const countKinds = (records: DataRecord[]) => ({
      Scholarship: records.filter((r) => r.kind === 'Scholarship').length,
      DonationClaim: records.filter((r) => r.kind === 'DonationClaim').length,
    });

    before(async function () {
      sg = await startCref(kind);
      student = (await sg.db.getRepository(Scholarship).find({ order: { id: 'ASC' }, take: 1 }))[0]!.personId;
      claimer = (await sg.db.getRepository(DonationClaim).find({ where: { claimedBy: Not(IsNull()) }, order: { id: 'ASC' }, take: 1 }))[0]!.claimedBy!;
    });
    after(async () => sg.stop());

    it('a student sees exactly their scholarships, and nobody else’s rows', async () => {
      const r = await run(sg, Q, { reps: [rep(student)] }, caller({ sub: student, roles: ['student'] }));
      expect(codes(r)).to.deep.equal([]);
      const [own] = r.data!._entities as Entity[];
      const expected = await held(student);
      expect(expected.Scholarship).to.be.greaterThan(0);
      expect(countKinds(own!.cref)).to.deep.equal(expected);
      expect(own!.cref.length).to.equal(expected.Scholarship + expected.DonationClaim);
      const ids = (await sg.db.getRepository(Scholarship).findBy({ personId: student })).map((s) => s.id).sort();
      expect(own!.cref.filter((x) => x.kind === 'Scholarship').map((x) => x.id).sort()).to.deep.equal(ids);
      for (const record of own!.cref) {
        expect(record.subgraph).to.equal('cref');
        expect(record.summary).to.be.a('string').and.not.equal('');
      }
    });

    it('a person who claimed donations sees exactly those claims, with their dates', async () => {
      const r = await run(sg, Q, { reps: [rep(claimer)] }, caller({ sub: claimer, roles: ['instructor'] }));
      expect(codes(r)).to.deep.equal([]);
      const [own] = r.data!._entities as Entity[];
      const expected = await held(claimer);
      expect(expected.DonationClaim).to.be.greaterThan(0);
      expect(countKinds(own!.cref)).to.deep.equal(expected);
      const claims = await sg.db.getRepository(DonationClaim).findBy({ claimedBy: claimer });
      const listed = own!.cref.filter((x) => x.kind === 'DonationClaim');
      expect(listed.map((x) => x.id).sort()).to.deep.equal(claims.map((c) => c.id).sort());
      for (const record of listed) expect(record.recordedAt).to.equal(claims.find((c) => c.id === record.id)!.claimedOn);
    });

    it('a person CREF holds nothing about gets an empty list', async () => {
      const r = await run(sg, Q, { reps: [rep('per-nobody')] }, caller({ sub: 'per-nobody', roles: ['student'] }));
      expect(codes(r)).to.deep.equal([]);
      expect(r.data!._entities).to.deep.equal([{ personId: 'per-nobody', cref: [] }]);
    });

    it('a stranger, an anonymous caller and another partner’s admin get FORBIDDEN', async () => {
      const reps = [rep(student)];
      const stranger = await run(sg, Q, { reps }, caller({ sub: 'per-00002', roles: ['employer'] }));
      expect(codes(stranger)).to.deep.equal(['FORBIDDEN']);
      expect(stranger.errors![0]!.path).to.deep.equal(['_entities', 0, 'cref']);
      expect(JSON.stringify(stranger.data)).not.to.include('Scholarship');
      expect(codes(await run(sg, Q, { reps }))).to.deep.equal(['FORBIDDEN']);
      expect(codes(await run(sg, Q, { reps }, caller({ roles: ['partner_admin'], partner: 'wrenchway' })))).to.deep.equal(['FORBIDDEN']);
      // Being someone's guardian gives no access to a different person.
      expect(codes(await run(sg, Q, { reps }, caller({ sub: 'per-00003', roles: ['guardian'], wards: ['per-00004'] })))).to.deep.equal(['FORBIDDEN']);
    });

    it('support, a guardian (from the token’s wards) and CREF admins can read', async () => {
      const reps = [rep(student)];
      const expected = await held(student);
      for (const who of [caller({ roles: ['support'] }), caller({ sub: 'per-00003', roles: ['guardian'], wards: [student] }), caller({ roles: ['partner_admin'], partner: 'cref' })]) {
        const r = await run(sg, Q, { reps }, who);
        expect(codes(r)).to.deep.equal([]);
        expect(countKinds((r.data!._entities as Entity[])[0]!.cref)).to.deep.equal(expected);
      }
    });

    it('_entities with many MyData representations costs a constant number of statements', async () => {
      const scholars = [...new Set((await sg.db.getRepository(Scholarship).find({ order: { id: 'ASC' } })).map((s) => s.personId))];
      const claimers = [...new Set((await sg.db.getRepository(DonationClaim).find({ where: { claimedBy: Not(IsNull()) }, order: { id: 'ASC' } })).map((c) => c.claimedBy!))];
      const few = [student, claimer];
      const many = [...new Set([...scholars.slice(0, 15), ...claimers.slice(0, 15), 'per-nobody'])];
      expect(many.length).to.be.greaterThan(few.length + 5);
      const support = caller({ roles: ['support'] });

      sg.counter.reset();
      const small = await run(sg, Q, { reps: few.map(rep) }, support);
      const smallCount = sg.counter.count;
      sg.counter.reset();
      const large = await run(sg, Q, { reps: many.map(rep) }, support);
      const largeCount = sg.counter.count;

      expect(codes(small)).to.deep.equal([]);
      expect(codes(large)).to.deep.equal([]);
      // scholarships by person, claims by claimer, the claimed offers: one statement each.
      expect(smallCount).to.equal(3);
      expect(largeCount).to.equal(3);
      const entities = large.data!._entities as Entity[];
      expect(entities.map((e) => e.personId)).to.deep.equal(many);
      for (const e of entities) expect(countKinds(e.cref)).to.deep.equal(await held(e.personId));
    });
  });
}
