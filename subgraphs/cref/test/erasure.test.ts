import { expect } from 'chai';
import { databaseKinds } from '@talent-graph/platform/testing';
import type { DataRecord } from '@talent-graph/platform';
import { DonationClaim } from '../src/entities/DonationClaim.ts';
import { Scholarship } from '../src/entities/Scholarship.ts';
import { caller, codes, run, startCref, type TestSubgraph } from './helpers.ts';

const ERASE = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ErasureReceipt { id personId cref { subgraph erased anonymised kept } } } }';
const MY_DATA = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on MyData { personId cref { subgraph kind id } } } }';
const TOTALS = '{ crefTotals { year grantCount grantsUsd donationClaimCount donationValueUsd scholarshipCount scholarshipsUsd } }';
const receipt = (personId: string, id = `era-${personId}`) => ({ __typename: 'ErasureReceipt', id, personId });
type Outcome = { subgraph: string; erased: number; anonymised: number; kept: string[] };
type Receipt = { id: string; personId: string; cref: Outcome };

for (const kind of databaseKinds()) {
  describe(`cref erasure [${kind}]`, function () {
    let sg: TestSubgraph;

    /** Every scholarship and claim row, by id, read directly from the tables. */
    async function snapshot() {
      const scholarships = await sg.db.getRepository(Scholarship).find({ order: { id: 'ASC' } });
      const claims = await sg.db.getRepository(DonationClaim).find({ order: { id: 'ASC' } });
      return { scholarships, claims };
    }
    async function held(personId: string) {
      return {
        scholarships: await sg.db.getRepository(Scholarship).countBy({ personId }),
        claims: await sg.db.getRepository(DonationClaim).countBy({ claimedBy: personId }),
      };
    }
    async function erase(personId: string, who = caller({ sub: personId, roles: ['student'] })) {
      const r = await run(sg, ERASE, { reps: [receipt(personId)] }, who);
      return { r, outcome: r.errors ? undefined : (r.data!._entities as Receipt[])[0]!.cref };
    }
    async function myData(personId: string): Promise<DataRecord[]> {
      const r = await run(sg, MY_DATA, { reps: [{ __typename: 'MyData', personId }] }, caller({ sub: personId, roles: ['student'] }));
      expect(codes(r)).to.deep.equal([]);
      return (r.data!._entities as { cref: DataRecord[] }[])[0]!.cref;
    }
    /** Checks that only `personId`'s rows changed, and only in the person column, to 'erased'. */
    function expectOnlyAnonymised(before: Awaited<ReturnType<typeof snapshot>>, after: Awaited<ReturnType<typeof snapshot>>, personId: string) {
      expect(after.scholarships.map((s) => s.id)).to.deep.equal(before.scholarships.map((s) => s.id));
      expect(after.claims.map((c) => c.id)).to.deep.equal(before.claims.map((c) => c.id));
      before.scholarships.forEach((s, i) => expect(after.scholarships[i]).to.deep.equal(s.personId === personId ? { ...s, personId: 'erased' } : s));
      before.claims.forEach((c, i) => expect(after.claims[i]).to.deep.equal(c.claimedBy === personId ? { ...c, claimedBy: 'erased' } : c));
    }
    const totals = async () => {
      const r = await run(sg, TOTALS);
      expect(codes(r)).to.deep.equal([]);
      return r.data!.crefTotals;
    };

    /** Distinct scholarship students and claimers, in id order, chosen so the tests never share a person. */
    let students: string[];
    let claimers: string[];

    before(async function () {
      sg = await startCref(kind);
      const { scholarships, claims } = await snapshot();
      claimers = [...new Set(claims.filter((c) => c.claimedBy !== null).map((c) => c.claimedBy!))];
      students = [...new Set(scholarships.map((s) => s.personId))].filter((p) => !claimers.includes(p));
      expect(students.length).to.be.greaterThan(3);
      expect(claimers.length).to.be.greaterThan(1);
    });
    after(async () => sg.stop());

    it('a student’s scholarships are anonymised, not deleted: MyData lists nothing and totals do not change', async () => {
      const student = students[0]!;
      const own = await held(student);
      expect(own.scholarships).to.be.greaterThan(0);
      const [before, totalsBefore] = [await snapshot(), await totals()];

      const { r, outcome } = await erase(student);
      expect(codes(r)).to.deep.equal([]);
      expect((r.data!._entities as Receipt[])[0]).to.include({ id: `era-${student}`, personId: student });
      expect(outcome).to.include({ subgraph: 'cref', erased: 0, anonymised: own.scholarships + own.claims });
      expect(outcome!.kept).to.have.length(1);
      expect(outcome!.kept[0]).to.match(/scholarship/i).and.to.include('erased');

      expect(await held(student)).to.deep.equal({ scholarships: 0, claims: 0 });
      expect(await myData(student)).to.deep.equal([]);
      const after = await snapshot();
      expectOnlyAnonymised(before, after, student);
      expect(after.scholarships.filter((s) => s.personId === 'erased').length - before.scholarships.filter((s) => s.personId === 'erased').length).to.equal(own.scholarships);
      expect(await totals()).to.deep.equal(totalsBefore);
    });

    it('a claimer’s donation claims keep the school’s claim but lose the claimer', async () => {
      const claimer = claimers[0]!;
      const own = await held(claimer);
      expect(own.claims).to.be.greaterThan(0);
      const [before, totalsBefore] = [await snapshot(), await totals()];

      const { r, outcome } = await erase(claimer, caller({ sub: claimer, roles: ['instructor'] }));
      expect(codes(r)).to.deep.equal([]);
      expect(outcome).to.include({ subgraph: 'cref', erased: 0, anonymised: own.scholarships + own.claims });
      expect(outcome!.kept.some((line) => /donation claim/i.test(line) && line.includes('erased'))).to.equal(true);

      expect(await held(claimer)).to.deep.equal({ scholarships: 0, claims: 0 });
      expect(await myData(claimer)).to.deep.equal([]);
      const after = await snapshot();
      expectOnlyAnonymised(before, after, claimer);
      expect(after.claims.filter((c) => c.claimedBy === 'erased').length - before.claims.filter((c) => c.claimedBy === 'erased').length).to.equal(own.claims);
      expect(await totals()).to.deep.equal(totalsBefore);
    });

    it('a guardian may erase a ward’s records', async () => {
      const ward = students[1]!;
      const own = await held(ward);
      const before = await snapshot();
      const { r, outcome } = await erase(ward, caller({ sub: 'per-00003', roles: ['guardian'], wards: [ward] }));
      expect(codes(r)).to.deep.equal([]);
      expect(outcome).to.include({ erased: 0, anonymised: own.scholarships + own.claims });
      expect(await held(ward)).to.deep.equal({ scholarships: 0, claims: 0 });
      expectOnlyAnonymised(before, await snapshot(), ward);
    });

    it('a second request erases and anonymises nothing', async () => {
      const student = students[2]!;
      const first = await erase(student);
      expect(first.outcome!.anonymised).to.be.greaterThan(0);
      const before = await snapshot();
      const second = await erase(student);
      expect(codes(second.r)).to.deep.equal([]);
      expect(second.outcome).to.deep.equal({ subgraph: 'cref', erased: 0, anonymised: 0, kept: [] });
      expect(await snapshot()).to.deep.equal(before);
    });

    it('a person CREF holds nothing about gets an empty outcome', async () => {
      const { r, outcome } = await erase('per-nobody');
      expect(codes(r)).to.deep.equal([]);
      expect(outcome).to.deep.equal({ subgraph: 'cref', erased: 0, anonymised: 0, kept: [] });
    });

    it('asking to erase the placeholder "erased" changes nothing', async () => {
      const before = await snapshot();
      expect(before.scholarships.some((s) => s.personId === 'erased')).to.equal(true);
      const { r, outcome } = await erase('erased');
      expect(codes(r)).to.deep.equal([]);
      expect(outcome).to.deep.equal({ subgraph: 'cref', erased: 0, anonymised: 0, kept: [] });
      expect(await snapshot()).to.deep.equal(before);
    });

    it('a stranger, support, a CREF admin, another guardian and an anonymous caller get FORBIDDEN and nothing is written', async () => {
      const student = students[3]!;
      const claimer = claimers[1]!;
      const before = await snapshot();
      expect((await held(student)).scholarships).to.be.greaterThan(0);
      const callers = [
        caller({ sub: 'per-00002', roles: ['employer'] }),
        caller({ roles: ['support'] }),
        caller({ roles: ['partner_admin'], partner: 'cref' }),
        caller({ sub: 'per-00003', roles: ['guardian'], wards: ['per-00004'] }),
        undefined,
      ];
      for (const who of callers) {
        const r = await run(sg, ERASE, { reps: [receipt(student), receipt(claimer)] }, who);
        expect(codes(r)).to.deep.equal(['FORBIDDEN', 'FORBIDDEN']);
        expect(r.errors!.map((e) => e.path)).to.deep.equal([
          ['_entities', 0, 'cref'],
          ['_entities', 1, 'cref'],
        ]);
      }
      expect(await snapshot()).to.deep.equal(before);
    });
  });
}
