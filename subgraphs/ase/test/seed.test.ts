import { expect } from 'chai';
import { addDays, addYears } from '@talent-graph/platform';
import { buildWorld } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { CertificationEntity } from '../src/entities/CertificationEntity.ts';
import { ASE_TEST_CATALOGUE, credentialTitle } from '../src/rules/catalogue.ts';
import { certificationStatus, currentTestCodes } from '../src/rules/certification.ts';
import { masterStatuses } from '../src/rules/master.ts';
import { planAseSeed, type AseSeedPlan } from '../src/seed.ts';
import { createAseFixture, type AseFixture } from './fixtures.ts';

describe('ase seed plan', () => {
  const world = buildWorld(0.1);
  const plan = planAseSeed(world);
  const today = world.seedDate;
  const testByCode = new Map(ASE_TEST_CATALOGUE.map((t) => [t.code, t]));
  const personById = new Map(world.people.map((p) => [p.id, p]));
  const byPerson = new Map<string, CertificationEntity[]>();
  for (const c of plan.certifications) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);

  it('is deterministic: the same world gives the same rows', () => {
    const again = planAseSeed(buildWorld(0.1));
    const summary = (p: AseSeedPlan) => ({ certifications: p.certifications.length, serviceAreas: p.serviceAreas.length, accreditations: p.accreditations.length, first: p.certifications[0], last: p.certifications.at(-1) });
    expect(summary(again)).to.deep.equal(summary(plan));
    expect(again).to.deep.equal(plan);
  });

  it('issues one CredentialIssued per certification, with the ASE title and the same dates', () => {
    const expected = plan.certifications.map((c) => ({ id: c.id, personId: c.personId, issuer: 'ASE', title: credentialTitle(testByCode.get(c.testCode)!), earnedOn: c.earnedOn, expiresOn: c.expiresOn }));
    expect(plan.credentialEvents).to.deep.equal(expected);
    const a5 = plan.credentialEvents.find((e) => plan.certifications.find((c) => c.id === e.id)!.testCode === 'A5');
    expect(a5?.title).to.equal('ASE A5 Brakes');
  });

  it('certifies professionals only when 24 months are credited, and dates expiry from the test’s validity', () => {
    const problems = plan.certifications.filter((c) => {
      const test = testByCode.get(c.testCode)!;
      // In force through the anniversary; lapses the day after.
      const wrongExpiry = c.expiresOn !== addDays(addYears(c.earnedOn, test.validityYears), 1);
      const experienceShort = !test.entryLevel && c.experienceMonthsCredited < 24;
      const inFuture = c.earnedOn > today;
      return wrongExpiry || experienceShort || inFuture;
    });
    expect(problems).to.deep.equal([]);
  });

  it('certifies each discipline in its own series and gives Entry-Level only to students', () => {
    const seriesOf = (code: string) => testByCode.get(code)!.series;
    const mismatches = plan.certifications.filter((c) => {
      const person = personById.get(c.personId)!;
      const series = seriesOf(c.testCode);
      if (person.roles.includes('STUDENT')) return series !== 'ENTRY_LEVEL';
      if (series === 'ENTRY_LEVEL') return true;
      if (person.discipline === 'AUTOMOTIVE') return !['AUTOMOBILE', 'MAINTENANCE', 'SERVICE_CONSULTANT', 'ADVANCED'].includes(series);
      if (person.discipline === 'COLLISION') return series !== 'COLLISION';
      return !['TRUCK', 'AUTOMOBILE'].includes(series);
    });
    expect(mismatches).to.deep.equal([]);
  });

  it('has expired certifications never renewed, and renewals as new records inside the recertification window', () => {
    const byId = new Map(plan.certifications.map((c) => [c.id, c]));
    const renewed = new Set(plan.certifications.map((c) => c.renewalOf).filter((id) => id !== null));
    const expiredNotRenewed = plan.certifications.filter((c) => certificationStatus(c, today) === 'EXPIRED' && !renewed.has(c.id));
    const renewals = plan.certifications.filter((c) => c.renewalOf !== null);
    const badRenewals = renewals.filter((c) => {
      const old = byId.get(c.renewalOf!)!;
      return old.personId !== c.personId || old.testCode !== c.testCode || c.earnedOn >= old.expiresOn || c.earnedOn < addYears(old.expiresOn, -1);
    });
    expect({ someExpired: expiredNotRenewed.length > 20, someRenewed: renewals.length > 20, badRenewals }).to.deep.equal({ someExpired: true, someRenewed: true, badRenewals: [] });
  });

  it('makes about 15–20% of certified automotive technicians Masters (scale 1)', () => {
    const big = buildWorld(1);
    const bigPlan = planAseSeed(big);
    const certs = new Map<string, CertificationEntity[]>();
    for (const c of bigPlan.certifications) certs.set(c.personId, [...(certs.get(c.personId) ?? []), c]);
    const automotive = big.people.filter((p) => p.discipline === 'AUTOMOTIVE' && !p.roles.includes('STUDENT') && certs.has(p.id));
    const masters = automotive.filter((p) => masterStatuses(currentTestCodes(certs.get(p.id)!, big.seedDate))[0]!.achieved);
    expect(masters.length / automotive.length).to.be.within(0.15, 0.21);
  });

  it('gives Entry-Level certifications to about 40% of students and accredits about 60% of programs, some lapsed', () => {
    const students = world.people.filter((p) => p.roles.includes('STUDENT'));
    const studentShare = students.filter((p) => byPerson.has(p.id)).length / students.length;
    const accreditedPrograms = new Set(plan.accreditations.map((a) => a.programId));
    const latest = new Map<string, string>();
    for (const a of plan.accreditations) if ((latest.get(a.programId) ?? '') < a.expiresOn) latest.set(a.programId, a.expiresOn);
    const programShare = accreditedPrograms.size / world.programs.length;
    expect({
      students: studentShare > 0.3 && studentShare < 0.5,
      programs: programShare > 0.45 && programShare < 0.8,
      someLapsed: [...latest.values()].some((e) => e <= today),
      someCurrent: [...latest.values()].some((e) => e > today),
    }).to.deep.equal({ students: true, programs: true, someLapsed: true, someCurrent: true });
  });

  it('gives every shop service areas from its industry', () => {
    const industryOf = new Map(world.shops.map((s) => [s.id, s.industry]));
    const prefix = { AUTOMOTIVE: 'A', COLLISION: 'B', DIESEL: 'T' } as const;
    const wrong = plan.serviceAreas.filter((a) => !a.testCode.startsWith(prefix[industryOf.get(a.shopId)!]));
    expect({ shopsCovered: new Set(plan.serviceAreas.map((a) => a.shopId)).size, wrong }).to.deep.equal({ shopsCovered: world.shops.length, wrong: [] });
  });
});

