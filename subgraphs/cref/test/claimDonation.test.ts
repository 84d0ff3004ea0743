import { expect } from 'chai';
import type { Caller } from '@talent-graph/platform';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { DonationClaim } from '../src/entities/DonationClaim.ts';
import { DonationOffer } from '../src/entities/DonationOffer.ts';
import { SchoolRef } from '../src/entities/SchoolRef.ts';
import { SchoolRequest } from '../src/entities/SchoolRequest.ts';
import { caller, codes, run, startCref, type Result, type TestSubgraph } from './helpers.ts';

const CLAIM = `mutation($input: ClaimDonationInput!) {
  claimDonation(input: $input) {
    quantity valueUsd claimedOn school { id }
    offer { id quantityClaimed quantityRemaining status }
    fulfilledRequest { id status }
  }
}`;

for (const kind of databaseKinds()) {
  describe(`cref claimDonation [${kind}]`, function () {
    let sg: TestSubgraph;
    let schoolA: SchoolRef;
    let schoolB: SchoolRef;
    let adminA: Caller;
    let instructorA: Caller;
    const crefAdmin = caller({ sub: 'per-90003', roles: ['partner_admin'], partner: 'cref' });
    let made = 0;

    /** A fresh offer for one test, so tests do not depend on each other's claims. */
    async function makeOffer(over: Partial<DonationOffer>): Promise<DonationOffer> {
      made += 1;
      const offer: DonationOffer = {
        id: `test-offer-${made}`,
        donorId: 'cref-donor-001',
        title: 'Test offer',
        category: 'TOOLS',
        unitValueUsd: 250,
        quantity: 10,
        quantityClaimed: 0,
        splittable: true,
        offeredOn: '2026-08-01',
        ...over,
      };
      await sg.db.getRepository(DonationOffer).insert(offer);
      return offer;
    }

    /** Everything a claim writes: claims, claimed units, fulfilled requests. */
    async function snapshot() {
      const offers = await sg.db.getRepository(DonationOffer).find();
      return {
        claims: await sg.db.getRepository(DonationClaim).count(),
        unitsClaimed: offers.reduce((s, o) => s + o.quantityClaimed, 0),
        fulfilled: await sg.db.getRepository(SchoolRequest).countBy({ status: 'FULFILLED' }),
      };
    }

    async function expectRefused(input: Record<string, unknown>, who: Caller, code: string): Promise<Result> {
      const before = await snapshot();
      const r = await run(sg, CLAIM, { input }, who);
      expect(codes(r)).to.deep.equal([code]);
      expect(r.data).to.equal(null);
      expect(await snapshot()).to.deep.equal(before);
      return r;
    }

    before(async function () {
      sg = await startCref(kind);
      [schoolA, schoolB] = await sg.db.getRepository(SchoolRef).find({ order: { id: 'ASC' }, take: 2 }) as [SchoolRef, SchoolRef];
      adminA = caller({ sub: 'per-90001', roles: ['school_admin'], schoolId: schoolA.id });
      instructorA = caller({ sub: 'per-90002', roles: ['instructor'], schoolId: schoolA.id });
    });
    after(async () => sg.stop());

    it('a school admin claims a non-splittable offer whole; it becomes CLAIMED and meets the request', async () => {
      const offer = await makeOffer({ category: 'EQUIPMENT', title: 'Frame straightening system', unitValueUsd: 45_000, quantity: 1, splittable: false });
      await sg.db.getRepository(SchoolRequest).insert({ id: 'test-req-1', schoolId: schoolA.id, category: 'EQUIPMENT', description: 'Frame machine', quantity: 1, requestedOn: '2000-01-01', status: 'OPEN' });
      const r = await run(sg, CLAIM, { input: { offerId: offer.id, schoolId: schoolA.id, quantity: 1 } }, adminA);
      expect(r.errors).to.equal(undefined);
      expect(r.data!.claimDonation).to.deep.equal({
        quantity: 1,
        valueUsd: 45_000,
        claimedOn: SEED_DATE,
        school: { id: schoolA.id },
        offer: { id: offer.id, quantityClaimed: 1, quantityRemaining: 0, status: 'CLAIMED' },
        fulfilledRequest: { id: 'test-req-1', status: 'FULFILLED' },
      });
      const row = await sg.db.getRepository(DonationClaim).findOneByOrFail({ offerId: offer.id });
      expect([row.stateCode, row.claimedBy, row.requestId]).to.deep.equal([schoolA.stateCode, 'per-90001', 'test-req-1']);
    });

    it('a splittable offer is shared by two schools until it is claimed out', async () => {
      const offer = await makeOffer({ quantity: 10, unitValueUsd: 249.5 });
      const first = await run(sg, CLAIM, { input: { offerId: offer.id, schoolId: schoolA.id, quantity: 4 } }, instructorA);
      expect((first.data!.claimDonation as { offer: unknown }).offer).to.deep.equal({ id: offer.id, quantityClaimed: 4, quantityRemaining: 6, status: 'OPEN' });
      const second = await run(sg, CLAIM, { input: { offerId: offer.id, schoolId: schoolB.id, quantity: 6 } }, crefAdmin);
      expect(second.data!.claimDonation).to.deep.include({ quantity: 6, valueUsd: 1497, school: { id: schoolB.id } });
      expect((second.data!.claimDonation as { offer: unknown }).offer).to.deep.equal({ id: offer.id, quantityClaimed: 10, quantityRemaining: 0, status: 'CLAIMED' });
      const claims = await run(sg, 'query($id: ID!) { donationOffer(id: $id) { claims { quantity school { id } } } }', { id: offer.id });
      expect((claims.data!.donationOffer as { claims: unknown[] }).claims).to.have.deep.members([
        { quantity: 4, school: { id: schoolA.id } },
        { quantity: 6, school: { id: schoolB.id } },
      ]);
    });

    it('claiming more than remains is a CONFLICT with the remaining quantity; nothing is written', async () => {
      const offer = await makeOffer({ quantity: 5, quantityClaimed: 3 });
      const r = await expectRefused({ offerId: offer.id, schoolId: schoolA.id, quantity: 3 }, adminA, 'CONFLICT');
      expect(r.errors![0]!.extensions).to.deep.include({ code: 'CONFLICT', reason: 'EXCEEDS_REMAINING', remaining: 2 });
    });

    it('a part of a non-splittable offer is a CONFLICT (NOT_SPLITTABLE); nothing is written', async () => {
      const offer = await makeOffer({ quantity: 3, splittable: false, category: 'VEHICLE' });
      const r = await expectRefused({ offerId: offer.id, schoolId: schoolA.id, quantity: 2 }, adminA, 'CONFLICT');
      expect(r.errors![0]!.extensions).to.deep.include({ reason: 'NOT_SPLITTABLE', remaining: 3 });
      expect(r.errors![0]!.message).to.equal('This offer is not splittable: claim all 3 unit(s) or none');
    });

    it('an exhausted offer is a CONFLICT (ALREADY_CLAIMED, remaining 0); nothing is written', async () => {
      const offer = await makeOffer({ quantity: 2, quantityClaimed: 2 });
      const r = await expectRefused({ offerId: offer.id, schoolId: schoolA.id, quantity: 1 }, adminA, 'CONFLICT');
      expect(r.errors![0]!.extensions).to.deep.include({ reason: 'ALREADY_CLAIMED', remaining: 0 });
    });

    it('names every bad field with BAD_USER_INPUT, before any other check; nothing is written', async () => {
      const r = await expectRefused({ offerId: '  ', schoolId: '', quantity: 0 }, caller({ sub: null }), 'BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.fields).to.deep.equal([
        { field: 'input.offerId', message: 'must be a donation offer id' },
        { field: 'input.schoolId', message: 'must be a school id' },
        { field: 'input.quantity', message: 'must be at least 1' },
      ]);
      const negative = await expectRefused({ offerId: 'cref-offer-00001', schoolId: schoolA.id, quantity: -2 }, adminA, 'BAD_USER_INPUT');
      expect(negative.errors![0]!.extensions!.fields).to.deep.equal([{ field: 'input.quantity', message: 'must be at least 1' }]);
    });

    it('an anonymous caller is UNAUTHENTICATED; nothing is written', async () => {
      const offer = await makeOffer({});
      await expectRefused({ offerId: offer.id, schoolId: schoolA.id, quantity: 1 }, caller({ sub: null }), 'UNAUTHENTICATED');
    });

    it('another school\'s instructor, a student and another partner\'s admin are FORBIDDEN; nothing is written', async () => {
      const offer = await makeOffer({});
      const input = { offerId: offer.id, schoolId: schoolA.id, quantity: 1 };
      await expectRefused(input, caller({ roles: ['instructor'], schoolId: schoolB.id }), 'FORBIDDEN');
      await expectRefused(input, caller({ roles: ['student'], schoolId: schoolA.id }), 'FORBIDDEN');
      await expectRefused(input, caller({ roles: ['partner_admin'], partner: 'icar' }), 'FORBIDDEN');
      await expectRefused(input, caller({ roles: ['employer'], shopId: 'shp-0001' }), 'FORBIDDEN');
    });

    it('an unknown school or offer is NOT_FOUND; nothing is written', async () => {
      const offer = await makeOffer({});
      const school = await expectRefused({ offerId: offer.id, schoolId: 'sch-9999', quantity: 1 }, crefAdmin, 'NOT_FOUND');
      expect(school.errors![0]!.message).to.equal('School sch-9999 does not exist');
      const missing = await expectRefused({ offerId: 'cref-offer-99999', schoolId: schoolA.id, quantity: 1 }, adminA, 'NOT_FOUND');
      expect(missing.errors![0]!.message).to.equal('Donation offer cref-offer-99999 does not exist');
    });

    it('60 concurrent claims of 1 unit on an offer of 5 allocate exactly 5', async () => {
      const offer = await makeOffer({ quantity: 5 });
      const input = { offerId: offer.id, schoolId: schoolA.id, quantity: 1 };
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => run(sg, CLAIM, { input }, i % 2 ? adminA : crefAdmin)));
      const ok = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect([ok.length, refused.length]).to.deep.equal([5, 55]);
      expect(new Set(refused.flatMap(codes))).to.deep.equal(new Set(['CONFLICT']));
      const row = await sg.db.getRepository(DonationOffer).findOneByOrFail({ id: offer.id });
      const claims = await sg.db.getRepository(DonationClaim).findBy({ offerId: offer.id });
      expect({ claimed: row.quantityClaimed, claims: claims.length, units: claims.reduce((s, c) => s + c.quantity, 0) }).to.deep.equal({ claimed: 5, claims: 5, units: 5 });
    });

    it('concurrent claims of a whole non-splittable offer by different schools: exactly one wins', async () => {
      const offer = await makeOffer({ quantity: 2, splittable: false, category: 'VEHICLE', unitValueUsd: 15_000 });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => run(sg, CLAIM, { input: { offerId: offer.id, schoolId: i % 2 ? schoolA.id : schoolB.id, quantity: 2 } }, crefAdmin)),
      );
      expect(results.filter((r) => !r.errors).length).to.equal(1);
      const claims = await sg.db.getRepository(DonationClaim).findBy({ offerId: offer.id });
      expect(claims.map((c) => [c.quantity, c.valueUsd])).to.deep.equal([[2, 30_000]]);
    });

    it('a claim shows up in the school\'s claims and totals for the year', async () => {
      const q = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { crefTotals(year: 2026) { donationClaimCount donationValueUsd } donationClaims { id claimedOn } } } }';
      const reps = [{ __typename: 'School', id: schoolB.id }];
      const before = ((await run(sg, q, { reps })).data!._entities as { crefTotals: { donationClaimCount: number; donationValueUsd: number }; donationClaims: { id: string }[] }[])[0]!;
      const offer = await makeOffer({ unitValueUsd: 1_234.25 });
      await run(sg, CLAIM, { input: { offerId: offer.id, schoolId: schoolB.id, quantity: 2 } }, crefAdmin);
      const after = ((await run(sg, q, { reps })).data!._entities as (typeof before & { donationClaims: { claimedOn: string }[] })[])[0]!;
      expect(after.crefTotals).to.deep.equal({
        donationClaimCount: before.crefTotals.donationClaimCount + 1,
        donationValueUsd: Math.round((before.crefTotals.donationValueUsd + 2_468.5) * 100) / 100,
      });
      expect(after.donationClaims.length).to.equal(before.donationClaims.length + 1);
      expect(after.donationClaims[0]!.claimedOn).to.equal(SEED_DATE);
    });

    it('a second claim in the same request shows in the totals that claim answers with', async () => {
      const year = Number(SEED_DATE.slice(0, 4));
      const count = async () => {
        const r = await run(sg, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { crefTotals(year: ${year}) { donationClaimCount } } } }`, { reps: [{ __typename: 'School', id: schoolB.id }] });
        return (r.data!._entities as { crefTotals: { donationClaimCount: number } }[])[0]!.crefTotals.donationClaimCount;
      };
      const [shared, second] = [await makeOffer({}), await makeOffer({})];
      await run(sg, CLAIM, { input: { offerId: shared.id, schoolId: schoolB.id, quantity: 1 } }, crefAdmin);
      const before = await count();
      // The first claim's answer reads school B's totals (all years); the second claim then adds one for B.
      const r = await run(
        sg,
        `mutation($a: ClaimDonationInput!, $b: ClaimDonationInput!) {
          a: claimDonation(input: $a) { offer { claims { school { id crefTotals { donationClaimCount } } } } }
          b: claimDonation(input: $b) { school { crefTotals(year: ${year}) { donationClaimCount } } }
        }`,
        { a: { offerId: shared.id, schoolId: schoolA.id, quantity: 1 }, b: { offerId: second.id, schoolId: schoolB.id, quantity: 1 } },
        crefAdmin,
      );
      expect(r.errors).to.equal(undefined);
      expect((r.data!.b as { school: { crefTotals: { donationClaimCount: number } } }).school.crefTotals.donationClaimCount).to.equal(before + 1);
      expect(await count()).to.equal(before + 1);
    });
  });
}
