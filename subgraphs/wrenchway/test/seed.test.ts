import { migrate } from '@talent-graph/platform';
import { buildWorld, collisionCareersJobs } from '@talent-graph/platform/demo';
import { createTestDatabase, databaseKinds } from '@talent-graph/platform/testing';
import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { JobApplication } from '../src/entities/JobApplication.ts';
import { JobPost } from '../src/entities/JobPost.ts';
import { PayReport } from '../src/entities/PayReport.ts';
import { SchoolAssistLink } from '../src/entities/SchoolAssistLink.ts';
import { openDatabase, seed } from '../src/server.ts';
import { SCHOOL_ASSIST_MIN_ANNUAL_FEE_USD } from '../src/rules/config.ts';

async function seededDatabase(kind: 'sqlite' | 'postgres', scale: number) {
  const created = await createTestDatabase(kind);
  const db = openDatabase(created.target('wrenchway'));
  await db.initialize();
  await migrate(db);
  const result = await seed(db, buildWorld(scale));
  return { db, result };
}

for (const kind of databaseKinds()) {
  describe(`wrenchway seed [${kind}]`, function () {
    let a: DataSource;
    let b: DataSource;
    let counts: Record<string, number>;
    let countsAgain: Record<string, number>;
    const world = buildWorld(1);
    before(async function () {
      const first = await seededDatabase(kind, 1);
      const second = await seededDatabase(kind, 1);
      a = first.db;
      b = second.db;
      counts = first.result.counts;
      countsAgain = second.result.counts;
    });
    after(async () => {
      await a.destroy();
      await b.destroy();
    });

    it('is deterministic: same world, same counts and same rows', async () => {
      expect(countsAgain).to.deep.equal(counts);
      const firstRows = async (db: DataSource) => ({
        jobs: await db.getRepository(JobPost).find({ order: { id: 'ASC' }, take: 5 }),
        reports: await db.getRepository(PayReport).find({ order: { id: 'DESC' }, take: 5 }),
        applications: await db.getRepository(JobApplication).find({ order: { id: 'ASC' }, take: 5 }),
      });
      expect(await firstRows(b)).to.deep.equal(await firstRows(a));
    });

    it('writes at least 1,000 job posts at scale 1, about 80% open, posted in the last 180 days', async () => {
      expect(counts.job_post).to.be.at.least(1000);
      const repo = a.getRepository(JobPost);
      const open = await repo.countBy({ status: 'OPEN' });
      expect(open / counts.job_post!).to.be.within(0.75, 0.88);
      const oldest = await repo.find({ order: { postedOn: 'ASC' }, take: 1 });
      expect(oldest[0]!.postedOn >= '2026-03-05').to.equal(true);
    });

    it('pays realistic hourly rates by line of work', async () => {
      const rows = (await a.query(`SELECT industry, MIN(pay_min_hourly_usd) AS lo, MAX(pay_max_hourly_usd) AS hi FROM job_post GROUP BY industry ORDER BY industry`)) as { industry: string; lo: number; hi: number }[];
      expect(rows.map((r) => r.industry)).to.deep.equal(['AUTOMOTIVE', 'COLLISION', 'DIESEL']);
      for (const r of rows) {
        const band = r.industry === 'DIESEL' ? [22, 50] : [18, 45];
        expect([Number(r.lo) >= band[0]!, Number(r.hi) <= band[1]!], r.industry).to.deep.equal([true, true]);
      }
    });

    it('copies the Collision Careers board both as its own table and as COLLISION_CAREERS job posts', async () => {
      const list = collisionCareersJobs(world);
      expect(counts.collision_careers_job).to.equal(list.length);
      expect(await a.getRepository(JobPost).countBy({ source: 'COLLISION_CAREERS' })).to.equal(list.length);
    });

    it('applicants are adult technicians or students; School Assist links stay in the state and cost ≥ $750', async () => {
      const people = new Map(world.people.map((p) => [p.id, p]));
      const applications = await a.getRepository(JobApplication).find();
      expect(applications.length).to.be.greaterThan(300);
      expect(applications.every((app) => {
        const p = people.get(app.personId)!;
        return (p.roles.includes('TECHNICIAN') || p.roles.includes('STUDENT')) && p.birthDate <= '2008-09-01';
      })).to.equal(true);
      const schools = new Map(world.schools.map((s) => [s.id, s]));
      const shops = new Map(world.shops.map((s) => [s.id, s]));
      const links = await a.getRepository(SchoolAssistLink).find();
      expect(links.length).to.be.greaterThan(40);
      expect(links.filter((l) => schools.get(l.schoolId)!.stateCode !== shops.get(l.shopId)!.stateCode || l.annualFeeUsd < SCHOOL_ASSIST_MIN_ANNUAL_FEE_USD)).to.deep.equal([]);
    });
  });
}
