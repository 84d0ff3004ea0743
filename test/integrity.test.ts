import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { addDays } from '@talent-graph/platform';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { countRows, fixtureApprenticeship, fixtureJob, fixtureOffer, removeFixtures, fixtureSchool } from './support/fixtures.ts';
import { devCaller, ROOT, type GraphQLResponse, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Integrity under concurrency, through the gateway, without idempotency keys: racing requests
 * never over-allocate an offer, never apply twice to one job, never log one day twice. Every
 * refused request answers CONFLICT and leaves nothing behind.
 */

const operation = (name: string): string => readFileSync(`${ROOT}schema/operations/${name}.graphql`, 'utf8');
const codesOf = (results: GraphQLResponse[]) => results.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.code));

for (const kind of databaseKinds()) {
  describe(`integrity under concurrency through the gateway [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(120_000);
      stack = await sharedStack(kind);
    });
    after(() => removeFixtures(stack));

    it('60 concurrent claims of 1–3 units by 4 schools on an offer of 25 never allocate more than 25', async () => {
      const schools = ['sch-int-1', 'sch-int-2', 'sch-int-3', 'sch-int-4'];
      for (const s of schools) await fixtureSchool(stack, s);
      await fixtureOffer(stack, 'cref-offer-int-1', 25);
      const crefAdmin = devCaller({ user: 'per-int-cref', roles: ['partner_admin'], partner: 'cref' });
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => stack.query(operation('claimDonation'), { input: { offerId: 'cref-offer-int-1', schoolId: schools[i % 4], quantity: (i % 3) + 1 } }, crefAdmin)),
      );
      const granted = results.filter((r) => !r.errors).map((r) => r.data.claimDonation.quantity as number);
      const total = granted.reduce((a, b) => a + b, 0);
      expect(total).to.be.at.most(25);
      // A claim is refused only when fewer units remain than it asks (at most 3), so at most 2 stay unclaimed.
      expect(total).to.be.at.least(23);
      expect(new Set(codesOf(results))).to.deep.equal(new Set(['CONFLICT']));
      expect(results.filter((r) => r.errors).every((r) => r.data === null)).to.equal(true);
      const offer = await stack.query('{ donationOffer(id: "cref-offer-int-1") { quantity quantityClaimed claims { quantity } } }');
      const claims = offer.data.donationOffer.claims as { quantity: number }[];
      expect({ quantity: offer.data.donationOffer.quantity, quantityClaimed: offer.data.donationOffer.quantityClaimed, claims: claims.length, units: claims.reduce((s, c) => s + c.quantity, 0) }).to.deep.equal({
        quantity: 25,
        quantityClaimed: total,
        claims: granted.length,
        units: total,
      });
    });

    it('20 identical applications racing: one is accepted, 19 are CONFLICT, one row exists', async () => {
      await fixtureJob(stack, 'job-int-1');
      const jose = devCaller({ user: 'per-int-applicant', roles: ['student'] });
      const results = await Promise.all(Array.from({ length: 20 }, () => stack.query(operation('applyToJob'), { input: { jobId: 'job-int-1', personId: 'per-int-applicant', note: 'Racing' } }, jose)));
      expect(results.filter((r) => !r.errors).length).to.equal(1);
      expect(codesOf(results)).to.deep.equal(Array.from({ length: 19 }, () => 'CONFLICT'));
      expect(await countRows(stack, 'wrenchway', 'JobApplication', { jobId: 'job-int-1' })).to.equal(1);
    });

    it('20 hour logs for one day and apprenticeship racing: one is accepted, 19 are CONFLICT, one row exists', async () => {
      await fixtureApprenticeship(stack, 'apr-int-1', 'per-int-apprentice');
      const apprentice = devCaller({ user: 'per-int-apprentice', roles: ['student'] });
      const input = { apprenticeshipId: 'apr-int-1', workedOn: addDays(SEED_DATE, -3), hours: 6, activity: 'Racing the log' };
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stack.query(operation('logApprenticeshipHours'), { input: { ...input, hours: 4 + (i % 4) } }, apprentice)));
      expect(results.filter((r) => !r.errors).length).to.equal(1);
      expect(codesOf(results)).to.deep.equal(Array.from({ length: 19 }, () => 'CONFLICT'));
      expect(await countRows(stack, 'icar', 'ApprenticeshipHourLog', { apprenticeshipId: 'apr-int-1' })).to.equal(1);
    });
  });
}
