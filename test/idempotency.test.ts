import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { addDays } from '@talent-graph/platform';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { countRows, fixtureApprenticeship, fixtureCourse, fixtureJob, fixtureOffer, removeFixtures, fixturePerson, fixtureSchool } from './support/fixtures.ts';
import { devCaller, ROOT, type GraphQLResponse, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Idempotency keys on every mutation, through the gateway: a retry with the same key returns the
 * first result and writes once; the same key with other input is CONFLICT
 * (IDEMPOTENCY_KEY_REUSED) and writes nothing; 20 concurrent requests with one key write once
 * and all answer the same result. Each case works on records made for it (test/support/fixtures.ts).
 */

const operation = (name: string): string => readFileSync(`${ROOT}schema/operations/${name}.graphql`, 'utf8');

interface MutationCase {
  name: string;
  document: string;
  /** Makes the records variant `n` needs and returns its caller, its input, another input and a row count. */
  prepare(stack: Stack, n: number): Promise<{ caller: Record<string, string>; variables: Record<string, unknown>; other: Record<string, unknown>; written(): Promise<number> }>;
}

const CASES: MutationCase[] = [
  {
    name: 'claimDonation',
    document: operation('claimDonation'),
    async prepare(stack, n) {
      const school = `sch-idem-${n}`;
      const offer = `cref-offer-idem-${n}`;
      await fixtureSchool(stack, school);
      await fixtureOffer(stack, offer, 100);
      return {
        caller: devCaller({ user: `per-idem-claim-${n}`, roles: ['instructor'], school }),
        variables: { input: { offerId: offer, schoolId: school, quantity: 1 } },
        other: { input: { offerId: offer, schoolId: school, quantity: 2 } },
        written: () => countRows(stack, 'cref', 'DonationClaim', { offerId: offer }),
      };
    },
  },
  {
    name: 'applyToJob',
    document: operation('applyToJob'),
    async prepare(stack, n) {
      const job = `job-idem-${n}`;
      const person = `per-idem-apply-${n}`;
      await fixtureJob(stack, job);
      return {
        caller: devCaller({ user: person, roles: ['student'] }),
        variables: { input: { jobId: job, personId: person, note: 'First note' } },
        other: { input: { jobId: job, personId: person, note: 'A different note' } },
        written: () => countRows(stack, 'wrenchway', 'JobApplication', { jobId: job }),
      };
    },
  },
  {
    name: 'enrollInCourse',
    document: operation('enrollInCourse'),
    async prepare(stack, n) {
      const course = `icar-crs-IDEM${n}`;
      const otherCourse = `icar-crs-IDEMX${n}`;
      const person = `per-idem-enroll-${n}`;
      await fixtureCourse(stack, course, `IDEM${n}`);
      await fixtureCourse(stack, otherCourse, `IDEMX${n}`);
      return {
        caller: devCaller({ user: person, roles: ['student'] }),
        variables: { input: { personId: person, courseId: course } },
        other: { input: { personId: person, courseId: otherCourse } },
        written: () => countRows(stack, 'icar', 'CourseEnrollment', { personId: person }),
      };
    },
  },
  {
    name: 'logApprenticeshipHours',
    document: operation('logApprenticeshipHours'),
    async prepare(stack, n) {
      const apprenticeship = `apr-idem-${n}`;
      const person = `per-idem-hours-${n}`;
      await fixtureApprenticeship(stack, apprenticeship, person);
      return {
        caller: devCaller({ user: person, roles: ['student'] }),
        variables: { input: { apprenticeshipId: apprenticeship, workedOn: addDays(SEED_DATE, -1), hours: 8, activity: 'Frame measuring' } },
        other: { input: { apprenticeshipId: apprenticeship, workedOn: addDays(SEED_DATE, -2), hours: 8, activity: 'Frame measuring' } },
        written: () => countRows(stack, 'icar', 'ApprenticeshipHourLog', { apprenticeshipId: apprenticeship }),
      };
    },
  },
  ...(['grantConsent', 'withdrawConsent'] as const).map(
    (name): MutationCase => ({
      name,
      document: operation(name),
      async prepare(stack, n) {
        const person = `per-idem-${name === 'grantConsent' ? 'g' : 'w'}-${n}`;
        await fixturePerson(stack, person);
        // A withdrawal only writes when something is granted: grant both purposes first.
        if (name === 'withdrawConsent') {
          for (const purpose of ['RESEARCH', 'MARKETING']) await stack.query(operation('grantConsent'), { input: { personId: person, purpose } }, devCaller({ user: person, roles: ['student'] }));
        }
        const before = await countRows(stack, 'directory', 'ConsentEvent', { personId: person });
        return {
          caller: devCaller({ user: person, roles: ['student'] }),
          variables: { input: { personId: person, purpose: 'RESEARCH' } },
          other: { input: { personId: person, purpose: 'MARKETING' } },
          written: async () => (await countRows(stack, 'directory', 'ConsentEvent', { personId: person })) - before,
        };
      },
    }),
  ),
  {
    name: 'requestErasure',
    document: `mutation Erase($personId: ID, $idempotencyKey: String) {
      requestErasure(personId: $personId, idempotencyKey: $idempotencyKey) { id personId requestedAt directory { subgraph erased anonymised } }
    }`,
    async prepare(stack, n) {
      const person = `per-idem-erase-${n}`;
      await fixturePerson(stack, person);
      return {
        caller: devCaller({ user: person, roles: ['student'] }),
        variables: { personId: person },
        other: { personId: null },
        written: () => countRows(stack, 'directory', 'ErasureRequest', { personId: person }),
      };
    },
  },
];

const codesOf = (res: GraphQLResponse) => (res.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.reason]);

