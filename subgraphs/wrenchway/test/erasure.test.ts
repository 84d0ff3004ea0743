import { expect } from 'chai';
import type { Caller, DataRecord } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { JobApplication } from '../src/entities/JobApplication.ts';
import { PayReport } from '../src/entities/PayReport.ts';
import { createFixture, personCaller, type Fixture } from './support.ts';

const ERASE = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on ErasureReceipt { id personId wrenchway { subgraph erased anonymised kept } } }
}`;
const MY_DATA = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on MyData { personId wrenchway { kind id } } } }`;

const receipt = (id: string, personId: string) => ({ __typename: 'ErasureReceipt', id, personId });
const guardianOf = (...wards: string[]): Caller => personCaller('per-fx-guardian', { roles: ['guardian'], wards });
const SUPPORT: Caller = { sub: 'per-fx-support', roles: ['support'], scopes: [] };
const WRENCHWAY_ADMIN: Caller = { sub: 'per-fx-admin', roles: ['partner_admin'], partner: 'wrenchway', scopes: [] };
const ANONYMOUS: Caller = { sub: null, roles: [], scopes: [] };

for (const kind of databaseKinds()) {
  describe(`wrenchway erasure [${kind}]`, function () {
    let fx: Fixture;
    /** Two applicants from the seed, each with at least two applications. */
    let alice: string;
    let bob: string;
    before(async function () {
      fx = await createFixture(kind);
      const counts = (await fx.db
        .getRepository(JobApplication)
        .createQueryBuilder('a')
        .select('a.personId', 'personId')
        .addSelect('COUNT(*)', 'n')
        .groupBy('a.personId')
        .having('COUNT(*) >= 2')
        .orderBy('a.personId', 'ASC')
        .getRawMany()) as { personId: string }[];
      expect(counts.length).to.be.greaterThan(3);
      alice = counts[0]!.personId;
      bob = counts[1]!.personId;
    });
    after(async () => {
      await fx.close();
    });

    /** Every application row, read directly (not through the subgraph's loaders). */
    const allRows = () => fx.db.getRepository(JobApplication).find({ order: { id: 'ASC' } });
    /** Rows still carrying the person's id, by plain SQL on the column. */
    async function carrying(personId: string): Promise<number> {
      const placeholder = kind === 'postgres' ? '$1' : '?';
      const rows = (await fx.db.query(`SELECT COUNT(*) AS n FROM job_application WHERE person_id = ${placeholder}`, [personId])) as { n: number | string }[];
      return Number(rows[0]!.n);
    }
    async function myData(personId: string): Promise<DataRecord[]> {
      const result = await fx.run(MY_DATA, { r: [{ __typename: 'MyData', personId }] }, personCaller(personId));
      expect(result.errors).to.equal(undefined);
      return (result.data!._entities as { wrenchway: DataRecord[] }[])[0]!.wrenchway;
    }

    it('the person: every application is deleted, the counts match the rows removed, MyData then lists nothing', async () => {
      const before = await allRows();
      const theirs = before.filter((a) => a.personId === alice);
      expect(theirs.length).to.be.at.least(2);
      expect((await myData(alice)).map((r) => r.id).sort()).to.deep.equal(theirs.map((a) => a.id).sort());

      const result = await fx.run(ERASE, { r: [receipt('era-fx-1', alice)] }, personCaller(alice));
      expect(result.errors).to.equal(undefined);
      expect(result.data!._entities).to.deep.equal([
        { id: 'era-fx-1', personId: alice, wrenchway: { subgraph: 'wrenchway', erased: theirs.length, anonymised: 0, kept: [] } },
      ]);

      const after = await allRows();
      expect(after.length).to.equal(before.length - theirs.length);
      expect(await carrying(alice)).to.equal(0);
      expect(await myData(alice)).to.deep.equal([]);
      // Everyone else's rows are exactly as they were.
      expect(after).to.deep.equal(before.filter((a) => a.personId !== alice));
    });

    it('a second request erases 0 and changes nothing', async () => {
      const before = await allRows();
      const result = await fx.run(ERASE, { r: [receipt('era-fx-2', alice)] }, personCaller(alice));
      expect(result.errors).to.equal(undefined);
      expect(result.data!._entities).to.deep.equal([{ id: 'era-fx-2', personId: alice, wrenchway: { subgraph: 'wrenchway', erased: 0, anonymised: 0, kept: [] } }]);
      expect(await allRows()).to.deep.equal(before);
    });

    it('Pay Tool reports carry no person id and are left untouched', async () => {
      const reports = await fx.db.getRepository(PayReport).find({ order: { id: 'ASC' } });
      const theirs = (await allRows()).filter((a) => a.personId === bob).length;
      const result = await fx.run(ERASE, { r: [receipt('era-fx-3', bob)] }, personCaller(bob));
      expect(result.data!._entities).to.deep.equal([{ id: 'era-fx-3', personId: bob, wrenchway: { subgraph: 'wrenchway', erased: theirs, anonymised: 0, kept: [] } }]);
      expect(await fx.db.getRepository(PayReport).find({ order: { id: 'ASC' } })).to.deep.equal(reports);
      expect(await carrying(bob)).to.equal(0);
    });

    it('a guardian erases a minor’s applications', async () => {
      const ward = 'per-fx-ward';
      await fx.db.getRepository(JobApplication).insert([
        { id: 'app-fx-ward-1', jobId: 'job-fx-01', personId: ward, appliedOn: '2026-08-31', status: 'SUBMITTED', note: null },
        { id: 'app-fx-ward-2', jobId: 'job-fx-03', personId: ward, appliedOn: '2026-08-31', status: 'IN_REVIEW', note: 'After school only' },
      ]);
      const before = await allRows();
      const result = await fx.run(ERASE, { r: [receipt('era-fx-4', ward)] }, guardianOf(ward));
      expect(result.errors).to.equal(undefined);
      expect(result.data!._entities).to.deep.equal([{ id: 'era-fx-4', personId: ward, wrenchway: { subgraph: 'wrenchway', erased: 2, anonymised: 0, kept: [] } }]);
      expect(await carrying(ward)).to.equal(0);
      expect(await allRows()).to.deep.equal(before.filter((a) => a.personId !== ward));
    });

    it('a stranger, support, WrenchWay’s admin, a guardian of someone else and anonymous get FORBIDDEN; nothing is written', async () => {
      const victim = (await fx.db.getRepository(JobApplication).findOne({ where: {}, order: { id: 'DESC' } }))!.personId;
      const before = await allRows();
      expect(before.filter((a) => a.personId === victim).length).to.be.greaterThan(0);
      for (const caller of [personCaller('per-fx-stranger'), SUPPORT, WRENCHWAY_ADMIN, guardianOf('per-fx-other'), ANONYMOUS]) {
        const result = await fx.run(ERASE, { r: [receipt('era-fx-5', victim)] }, caller);
        expect(result.errors?.map((e) => [e.extensions?.code, e.path])).to.deep.equal([['FORBIDDEN', ['_entities', 0, 'wrenchway']]]);
        expect((result.data!._entities as { wrenchway: unknown }[]).map((e) => e.wrenchway)).to.deep.equal([null]);
      }
      expect(await allRows()).to.deep.equal(before);
    });
  });
}
