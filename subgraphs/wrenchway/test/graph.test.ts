import { expect } from 'chai';
import { collisionCareersJobs } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { JobApplication } from '../src/entities/JobApplication.ts';
import { JobPost } from '../src/entities/JobPost.ts';
import { PayReport } from '../src/entities/PayReport.ts';
import { isUniqueViolation, type Caller } from '@talent-graph/platform';
import { In } from 'typeorm';
import { createFixture, FX_JOBS, FX_REPORTS, personCaller, type Fixture } from './support.ts';

const JOBS = `query Jobs($filter: JobFilter, $first: Int, $after: String) {
  jobs(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;
const ids = (data: unknown) => (data as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);

for (const kind of databaseKinds()) {
  describe(`wrenchway graph [${kind}]`, function () {
    let fx: Fixture;
    before(async function () {
      fx = await createFixture(kind);
    });
    after(async () => {
      await fx.close();
    });

    describe('Query.jobs', () => {
      it('ZIP + radius returns exactly the open jobs within the circle, newest first (ties by id desc)', async () => {
        const result = await fx.run(JOBS, { filter: { zip: '99501', radiusMiles: 10 } });
        expect(result.errors).to.equal(undefined);
        expect(ids(result.data!.jobs)).to.deep.equal(['job-fx-06', 'job-fx-01', 'job-fx-02']);
        expect((result.data!.jobs as { totalCount: number }).totalCount).to.equal(3);
      });

      it('a box corner inside the bounding box but beyond the radius is left out until the radius reaches it', async () => {
        const eleven = await fx.run(JOBS, { filter: { zip: '99501', radiusMiles: 11 } });
        expect(ids(eleven.data!.jobs)).to.deep.equal(['job-fx-06', 'job-fx-01', 'job-fx-02', 'job-fx-03']);
        const twelve = await fx.run(JOBS, { filter: { zip: '99501', radiusMiles: 12 } });
        expect(ids(twelve.data!.jobs)).to.deep.equal(['job-fx-06', 'job-fx-01', 'job-fx-02', 'job-fx-03', 'job-fx-04']);
      });

      it('pages a radius search with first/after and an exact totalCount', async () => {
        const first = await fx.run(JOBS, { filter: { zip: '99501', radiusMiles: 10 }, first: 2 });
        const page1 = first.data!.jobs as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } };
        expect([ids(page1), page1.totalCount, page1.pageInfo.hasNextPage]).to.deep.equal([['job-fx-06', 'job-fx-01'], 3, true]);
        const second = await fx.run(JOBS, { filter: { zip: '99501', radiusMiles: 10 }, first: 2, after: page1.pageInfo.endCursor });
        const page2 = second.data!.jobs as { totalCount: number; pageInfo: { hasNextPage: boolean } };
        expect([ids(page2), page2.totalCount, page2.pageInfo.hasNextPage]).to.deep.equal([['job-fx-02'], 3, false]);
      });

      it('filters by state and industry; openOnly: false adds closed jobs', async () => {
        const open = await fx.run(JOBS, { filter: { stateCode: 'AK', industry: 'COLLISION' } });
        expect(ids(open.data!.jobs)).to.deep.equal(['job-fx-06', 'job-fx-01', 'job-fx-03']);
        const all = await fx.run(JOBS, { filter: { stateCode: 'AK', industry: 'COLLISION', openOnly: false } });
        expect(ids(all.data!.jobs)).to.deep.equal(['job-fx-06', 'job-fx-01', 'job-fx-03', 'job-fx-05']);
      });

      it('filters by shop type and pages with the kit cursor', async () => {
        const first = await fx.run(JOBS, { filter: { stateCode: 'AK', shopType: 'FLEET' }, first: 1 });
        const page1 = first.data!.jobs as { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean } };
        expect([ids(page1), page1.totalCount, page1.pageInfo.hasNextPage]).to.deep.equal([['job-fx-04'], 2, true]);
        const second = await fx.run(JOBS, { filter: { stateCode: 'AK', shopType: 'FLEET' }, first: 1, after: page1.pageInfo.endCursor });
        expect(ids(second.data!.jobs)).to.deep.equal(['job-fx-07']);
      });

      it('nationwide search is newest first across the seed, every job open', async () => {
        const result = await fx.run(`{ jobs(first: 50) { totalCount edges { node { postedOn status id } } } }`);
        const nodes = (result.data!.jobs as { edges: { node: { postedOn: string; status: string; id: string } }[] }).edges.map((e) => e.node);
        const sorted = [...nodes].sort((a, b) => (a.postedOn === b.postedOn ? (a.id < b.id ? 1 : -1) : a.postedOn < b.postedOn ? 1 : -1));
        expect(nodes.map((n) => n.id)).to.deep.equal(sorted.map((n) => n.id));
        expect(new Set(nodes.map((n) => n.status))).to.deep.equal(new Set(['OPEN']));
      });

      it('a bad cursor is BAD_USER_INPUT naming after', async () => {
        for (const filter of [null, { zip: '99501', radiusMiles: 10 }]) {
          const result = await fx.run(JOBS, { filter, after: 'not-a-cursor' });
          expect(result.errors?.[0]?.extensions).to.deep.equal({ code: 'BAD_USER_INPUT', fields: [{ field: 'after', message: 'is not a cursor returned by this field' }] });
        }
      });

      it('an unknown ZIP, a bad radius and first over 100 are named together', async () => {
        const result = await fx.run(JOBS, { filter: { zip: '00000', radiusMiles: 501 }, first: 101 });
        expect(result.errors?.[0]?.extensions).to.deep.equal({
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'filter.radiusMiles', message: 'must be a whole number of miles from 1 to 500' },
            { field: 'first', message: 'must be an integer from 0 to 100' },
            { field: 'filter.zip', message: 'is not a known ZIP code' },
          ],
        });
      });

      it('analysts and partner admins page up to 5,000 jobs; anybody else up to 100', async () => {
        // More open jobs than a normal page holds (removed again below), or this would prove nothing.
        const extra = Array.from({ length: 120 }, (_, i) => ({ ...FX_JOBS[0]!, id: `job-bulk-${String(i).padStart(3, '0')}`, postedOn: '2026-01-01' }));
        await fx.db.getRepository(JobPost).insert(extra);
        try {
          await bulkPages();
        } finally {
          await fx.db.getRepository(JobPost).delete({ id: In(extra.map((j) => j.id)) });
        }
      });

      async function bulkPages(): Promise<void> {
        const total = await fx.db.getRepository(JobPost).countBy({ status: 'OPEN' });
        const pageOf = async (roles: Caller['roles'], first: number, filter: Record<string, unknown> | null = null) => {
          const result = await fx.run(JOBS, { filter, first }, { sub: 'per-00003', roles, scopes: [] });
          return result.errors ? result.errors[0]!.extensions : ids(result.data!.jobs).length;
        };
        const tooMany = (max: number) => ({ code: 'BAD_USER_INPUT', fields: [{ field: 'first', message: `must be an integer from 0 to ${max}` }] });
        expect({
          // More open jobs than a normal page holds, or the test would prove nothing.
          overNormalPage: total > 100,
          analyst: await pageOf(['analyst'], 5000),
          partnerAdmin: await pageOf(['partner_admin'], 5000),
          analystNearZip: await pageOf(['analyst'], 5000, { zip: '99501', radiusMiles: 10 }),
          analystOver: await pageOf(['analyst'], 5001),
          employer: await pageOf(['employer'], 101),
          anonymous: await pageOf([], 101),
        }).to.deep.equal({
          overNormalPage: true,
          analyst: Math.min(total, 5000),
          partnerAdmin: Math.min(total, 5000),
          analystNearZip: 123, // the 3 fixture jobs within 10 miles of 99501 and the 120 added there
          analystOver: tooMany(5000),
          employer: tooMany(100),
          anonymous: tooMany(100),
        });
      }
    });

    describe('Query.job and JobPost', () => {
      it('returns a job with its shop name, occupation, state and ASE tests', async () => {
        const result = await fx.run(`{ job(id: "job-fx-01") { id title shop { id name } occupation { socCode } state { code } requiredAseTests payMinHourlyUsd payMaxHourlyUsd experienceYearsMin industry city zip postedOn status source } }`);
        expect(result.data!.job).to.deep.equal({
          id: 'job-fx-01',
          title: 'Collision Technician 01',
          shop: { id: 'shp-fx-1', name: 'Northern Lights Collision #3' },
          occupation: { socCode: '49-3021' },
          state: { code: 'AK' },
          requiredAseTests: ['B2', 'B3'],
          payMinHourlyUsd: 24,
          payMaxHourlyUsd: 31.5,
          experienceYearsMin: 2,
          industry: 'COLLISION',
          city: 'Anchorage',
          zip: '99501',
          postedOn: '2026-08-30',
          status: 'OPEN',
          source: 'WRENCHWAY',
        });
      });

      it('is null for an unknown id', async () => {
        const result = await fx.run(`{ job(id: "job-nope") { id } }`);
        expect(result.data!.job).to.equal(null);
      });

      it('_entities resolves JobPost references in one statement, unknown ones as null', async () => {
        fx.counter.reset();
        const result = await fx.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on JobPost { id requiredAseTests shop { name } } } }`, {
          r: [{ __typename: 'JobPost', id: 'job-fx-03' }, { __typename: 'JobPost', id: 'job-nope' }, { __typename: 'JobPost', id: 'job-fx-02' }],
        });
        expect(result.data!._entities).to.deep.equal([{ id: 'job-fx-03', requiredAseTests: [], shop: { name: 'Northern Lights Collision #3' } }, null, { id: 'job-fx-02', requiredAseTests: ['A4', 'A5'], shop: { name: 'Midnight Sun Auto Repair' } }]);
        expect(fx.counter.count).to.equal(1);
      });
    });

    describe('Query.technicianPay', () => {
      const PAY = `query($q: PayQuery!) { technicianPay(query: $q) { sampleSize suppressed p25HourlyUsd medianHourlyUsd p75HourlyUsd medianAnnualUsd } }`;

      it('shows a cell of exactly 10 reports', async () => {
        const result = await fx.run(PAY, { q: { industry: 'DIESEL', zip: '99501', radiusMiles: 1 } });
        expect(result.data!.technicianPay).to.deep.equal({ sampleSize: 10, suppressed: false, p25HourlyUsd: 32.25, medianHourlyUsd: 34.5, p75HourlyUsd: 36.75, medianAnnualUsd: 71760 });
      });

      it('suppresses the same cell narrowed to 9 reports (years 1–9)', async () => {
        const result = await fx.run(PAY, { q: { industry: 'DIESEL', zip: '99501', radiusMiles: 1, maxYearsExperience: 9 } });
        expect(result.data!.technicianPay).to.deep.equal({ sampleSize: null, suppressed: true, p25HourlyUsd: null, medianHourlyUsd: null, p75HourlyUsd: null, medianAnnualUsd: null });
      });

      it('keeps the reports in memory, yet a write by any writer shows in the very next request', async () => {
        const cell = async () => (await fx.run(PAY, { q: { industry: 'DIESEL', zip: '99501', radiusMiles: 1 } })).data!.technicianPay as { sampleSize: number; medianHourlyUsd: number };
        expect((await cell()).sampleSize).to.equal(10);
        fx.counter.reset();
        fx.counter.keep = true;
        try {
          await cell();
          expect(fx.counter.statements.filter((sql) => /FROM pay_report/.test(sql)), 'reports read again though nothing changed').to.deep.equal([]);
        } finally {
          fx.counter.keep = false;
        }
        const reports = fx.db.getRepository(PayReport);
        await reports.insert({ ...FX_REPORTS[0]!, id: 'pay-fx-99', yearsExperience: 11, hourlyUsd: 40 });
        try {
          expect((await cell()).sampleSize, 'after an insert').to.equal(11);
          await reports.update({ id: 'pay-fx-99' }, { hourlyUsd: 10 });
          expect((await cell()).medianHourlyUsd, 'after an update').to.equal(34);
        } finally {
          await reports.delete({ id: 'pay-fx-99' });
        }
        expect(await cell(), 'after a delete').to.include({ sampleSize: 10, medianHourlyUsd: 34.5 });
      });

      it('filters by shop type within the radius', async () => {
        const result = await fx.run(PAY, { q: { industry: 'DIESEL', shopType: 'DEALER', zip: '99501', radiusMiles: 1 } });
        expect((result.data!.technicianPay as { suppressed: boolean }).suppressed).to.equal(true);
      });

      it('nationwide industry cells are shown; statewide and 50-mile seed cells mostly are too', async () => {
        const nationwide = await fx.run(PAY, { q: { industry: 'COLLISION' } });
        const cell = nationwide.data!.technicianPay as { suppressed: boolean; sampleSize: number; medianHourlyUsd: number };
        expect(cell.suppressed).to.equal(false);
        expect(cell.sampleSize).to.be.greaterThan(500);
        expect(cell.medianHourlyUsd).to.be.within(20, 35);
        const cities = ['43215', '48226', '60601', '77002'].filter((zip) => fx.world.zips.some((z) => z.zip === zip));
        for (const zip of cities) {
          const near = await fx.run(PAY, { q: { industry: 'AUTOMOTIVE', zip } });
          expect((near.data!.technicianPay as { suppressed: boolean }).suppressed, zip).to.equal(false);
        }
      });

      const BINNED = `query($q: PayQuery!) { technicianPay(query: $q) { sampleSize suppressed medianHourlyUsd radiusMilesUsed zipPrefixUsed yearsRangeUsed { min max } } }`;
      const pay = async (q: Record<string, unknown>) => (await fx.run(BINNED, { q: { industry: 'AUTOMOTIVE', zip: '99701', ...q } })).data!.technicianPay;
      const hidden = (radiusMilesUsed: number, min: number, max: number) => ({ sampleSize: null, suppressed: true, medianHourlyUsd: null, radiusMilesUsed, zipPrefixUsed: '997', yearsRangeUsed: { min, max } });
      const fairbanks = (radiusMilesUsed: number, min: number, max: number) => ({ sampleSize: 21, suppressed: false, medianHourlyUsd: 31, radiusMilesUsed, zipPrefixUsed: '997', yearsRangeUsed: { min, max } });

      it('reports the bins used: radius rounded up to a rung, years widened to whole bands, the ZIP3 region', async () => {
        const result = await fx.run(PAY.replace('medianAnnualUsd', 'medianAnnualUsd radiusMilesUsed zipPrefixUsed yearsRangeUsed { min max }'), { q: { industry: 'DIESEL', zip: '99503', radiusMiles: 1, minYearsExperience: 1, maxYearsExperience: 10 } });
        expect(result.data!.technicianPay).to.deep.equal({
          sampleSize: 10,
          suppressed: false,
          p25HourlyUsd: 32.25,
          medianHourlyUsd: 34.5,
          p75HourlyUsd: 36.75,
          medianAnnualUsd: 71760,
          radiusMilesUsed: 10,
          zipPrefixUsed: '995',
          yearsRangeUsed: { min: 0, max: 19 },
        });
      });

      it('differencing radius 9 vs 10 miles: the same rung, the same answer', async () => {
        expect([await pay({ radiusMiles: 9 }), await pay({ radiusMiles: 10 })]).to.deep.equal([hidden(10, 0, 60), hidden(10, 0, 60)]);
      });

      it('differencing radius 10 vs 25 miles (17 vs 21 people, used to isolate 4): the 10-mile cell is suppressed', async () => {
        expect([await pay({ radiusMiles: 10 }), await pay({ radiusMiles: 25 }), await pay({ radiusMiles: 24 })]).to.deep.equal([hidden(10, 0, 60), fairbanks(25, 0, 60), fairbanks(25, 0, 60)]);
      });

      it('differencing years 0–9 vs 0–10 (19 vs 21 people, used to isolate 2): 0–9 is suppressed, 0–10 reads 0–19 = every year', async () => {
        expect([await pay({ radiusMiles: 25, maxYearsExperience: 9 }), await pay({ radiusMiles: 25, maxYearsExperience: 10 }), await pay({ radiusMiles: 25 })]).to.deep.equal([
          hidden(25, 0, 9),
          fairbanks(25, 0, 19),
          fairbanks(25, 0, 60),
        ]);
      });

      it('differencing with and without a shop type (18 vs 21 people, used to isolate 3 dealers): the shop-type cell is suppressed', async () => {
        expect([await pay({ radiusMiles: 25, shopType: 'INDEPENDENT' }), await pay({ radiusMiles: 25 })]).to.deep.equal([hidden(25, 0, 60), fairbanks(25, 0, 60)]);
      });

      it('no pair of shown answers around Fairbanks differs by 1–9 people, whatever radius, years or shop type', async () => {
        const shown: number[] = [];
        for (const radiusMiles of [1, 10, 11, 24, 25, 26, 50, 100, 500])
          for (const [minYearsExperience, maxYearsExperience] of [[0, 60], [0, 9], [0, 10], [5, 5], [5, 60], [10, 60], [3, 12]])
            for (const shopType of [null, 'INDEPENDENT', 'DEALER']) {
              const cell = (await pay({ radiusMiles, minYearsExperience, maxYearsExperience, shopType })) as { sampleSize: number | null };
              if (cell.sampleSize !== null) shown.push(cell.sampleSize);
            }
        const near = [...new Set(shown)].sort((a, b) => a - b);
        expect(near).to.deep.equal([21]);
      });

      it('names an unknown ZIP and min above max', async () => {
        const result = await fx.run(PAY, { q: { industry: 'DIESEL', zip: '00000', minYearsExperience: 5, maxYearsExperience: 4 } });
        expect(result.errors?.[0]?.extensions).to.deep.equal({
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'query.minYearsExperience', message: 'must not exceed query.maxYearsExperience' },
            { field: 'query.zip', message: 'is not a known ZIP code' },
          ],
        });
      });
    });

    describe('Person (@requires homeZip, aseCurrentTestCodes, icarProLevels)', () => {
      const PERSON = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id
        jobMatches(radiusMiles: 10) { job { id } score missingAseTests distanceMiles }
        payOutlook { industry radiusMiles credentialTier current { sampleSize suppressed medianHourlyUsd p25HourlyUsd p75HourlyUsd medianAnnualUsd radiusMilesUsed zipPrefixUsed yearsRangeUsed { min max } } nextTier { suppressed sampleSize } } } } }`;
      const me = { __typename: 'Person', id: 'per-fx-01', homeZip: '99501', aseCurrentTestCodes: ['B2'], icarProLevels: [{ role: 'ESTIMATOR', level: 1 }] };

      it('ranks open jobs within the radius by fit and shows pay for the tier and one up', async () => {
        const result = await fx.run(PERSON, { r: [me] });
        expect(result.errors).to.equal(undefined);
        expect(result.data!._entities).to.deep.equal([
          {
            id: 'per-fx-01',
            jobMatches: [
              { job: { id: 'job-fx-01' }, score: 0.75, missingAseTests: ['B3'], distanceMiles: 0 },
              { job: { id: 'job-fx-06' }, score: 0.5, missingAseTests: ['B4'], distanceMiles: 0 },
              { job: { id: 'job-fx-02' }, score: 0.019, missingAseTests: ['A4', 'A5'], distanceMiles: 9.5 },
            ],
            payOutlook: {
              industry: 'COLLISION',
              radiusMiles: 50,
              credentialTier: 'CERTIFIED',
              // 10 CERTIFIED vs 13 of every tier within the same rung: showing it would let
              // all-tiers − CERTIFIED isolate the 3 MASTER reports, so it is suppressed.
              current: { sampleSize: null, suppressed: true, medianHourlyUsd: null, p25HourlyUsd: null, p75HourlyUsd: null, medianAnnualUsd: null, radiusMilesUsed: 50, zipPrefixUsed: '995', yearsRangeUsed: { min: 0, max: 60 } },
              nextTier: { suppressed: true, sampleSize: null },
            },
          },
        ]);
      });

      it('a MASTER has no next tier; no ProLevel means automotive', async () => {
        const master = { ...me, id: 'per-fx-02', aseCurrentTestCodes: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'], icarProLevels: [] };
        const result = await fx.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { payOutlook { industry credentialTier nextTier { suppressed } } } } }`, { r: [master] });
        expect(result.data!._entities).to.deep.equal([{ payOutlook: { industry: 'AUTOMOTIVE', credentialTier: 'MASTER', nextTier: null } }]);
      });

      it('an unknown home ZIP matches nothing', async () => {
        const result = await fx.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { jobMatches { score } } } }`, { r: [{ ...me, homeZip: '00000' }] });
        expect(result.data!._entities).to.deep.equal([{ jobMatches: [] }]);
      });

      it('uses the same number of SQL statements for 5 people as for 50', async () => {
        const people = fx.world.people.filter((p) => p.roles.includes('TECHNICIAN')).slice(0, 50);
        const reps = people.map((p, i) => ({ __typename: 'Person', id: p.id, homeZip: p.homeZip, aseCurrentTestCodes: i % 2 ? ['A4', 'A5'] : ['B2'], icarProLevels: i % 3 ? [] : [{ role: 'REFINISH_TECHNICIAN', level: 1 }] }));
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { jobMatches(first: 3) { score job { id shop { name } } } payOutlook { current { suppressed } } } } }`;
        fx.counter.reset();
        const five = await fx.run(query, { r: reps.slice(0, 5) });
        const fiveCount = fx.counter.count;
        fx.counter.reset();
        const fifty = await fx.run(query, { r: reps });
        const fiftyCount = fx.counter.count;
        expect(five.errors).to.equal(undefined);
        expect(fifty.errors).to.equal(undefined);
        expect((fifty.data!._entities as { jobMatches: unknown[] }[]).filter((p) => p.jobMatches.length > 0).length).to.be.greaterThan(40);
        // ZIPs, open jobs near, the kept matches' rows, ZIP3 regions, pay reports by industry.
        expect([fiveCount, fiftyCount]).to.deep.equal([5, 5]);
      });

      it('jobApplications: the person sees them, another caller gets null and FORBIDDEN', async () => {
        const applicant = await fx.db.getRepository(JobApplication).findOne({ where: {}, order: { id: 'ASC' } });
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { jobApplications { id job { id } applicant { id } } } } }`;
        const expected = await fx.db.getRepository(JobApplication).find({ where: { personId: applicant!.personId }, order: { appliedOn: 'DESC', id: 'DESC' } });
        const own = await fx.run(query, { r: [{ __typename: 'Person', id: applicant!.personId }] }, personCaller(applicant!.personId));
        expect(own.data!._entities).to.deep.equal([{ jobApplications: expected.map((a) => ({ id: a.id, job: { id: a.jobId }, applicant: { id: a.personId } })) }]);
        const other = await fx.run(query, { r: [{ __typename: 'Person', id: applicant!.personId }] }, personCaller('per-someone-else'));
        expect(other.data!._entities).to.deep.equal([{ jobApplications: null }]);
        expect(other.errors?.map((e) => e.extensions?.code)).to.deep.equal(['FORBIDDEN']);
      });
    });

    describe('Shop, School and State', () => {
      it('Shop: jobs (open by default, or all) and School Assist links', async () => {
        const result = await fx.run(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { id open: jobs { totalCount edges { node { id } } } all: jobs(openOnly: false, first: 2) { totalCount pageInfo { hasNextPage } edges { node { id } } } schoolAssistLinks { id school { id } annualFeeUsd since } } } }`,
          { r: [{ __typename: 'Shop', id: 'shp-fx-1' }, { __typename: 'Shop', id: 'shp-fx-3' }] },
        );
        expect(result.errors).to.equal(undefined);
        expect(result.data!._entities).to.deep.equal([
          {
            id: 'shp-fx-1',
            open: { totalCount: 3, edges: [{ node: { id: 'job-fx-06' } }, { node: { id: 'job-fx-01' } }, { node: { id: 'job-fx-03' } }] },
            all: { totalCount: 4, pageInfo: { hasNextPage: true }, edges: [{ node: { id: 'job-fx-06' } }, { node: { id: 'job-fx-01' } }] },
            schoolAssistLinks: [{ id: 'sal-fx-1', school: { id: 'sch-fx-1' }, annualFeeUsd: 750, since: '2025-01-15' }],
          },
          { id: 'shp-fx-3', open: { totalCount: 2, edges: [{ node: { id: 'job-fx-04' } }, { node: { id: 'job-fx-07' } }] }, all: { totalCount: 2, pageInfo: { hasNextPage: false }, edges: [{ node: { id: 'job-fx-04' } }, { node: { id: 'job-fx-07' } }] }, schoolAssistLinks: [] },
        ]);
      });

      it('Shop.jobs pages with after', async () => {
        const query = `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Shop { jobs(first: 2, after: $after) { pageInfo { endCursor hasNextPage } edges { node { id } } } } } }`;
        const r = [{ __typename: 'Shop', id: 'shp-fx-1' }];
        const first = await fx.run(query, { r });
        const page1 = (first.data!._entities as { jobs: { pageInfo: { endCursor: string } } }[])[0]!.jobs;
        const second = await fx.run(query, { r, after: page1.pageInfo.endCursor });
        expect((second.data!._entities as { jobs: unknown }[])[0]!.jobs).to.deep.equal({ pageInfo: { endCursor: (second.data!._entities as { jobs: { pageInfo: { endCursor: string } } }[])[0]!.jobs.pageInfo.endCursor, hasNextPage: false }, edges: [{ node: { id: 'job-fx-03' } }] });
      });

      it('Shop and School lists cost the same statements for 5 shops as for 50', async () => {
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { jobs(first: 2) { totalCount edges { node { id } } } schoolAssistLinks { id } } ... on School { schoolAssistLinks { shop { id } } } } }`;
        const reps = (n: number) => [...fx.world.shops.slice(0, n).map((s) => ({ __typename: 'Shop', id: s.id })), ...fx.world.schools.slice(0, n).map((s) => ({ __typename: 'School', id: s.id }))];
        fx.counter.reset();
        await fx.run(query, { r: reps(3) });
        const few = fx.counter.count;
        fx.counter.reset();
        const many = await fx.run(query, { r: reps(24) });
        expect(many.errors).to.equal(undefined);
        expect([few, fx.counter.count]).to.deep.equal([4, 4]);
      });

      it('School: its School Assist links', async () => {
        const result = await fx.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on School { schoolAssistLinks { id shop { id } since annualFeeUsd } } } }`, { r: [{ __typename: 'School', id: 'sch-fx-1' }] });
        expect(result.data!._entities).to.deep.equal([
          {
            schoolAssistLinks: [
              { id: 'sal-fx-2', shop: { id: 'shp-fx-2' }, since: '2026-02-01', annualFeeUsd: 1000 },
              { id: 'sal-fx-1', shop: { id: 'shp-fx-1' }, since: '2025-01-15', annualFeeUsd: 750 },
            ],
          },
        ]);
      });

      it('State: open jobs by industry, statewide pay shown or suppressed', async () => {
        const result = await fx.run(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on State { code jobs(industry: DIESEL) { totalCount edges { node { id } } } pay(industry: DIESEL) { sampleSize medianHourlyUsd } dealer: pay(industry: DIESEL, shopType: DEALER) { suppressed sampleSize } } } }`,
          { r: [{ __typename: 'State', code: 'AK' }] },
        );
        expect(result.data!._entities).to.deep.equal([
          { code: 'AK', jobs: { totalCount: 2, edges: [{ node: { id: 'job-fx-04' } }, { node: { id: 'job-fx-07' } }] }, pay: { sampleSize: 10, medianHourlyUsd: 34.5 }, dealer: { suppressed: true, sampleSize: null } },
        ]);
      });

      it('State.pay uses the same path: all shop types shown, a shop type 3 people short of it suppressed', async () => {
        const result = await fx.run(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on State { all: pay(industry: AUTOMOTIVE) { sampleSize medianHourlyUsd radiusMilesUsed yearsRangeUsed { min max } } independent: pay(industry: AUTOMOTIVE, shopType: INDEPENDENT) { suppressed sampleSize } } } }`,
          { r: [{ __typename: 'State', code: 'AK' }] },
        );
        expect(result.data!._entities).to.deep.equal([
          { all: { sampleSize: 21, medianHourlyUsd: 31, radiusMilesUsed: null, yearsRangeUsed: { min: 0, max: 60 } }, independent: { suppressed: true, sampleSize: null } },
        ]);
      });

      it('State: statewide seed cells by industry are shown in every world state', async () => {
        const reps = fx.world.states.map((s) => ({ __typename: 'State', code: s.code }));
        const result = await fx.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on State { collision: pay(industry: COLLISION) { suppressed } diesel: pay(industry: DIESEL) { suppressed } jobs(first: 1) { totalCount } } } }`, { r: reps });
        const states = result.data!._entities as { collision: { suppressed: boolean }; diesel: { suppressed: boolean }; jobs: { totalCount: number } }[];
        expect(states.filter((s) => s.collision.suppressed || s.diesel.suppressed)).to.deep.equal([]);
        const openByState = await Promise.all(fx.world.states.map((s) => fx.db.getRepository(JobPost).countBy({ stateCode: s.code, status: 'OPEN' })));
        expect(states.map((s) => s.jobs.totalCount)).to.deep.equal(openByState);
        expect(openByState.reduce((a, b) => a + b, 0)).to.be.greaterThan(90);
      });
    });

    describe('Query.collisionCareersJobs', () => {
      const CC = `query($state: String, $first: Int, $after: String) { collisionCareersJobs(stateCode: $state, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title stateCode city postedOn shop { id } } } } }`;
      const expectedOrder = (stateCode?: string) =>
        collisionCareersJobs(fx.world)
          .filter((j) => !stateCode || j.stateCode === stateCode)
          .sort((a, b) => (a.postedOn === b.postedOn ? (a.id < b.id ? 1 : -1) : a.postedOn < b.postedOn ? 1 : -1))
          .map((j) => ({ id: j.id, title: j.title, stateCode: j.stateCode, city: j.city, postedOn: j.postedOn, shop: { id: j.shopId } }));

      it('pages through the world list, newest first, every job exactly once', async () => {
        const seen: unknown[] = [];
        let after: string | null = null;
        for (;;) {
          const result = await fx.run(CC, { first: 4, after });
          const page = result.data!.collisionCareersJobs as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: unknown }[] };
          expect(page.totalCount).to.equal(expectedOrder().length);
          seen.push(...page.edges.map((e) => e.node));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).to.deep.equal(expectedOrder());
      });

      it('filters by state', async () => {
        const state = collisionCareersJobs(fx.world)[0]!.stateCode;
        const result = await fx.run(CC, { state, first: 100 });
        expect((result.data!.collisionCareersJobs as { edges: { node: unknown }[] }).edges.map((e) => e.node)).to.deep.equal(expectedOrder(state));
      });
    });

    describe('Mutation.applyToJob', () => {
      const APPLY = `mutation($input: ApplyToJobInput!) { applyToJob(input: $input) { id job { id } applicant { id } appliedOn status note } }`;
      const count = () => fx.db.getRepository(JobApplication).count();

      it('applies: SUBMITTED today with the note', async () => {
        const before = await count();
        const result = await fx.run(APPLY, { input: { jobId: 'job-fx-03', personId: 'per-fx-09', note: '  I have B2 and my own tools.  ' } }, personCaller('per-fx-09'));
        expect(result.errors).to.equal(undefined);
        const application = result.data!.applyToJob as { id: string };
        expect(application.id).to.match(/^app-[0-9a-f-]{36}$/);
        expect({ ...application, id: 'x' }).to.deep.equal({ id: 'x', job: { id: 'job-fx-03' }, applicant: { id: 'per-fx-09' }, appliedOn: '2026-09-01', status: 'SUBMITTED', note: 'I have B2 and my own tools.' });
        expect(await count()).to.equal(before + 1);
      });

      it('a second application to the same job is CONFLICT and writes nothing', async () => {
        const before = await count();
        const result = await fx.run(APPLY, { input: { jobId: 'job-fx-03', personId: 'per-fx-09' } }, personCaller('per-fx-09'));
        expect([result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message]).to.deep.equal(['CONFLICT', 'You have already applied to job job-fx-03']);
        expect(await count()).to.equal(before);
      });

      it('the unique index stops a double insert that skipped the check', async () => {
        const repo = fx.db.getRepository(JobApplication);
        const row = { jobId: 'job-fx-03', personId: 'per-fx-09', appliedOn: '2026-09-01', status: 'SUBMITTED', note: null };
        let caught: unknown;
        try {
          await repo.insert({ id: 'app-fx-dup', ...row });
        } catch (error) {
          caught = error;
        }
        expect(isUniqueViolation(caught)).to.equal(true);
      });

      it('a closed job is CONFLICT, an unknown job NOT_FOUND; nothing written', async () => {
        const before = await count();
        const closed = await fx.run(APPLY, { input: { jobId: 'job-fx-05', personId: 'per-fx-09' } }, personCaller('per-fx-09'));
        const missing = await fx.run(APPLY, { input: { jobId: 'job-nope', personId: 'per-fx-09' } }, personCaller('per-fx-09'));
        expect([closed.errors?.[0]?.extensions?.code, missing.errors?.[0]?.extensions?.code]).to.deep.equal(['CONFLICT', 'NOT_FOUND']);
        expect(await count()).to.equal(before);
      });

      it('anonymous is UNAUTHENTICATED; a guardian applying for a ward is FORBIDDEN', async () => {
        const before = await count();
        const anonymous = await fx.run(APPLY, { input: { jobId: 'job-fx-01', personId: 'per-fx-10' } });
        const guardian = await fx.run(APPLY, { input: { jobId: 'job-fx-01', personId: 'per-fx-10' } }, personCaller('per-fx-11', { roles: ['guardian'], wards: ['per-fx-10'] }));
        expect([anonymous.errors?.[0]?.extensions?.code, guardian.errors?.[0]?.extensions?.code]).to.deep.equal(['UNAUTHENTICATED', 'FORBIDDEN']);
        expect(await count()).to.equal(before);
      });

      it('bad input names each field (validation comes before identity); nothing written', async () => {
        const before = await count();
        const result = await fx.run(APPLY, { input: { jobId: '', personId: '  ', note: 'n'.repeat(2001) } });
        expect(result.errors?.[0]?.extensions).to.deep.equal({
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'input.jobId', message: 'must not be empty' },
            { field: 'input.personId', message: 'must not be empty' },
            { field: 'input.note', message: 'must be at most 2000 characters' },
          ],
        });
        expect(await count()).to.equal(before);
      });
    });
  });
}