for (const kind of databaseKinds()) {
  describe(`ase seed [${kind}]`, function () {
    let fx: AseFixture;
    before(async function () {
      fx = await createAseFixture(kind);
    });
    after(async () => {
      await fx.close();
    });

    it('writes exactly the planned rows and returns their counts and events', async () => {
      const plan = planAseSeed(fx.world);
      const firstRows = await fx.db.getRepository(CertificationEntity).find({ order: { id: 'ASC' }, take: 3 });
      expect({ counts: fx.seeded.counts, events: fx.seeded.credentialEvents?.length, firstRows }).to.deep.equal({
        counts: { ase_test: 51, certification: plan.certifications.length, shop_service_area: plan.serviceAreas.length, accreditation: plan.accreditations.length },
        events: plan.certifications.length,
        firstRows: plan.certifications.slice(0, 3),
      });
    });

    it('refuses a second certification of the same test on the same day (unique index)', async () => {
      const [first] = await fx.db.getRepository(CertificationEntity).find({ order: { id: 'ASC' }, take: 1 });
      let failed = false;
      try {
        await fx.db.getRepository(CertificationEntity).insert({ ...first!, id: 'ase-cert-dup' });
      } catch {
        failed = true;
      }
      expect({ failed, stored: await fx.db.getRepository(CertificationEntity).countBy({ id: 'ase-cert-dup' }) }).to.deep.equal({ failed: true, stored: 0 });
    });
  });
}