for (const kind of databaseKinds()) {
  describe(`idempotency keys through the gateway [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(120_000);
      stack = await sharedStack(kind);
    });
    after(() => removeFixtures(stack));

    for (const [index, c] of CASES.entries()) {
      describe(c.name, () => {
        const n = (variant: number) => index * 10 + variant;

        it('a retry with the same key returns the first result and writes once', async () => {
          const p = await c.prepare(stack, n(1));
          const key = `retry-${kind}-${c.name}`;
          const first = await stack.query(c.document, { ...p.variables, idempotencyKey: key }, p.caller);
          const retry = await stack.query(c.document, { ...p.variables, idempotencyKey: key }, p.caller);
          expect(first.errors).to.equal(undefined);
          expect(first.data[c.name]).to.be.an('object');
          expect(retry).to.deep.include({ status: 200, data: first.data, errors: undefined });
          expect(await p.written()).to.equal(1);
        });

        it('the same key with other input is CONFLICT IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
          const p = await c.prepare(stack, n(2));
          const key = `reuse-${kind}-${c.name}`;
          await stack.query(c.document, { ...p.variables, idempotencyKey: key }, p.caller);
          const reused = await stack.query(c.document, { ...p.other, idempotencyKey: key }, p.caller);
          expect(reused.data).to.equal(null);
          expect(codesOf(reused)).to.deep.equal([['CONFLICT', 'IDEMPOTENCY_KEY_REUSED']]);
          expect(reused.errors![0]!.message).to.equal(`Idempotency key ${key} was already used for a different ${c.name} request; use a new key for a new request`);
          expect(await p.written()).to.equal(1);
        });

        it('20 concurrent requests with one key write once and all answer the first result', async () => {
          const p = await c.prepare(stack, n(3));
          const key = `race-${kind}-${c.name}`;
          const results = await Promise.all(Array.from({ length: 20 }, () => stack.query(c.document, { ...p.variables, idempotencyKey: key }, p.caller)));
          expect(results.map(codesOf).flat()).to.deep.equal([]);
          expect(new Set(results.map((r) => JSON.stringify(r.data))).size).to.equal(1);
          expect(results[0]!.data[c.name]).to.be.an('object');
          expect(await p.written()).to.equal(1);
        });

        it('a malformed key is BAD_USER_INPUT naming idempotencyKey, and nothing is written', async () => {
          const p = await c.prepare(stack, n(4));
          const res = await stack.query(c.document, { ...p.variables, idempotencyKey: 'short' }, p.caller);
          expect(res.data).to.equal(null);
          expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.fields])).to.deep.equal([
            ['BAD_USER_INPUT', [{ field: 'idempotencyKey', message: 'must be 8–128 characters: letters, digits and . _ : -' }]],
          ]);
          expect(await p.written()).to.equal(0);
        });
      });
    }

    it('a guardian retrying the erasure of a ward gets the first receipt, though the erasure removed the guardianship', async () => {
      await fixturePerson(stack, 'per-idem-guardian');
      await fixturePerson(stack, 'per-idem-ward');
      await stack.dbs.directory.getRepository<Record<string, unknown>>('Guardianship').insert({ guardianId: 'per-idem-guardian', wardId: 'per-idem-ward' });
      const erase = () =>
        stack.query('mutation($id: ID, $key: String) { requestErasure(personId: $id, idempotencyKey: $key) { id personId requestedAt } }', { id: 'per-idem-ward', key: `guardian-${kind}` }, devCaller({ user: 'per-idem-guardian', roles: ['guardian'] }));
      const first = await erase();
      const retry = await erase();
      expect(first.errors).to.equal(undefined);
      expect(first.data.requestErasure.personId).to.equal('per-idem-ward');
      expect(retry).to.deep.include({ data: first.data, errors: undefined });
      expect(await countRows(stack, 'directory', 'ErasureRequest', { personId: 'per-idem-ward' })).to.equal(1);
    });

    it("a claim's retry after other claims on the offer shows the offer as the first claim left it", async () => {
      await fixtureSchool(stack, 'sch-idem-moved');
      await fixtureOffer(stack, 'cref-offer-idem-moved', 10);
      const caller = devCaller({ user: 'per-idem-moved', roles: ['instructor'], school: 'sch-idem-moved' });
      const claim = (quantity: number, key: string) =>
        stack.query(operation('claimDonation'), { input: { offerId: 'cref-offer-idem-moved', schoolId: 'sch-idem-moved', quantity }, idempotencyKey: `${key}-${kind}` }, caller);
      const first = await claim(2, 'moved-first');
      const later = await claim(3, 'moved-later');
      const retry = await claim(2, 'moved-first');
      expect([first.errors, later.errors, retry.errors]).to.deep.equal([undefined, undefined, undefined]);
      expect(first.data.claimDonation.offer).to.deep.include({ quantityClaimed: 2, quantityRemaining: 8 });
      expect(later.data.claimDonation.offer).to.deep.include({ quantityClaimed: 5, quantityRemaining: 5 });
      expect(retry.data).to.deep.equal(first.data);
      expect(await countRows(stack, 'cref', 'DonationClaim', { offerId: 'cref-offer-idem-moved' })).to.equal(2);
    });

    it('keys belong to one caller: another caller with the same key gets their own result', async () => {
      await fixtureJob(stack, 'job-idem-shared');
      const apply = (person: string) => stack.query(operation('applyToJob'), { input: { jobId: 'job-idem-shared', personId: person, note: null }, idempotencyKey: `shared-${kind}` }, devCaller({ user: person, roles: ['student'] }));
      const a = await apply('per-idem-shared-a');
      const b = await apply('per-idem-shared-b');
      expect([a.errors, b.errors]).to.deep.equal([undefined, undefined]);
      expect(a.data.applyToJob.id).to.not.equal(b.data.applyToJob.id);
      expect(await countRows(stack, 'wrenchway', 'JobApplication', { jobId: 'job-idem-shared' })).to.equal(2);
    });
  });
}
