import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { databaseKinds } from '@talent-graph/platform/testing';
import { devCaller, ROOT, type GraphQLResponse, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Every canonical mutation through the gateway: the canonical call (schema/operations, with the
 * caller its comment names) and each way it can be refused. Each describe makes its canonical
 * write once in a `before` hook, so its tests hold in any order; every refusal is followed by a
 * read showing nothing was written. Writes touch only the canonical records and records no
 * other test file reads (a few offers, jobs, courses and people picked for that).
 */

const OPERATIONS_DIR = `${ROOT}schema/operations/`;
const operation = (name: string): string => readFileSync(`${OPERATIONS_DIR}${name}.graphql`, 'utf8');
const canonicalInput = (name: string): Record<string, unknown> => (JSON.parse(readFileSync(`${OPERATIONS_DIR}${name}.variables.json`, 'utf8')) as { input: Record<string, unknown> }).input;

const JOSE = devCaller({ user: 'per-01811', roles: ['student'] });
const APPRENTICE = devCaller({ user: 'per-01762', roles: ['student'] });
/** Another apprentice (of apr-0002): a signed-in stranger to apr-0001 and to per-01811. */
const STRANGER = devCaller({ user: 'per-01766', roles: ['student'] });
const SUPPORT = devCaller({ user: 'per-00002', roles: ['support'] });
const ANONYMOUS = {};

const ISO_NOW = '2026-09-01T12:00:00.000Z';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** What a client sees of a failed request: the data, and each error's path, code, message and extensions. */
function failure(res: GraphQLResponse): { data: unknown; errors: Record<string, unknown>[] | undefined } {
  return {
    data: res.data,
    errors: res.errors?.map(({ message, path, extensions }) => {
      const { serviceName: _serviceName, ...rest } = extensions ?? {};
      return { path, message, ...rest };
    }),
  };
}

for (const kind of databaseKinds()) {
  describe(`canonical mutations through the gateway [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(120_000);
      stack = await sharedStack(kind);
    });

    describe('claimDonation', () => {
      const mutation = operation('claimDonation');
      const input = canonicalInput('claimDonation');
      const INSTRUCTOR = devCaller({ user: 'per-00001', roles: ['instructor'], school: 'sch-0001' });
      const claim = (overrides: Record<string, unknown>, headers: Record<string, string> = INSTRUCTOR) => stack.query(mutation, { input: { ...input, ...overrides } }, headers);
      /** The offers and schools the refusals below aim at, as a client reads them. */
      const state = () =>
        stack.query(`{
          canonical: donationOffer(id: "cref-offer-00001") { quantityClaimed quantityRemaining claims { id } }
          wholeOnly: donationOffer(id: "cref-offer-00092") { quantityClaimed claims { id } }
          taken: donationOffer(id: "cref-offer-00091") { quantityClaimed claims { id } }
          claimer: school(id: "sch-0001") { donationClaims { id } }
          other: school(id: "sch-0002") { donationClaims { id } }
          ohio2024: state(code: "OH") { crefTotals(year: 2024) { donationClaimCount donationValueUsd } }
        }`);
      let first: GraphQLResponse;
      before(async () => {
        first = await stack.query(mutation, { input }, INSTRUCTOR);
      });

      /** Runs a refused claim and returns what it answered; fails if any record changed. */
      async function refused(run: () => Promise<GraphQLResponse>): Promise<ReturnType<typeof failure>> {
        const before = await state();
        const res = await run();
        expect((await state()).data).to.deep.equal(before.data);
        return failure(res);
      }

      it('claims 2 units of a splittable offer for the instructor’s school', () => {
        expect(first.errors).to.equal(undefined);
        const { id, ...rest } = first.data.claimDonation as { id: string };
        expect(id).to.match(/^cref-claim-[0-9a-f]{24}$/);
        expect(rest).to.deep.equal({
          quantity: 2,
          valueUsd: 4540,
          claimedOn: '2026-09-01',
          school: { id: 'sch-0001', name: 'Cleveland Technical Institute' },
          offer: { id: 'cref-offer-00001', title: 'Collision technician hand tool set', quantity: 10, quantityClaimed: 3, quantityRemaining: 7, status: 'OPEN' },
        });
      });

      it('records the claim on the school and the offer, dated today, outside Ohio’s 2024 totals', async () => {
        const id = (first.data.claimDonation as { id: string }).id;
        const res = await stack.query(`{
          school(id: "sch-0001") { donationClaims { id quantity claimedOn offer { id } } }
          donationOffer(id: "cref-offer-00001") { quantityClaimed claims { id quantity claimedOn school { id } } }
          state(code: "OH") { crefTotals(year: 2024) { donationClaimCount donationValueUsd } }
        }`);
        expect(res.data.school.donationClaims[0]).to.deep.equal({ id, quantity: 2, claimedOn: '2026-09-01', offer: { id: 'cref-offer-00001' } });
        expect(res.data.donationOffer).to.deep.equal({
          quantityClaimed: 3,
          claims: [
            { id: 'cref-claim-000001', quantity: 1, claimedOn: '2022-01-24', school: { id: 'sch-0034' } },
            { id, quantity: 2, claimedOn: '2026-09-01', school: { id: 'sch-0001' } },
          ],
        });
        expect(res.data.state).to.deep.equal({ crefTotals: { donationClaimCount: 9, donationValueUsd: 125190 } });
      });

      it('refuses more units than remain with CONFLICT EXCEEDS_REMAINING', async () => {
        expect(await refused(() => claim({ quantity: 8 }))).to.deep.equal({
          data: null,
          errors: [{ path: ['claimDonation'], message: 'Only 7 unit(s) remain on this offer', code: 'CONFLICT', reason: 'EXCEEDS_REMAINING', remaining: 7 }],
        });
      });

      it('refuses part of an offer that must be claimed whole with CONFLICT NOT_SPLITTABLE', async () => {
        expect(await refused(() => claim({ offerId: 'cref-offer-00092', quantity: 2 }))).to.deep.equal({
          data: null,
          errors: [{ path: ['claimDonation'], message: 'This offer is not splittable: claim all 1 unit(s) or none', code: 'CONFLICT', reason: 'NOT_SPLITTABLE', remaining: 1 }],
        });
      });

      it('refuses an offer already claimed in full with CONFLICT ALREADY_CLAIMED', async () => {
        expect(await refused(() => claim({ offerId: 'cref-offer-00091', quantity: 1 }))).to.deep.equal({
          data: null,
          errors: [{ path: ['claimDonation'], message: 'This offer has already been claimed in full', code: 'CONFLICT', reason: 'ALREADY_CLAIMED', remaining: 0 }],
        });
      });

      it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
        expect(await refused(() => claim({}, ANONYMOUS))).to.deep.equal({
          data: null,
          errors: [{ path: ['claimDonation'], message: 'Sign in to claim a donation', code: 'UNAUTHENTICATED' }],
        });
      });

      it('refuses an instructor of another school with FORBIDDEN', async () => {
        const otherInstructor = devCaller({ user: 'per-00001', roles: ['instructor'], school: 'sch-0002' });
        expect(await refused(() => claim({}, otherInstructor))).to.deep.equal({
          data: null,
          errors: [{ path: ['claimDonation'], message: 'Only an admin or instructor of this school, or a CREF admin, may claim donations for it', code: 'FORBIDDEN' }],
        });
      });

      it('answers NOT_FOUND for an offer that does not exist', async () => {
        expect(await refused(() => claim({ offerId: 'cref-offer-99999' }))).to.deep.equal({
          data: null,
          errors: [{ path: ['claimDonation'], message: 'Donation offer cref-offer-99999 does not exist', code: 'NOT_FOUND', id: 'cref-offer-99999' }],
        });
      });

      it('answers NOT_FOUND for a school that does not exist (a CREF admin claiming)', async () => {
        const crefAdmin = devCaller({ user: 'per-00003', roles: ['partner_admin'], partner: 'cref' });
        expect(await refused(() => claim({ schoolId: 'sch-9999' }, crefAdmin))).to.deep.equal({
          data: null,
          errors: [{ path: ['claimDonation'], message: 'School sch-9999 does not exist', code: 'NOT_FOUND', id: 'sch-9999' }],
        });
      });

      it('refuses bad input with BAD_USER_INPUT naming each bad field', async () => {
        expect(await refused(() => claim({ offerId: ' ', quantity: 0 }))).to.deep.equal({
          data: null,
          errors: [
            {
              path: ['claimDonation'],
              message: 'Invalid input — input.offerId: must be a donation offer id; input.quantity: must be at least 1',
              code: 'BAD_USER_INPUT',
              fields: [
                { field: 'input.offerId', message: 'must be a donation offer id' },
                { field: 'input.quantity', message: 'must be at least 1' },
              ],
            },
          ],
        });
      });
    });

    describe('applyToJob', () => {
      const mutation = operation('applyToJob');
      const input = canonicalInput('applyToJob');
      const apply = (overrides: Record<string, unknown>, headers: Record<string, string> = JOSE) => stack.query(mutation, { input: { ...input, ...overrides } }, headers);
      const applications = () => stack.query('{ person(id: "per-01811") { jobApplications { id status job { id } } } }', {}, JOSE);
      let first: GraphQLResponse;
      before(async () => {
        first = await stack.query(mutation, { input }, JOSE);
      });

      async function refused(run: () => Promise<GraphQLResponse>): Promise<ReturnType<typeof failure>> {
        const before = await applications();
        const res = await run();
        expect((await applications()).data).to.deep.equal(before.data);
        return failure(res);
      }

      it('sends per-01811’s application to job-000006', () => {
        expect(first.errors).to.equal(undefined);
        const { id, ...rest } = first.data.applyToJob as { id: string };
        expect(id).to.match(new RegExp(`^app-${UUID}$`));
        expect(rest).to.deep.equal({
          appliedOn: '2026-09-01',
          status: 'SUBMITTED',
          note: 'Five years in collision repair; B3 and B4 current.',
          job: { id: 'job-000006', title: 'Paint Prep Technician', shop: { name: 'Crossroads Collision Repair' } },
        });
      });

      it('lists the application among the applicant’s own', async () => {
        const res = await applications();
        expect(res.data).to.deep.equal({ person: { jobApplications: [{ id: first.data.applyToJob.id, status: 'SUBMITTED', job: { id: 'job-000006' } }] } });
      });

      it('refuses a second application to the same job with CONFLICT', async () => {
        expect(await refused(() => apply({}))).to.deep.equal({
          data: null,
          errors: [{ path: ['applyToJob'], message: 'You have already applied to job job-000006', code: 'CONFLICT', jobId: 'job-000006' }],
        });
      });

      it('refuses a closed job with CONFLICT', async () => {
        expect(await refused(() => apply({ jobId: 'job-000376' }))).to.deep.equal({
          data: null,
          errors: [{ path: ['applyToJob'], message: 'Job job-000376 is closed and no longer accepts applications', code: 'CONFLICT', jobId: 'job-000376' }],
        });
      });

      it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
        expect(await refused(() => apply({ jobId: 'job-000008' }, ANONYMOUS))).to.deep.equal({
          data: null,
          errors: [{ path: ['applyToJob'], message: 'Sign in to apply to a job', code: 'UNAUTHENTICATED' }],
        });
      });

      it('refuses applying in someone else’s name with FORBIDDEN', async () => {
        expect(await refused(() => apply({ jobId: 'job-000008' }, APPRENTICE))).to.deep.equal({
          data: null,
          errors: [{ path: ['applyToJob'], message: 'You may only apply to jobs for yourself', code: 'FORBIDDEN' }],
        });
      });

      it('answers NOT_FOUND for a job that does not exist', async () => {
        expect(await refused(() => apply({ jobId: 'job-999999' }))).to.deep.equal({
          data: null,
          errors: [{ path: ['applyToJob'], message: 'Job job-999999 does not exist', code: 'NOT_FOUND', id: 'job-999999' }],
        });
      });

      it('refuses bad input with BAD_USER_INPUT naming each bad field', async () => {
        expect(await refused(() => apply({ jobId: '  ', note: 'x'.repeat(2001) }))).to.deep.equal({
          data: null,
          errors: [
            {
              path: ['applyToJob'],
              message: 'Invalid input — input.jobId: must not be empty; input.note: must be at most 2000 characters',
              code: 'BAD_USER_INPUT',
              fields: [
                { field: 'input.jobId', message: 'must not be empty' },
                { field: 'input.note', message: 'must be at most 2000 characters' },
              ],
            },
          ],
        });
      });
    });

    describe('enrollInCourse', () => {
      const mutation = operation('enrollInCourse');
      const input = canonicalInput('enrollInCourse');
      const enroll = (overrides: Record<string, unknown>, headers: Record<string, string> = JOSE) => stack.query(mutation, { input: { ...input, ...overrides } }, headers);
      /** per-01790: an adult no canonical operation names, used as someone else's would-be ward. */
      const enrollments = () =>
        stack.query(`{
          jose: person(id: "per-01811") { courseEnrollments { id status } }
          other: person(id: "per-01790") { courseEnrollments { id status } }
        }`, {}, SUPPORT);
      let first: GraphQLResponse;
      before(async () => {
        first = await stack.query(mutation, { input }, JOSE);
      });

      async function refused(run: () => Promise<GraphQLResponse>): Promise<ReturnType<typeof failure>> {
        const before = await enrollments();
        const res = await run();
        expect((await enrollments()).data).to.deep.equal(before.data);
        return failure(res);
      }

      it('enrolls per-01811 in REF01', () => {
        expect({ errors: first.errors, data: first.data }).to.deep.equal({
          errors: undefined,
          data: {
            enrollInCourse: {
              // Enrollment ids are derived from person and course code (icar/src/ids.ts).
              id: 'icar-cen-per-01811-REF01',
              enrolledOn: '2026-09-01',
              status: 'ACTIVE',
              course: { code: 'REF01', title: 'Refinish Safety and Personal Protective Equipment', role: 'REFINISH_TECHNICIAN', proLevel: 1 },
            },
          },
        });
      });

      it('lists the enrollment first among the learner’s own, active', async () => {
        const res = await stack.query('{ person(id: "per-01811") { courseEnrollments { id status enrolledOn course { code } } } }', {}, JOSE);
        expect(res.data.person.courseEnrollments[0]).to.deep.equal({ id: 'icar-cen-per-01811-REF01', status: 'ACTIVE', enrolledOn: '2026-09-01', course: { code: 'REF01' } });
      });

      it('refuses a second enrollment in the same course with CONFLICT', async () => {
        expect(await refused(() => enroll({}))).to.deep.equal({
          data: null,
          errors: [{ path: ['enrollInCourse'], message: 'per-01811 is already enrolled in REF01', code: 'CONFLICT', courseId: 'icar-crs-REF01' }],
        });
      });

      it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
        expect(await refused(() => enroll({ courseId: 'icar-crs-REF03' }, ANONYMOUS))).to.deep.equal({
          data: null,
          errors: [{ path: ['enrollInCourse'], message: 'Sign in to do this', code: 'UNAUTHENTICATED' }],
        });
      });

      it('refuses enrolling someone else with FORBIDDEN', async () => {
        expect(await refused(() => enroll({ courseId: 'icar-crs-REF03' }, APPRENTICE))).to.deep.equal({
          data: null,
          errors: [{ path: ['enrollInCourse'], message: 'You may enroll only yourself or a minor in your care', code: 'FORBIDDEN' }],
        });
      });

      it('answers NOT_FOUND for a course that does not exist', async () => {
        expect(await refused(() => enroll({ courseId: 'icar-crs-NOPE01' }))).to.deep.equal({
          data: null,
          errors: [{ path: ['enrollInCourse'], message: 'Course icar-crs-NOPE01 does not exist', code: 'NOT_FOUND', id: 'icar-crs-NOPE01' }],
        });
      });

      it('refuses bad input with BAD_USER_INPUT naming each bad field', async () => {
        expect(await refused(() => enroll({ personId: '', courseId: ' ' }))).to.deep.equal({
          data: null,
          errors: [
            {
              path: ['enrollInCourse'],
              message: 'Invalid input — input.personId: must be a person id; input.courseId: must be a course id',
              code: 'BAD_USER_INPUT',
              fields: [
                { field: 'input.personId', message: 'must be a person id' },
                { field: 'input.courseId', message: 'must be a course id' },
              ],
            },
          ],
        });
      });
    });

    describe('logApprenticeshipHours', () => {
      const mutation = operation('logApprenticeshipHours');
      const input = canonicalInput('logApprenticeshipHours');
      const log = (overrides: Record<string, unknown>, headers: Record<string, string> = APPRENTICE) => stack.query(mutation, { input: { ...input, ...overrides } }, headers);
      const progress = () => stack.query('{ apprenticeship(id: "apr-0001") { hoursLogged percentComplete hourLogs(first: 1) { totalCount edges { node { id workedOn hours activity confirmedBy { id } } } } } }', {}, APPRENTICE);
      let first: GraphQLResponse;
      before(async () => {
        first = await stack.query(mutation, { input }, APPRENTICE);
      });

      async function refused(run: () => Promise<GraphQLResponse>): Promise<ReturnType<typeof failure>> {
        const before = await progress();
        const res = await run();
        expect((await progress()).data).to.deep.equal(before.data);
        return failure(res);
      }

      it('logs 8 hours for today on apr-0001', () => {
        expect({ errors: first.errors, data: first.data }).to.deep.equal({
          errors: undefined,
          data: {
            logApprenticeshipHours: {
              // Hour-log ids are derived from apprenticeship and day (icar/src/ids.ts).
              id: 'icar-hlog-apr-0001-2026-09-01',
              workedOn: '2026-09-01',
              hours: 8,
              activity: 'Panel replacement and seam sealing under mentor supervision',
            },
          },
        });
      });

      it('adds the day to the apprenticeship, unconfirmed because the apprentice logged it', async () => {
        expect((await progress()).data).to.deep.equal({
          apprenticeship: {
            hoursLogged: 748.5,
            percentComplete: 18.7,
            hourLogs: {
              totalCount: 92,
              edges: [{ node: { id: 'icar-hlog-apr-0001-2026-09-01', workedOn: '2026-09-01', hours: 8, activity: 'Panel replacement and seam sealing under mentor supervision', confirmedBy: null } }],
            },
          },
        });
      });

      it('refuses a second log for the same day with CONFLICT', async () => {
        expect(await refused(() => log({ hours: 4 }))).to.deep.equal({
          data: null,
          errors: [{ path: ['logApprenticeshipHours'], message: '2026-09-01 is already logged for apr-0001', code: 'CONFLICT', workedOn: '2026-09-01' }],
        });
      });

      it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
        expect(await refused(() => log({ workedOn: '2026-08-31' }, ANONYMOUS))).to.deep.equal({
          data: null,
          errors: [{ path: ['logApprenticeshipHours'], message: 'Sign in to do this', code: 'UNAUTHENTICATED' }],
        });
      });

      it('refuses someone who is neither apprentice nor mentor with FORBIDDEN', async () => {
        expect(await refused(() => log({ workedOn: '2026-08-31' }, STRANGER))).to.deep.equal({
          data: null,
          errors: [{ path: ['logApprenticeshipHours'], message: 'Only the apprentice, the mentor or an I-CAR admin may log hours', code: 'FORBIDDEN' }],
        });
      });

      it('answers NOT_FOUND for an apprenticeship that does not exist', async () => {
        expect(await refused(() => log({ apprenticeshipId: 'apr-9999', workedOn: '2026-08-31' }))).to.deep.equal({
          data: null,
          errors: [{ path: ['logApprenticeshipHours'], message: 'Apprenticeship apr-9999 does not exist', code: 'NOT_FOUND', id: 'apr-9999' }],
        });
      });

      it('refuses bad input with BAD_USER_INPUT naming each bad field', async () => {
        expect(await refused(() => log({ workedOn: '2026-09-02', hours: 12.5, activity: ' ok ' }))).to.deep.equal({
          data: null,
          errors: [
            {
              path: ['logApprenticeshipHours'],
              message: 'Invalid input — input.workedOn: cannot be in the future; input.hours: must be more than 0 and at most 12; input.activity: must be 3 to 500 characters',
              code: 'BAD_USER_INPUT',
              fields: [
                { field: 'input.workedOn', message: 'cannot be in the future' },
                { field: 'input.hours', message: 'must be more than 0 and at most 12' },
                { field: 'input.activity', message: 'must be 3 to 500 characters' },
              ],
            },
          ],
        });
      });

      it('refuses a day before the apprenticeship started with BAD_USER_INPUT on workedOn', async () => {
        expect(await refused(() => log({ workedOn: '2026-04-18' }))).to.deep.equal({
          data: null,
          errors: [
            {
              path: ['logApprenticeshipHours'],
              message: 'Invalid input — input.workedOn: cannot be before the apprenticeship started (2026-04-19)',
              code: 'BAD_USER_INPUT',
              fields: [{ field: 'input.workedOn', message: 'cannot be before the apprenticeship started (2026-04-19)' }],
            },
          ],
        });
      });
    });

    describe('grantConsent and withdrawConsent', () => {
      const grant = operation('grantConsent');
      const withdraw = operation('withdrawConsent');
      const consents = () => stack.query('{ person(id: "per-01811") { consents { purpose granted updatedAt } consentHistory { id purpose action at } } }', {}, JOSE);
      let withdrawn: GraphQLResponse;
      before(async () => {
        withdrawn = await stack.query(withdraw, { input: canonicalInput('withdrawConsent') }, JOSE);
      });

      async function refused(run: () => Promise<GraphQLResponse>): Promise<ReturnType<typeof failure>> {
        const before = await consents();
        const res = await run();
        expect((await consents()).data).to.deep.equal(before.data);
        return failure(res);
      }

      it('withdraws MARKETING, writing one audit entry', () => {
        expect(withdrawn.errors).to.equal(undefined);
        const { event, ...rest } = withdrawn.data.withdrawConsent as { event: { id: string } };
        expect(event.id).to.match(new RegExp(`^cev-${UUID}$`));
        expect({ ...rest, event: { ...event, id: 'generated' } }).to.deep.equal({
          changed: true,
          consent: { purpose: 'MARKETING', granted: false, updatedAt: ISO_NOW },
          event: { id: 'generated', purpose: 'MARKETING', action: 'WITHDRAWN', at: ISO_NOW, actor: { id: 'per-01811' } },
        });
      });

      it('shows the withdrawal in the person’s consents and history', async () => {
        const res = await consents();
        const { consents: current, consentHistory } = res.data.person as { consents: unknown[]; consentHistory: { id: string }[] };
        expect(current).to.deep.include({ purpose: 'MARKETING', granted: false, updatedAt: ISO_NOW });
        expect(consentHistory.filter((e) => e.id === withdrawn.data.withdrawConsent.event.id)).to.deep.equal([
          { id: withdrawn.data.withdrawConsent.event.id, purpose: 'MARKETING', action: 'WITHDRAWN', at: ISO_NOW },
        ]);
      });

      it('answers a repeated withdrawal with changed: false and the entry that set the state, writing nothing', async () => {
        const before = await consents();
        const res = await stack.query(withdraw, { input: canonicalInput('withdrawConsent') }, JOSE);
        expect((await consents()).data).to.deep.equal(before.data);
        expect(res.errors).to.equal(undefined);
        expect(res.data).to.deep.equal({
          withdrawConsent: {
            changed: false,
            consent: { purpose: 'MARKETING', granted: false, updatedAt: ISO_NOW },
            event: { id: withdrawn.data.withdrawConsent.event.id, purpose: 'MARKETING', action: 'WITHDRAWN', at: ISO_NOW, actor: { id: 'per-01811' } },
          },
        });
      });

      it('answers the canonical grant of RESEARCH (already granted) with changed: false and the seeded entry, writing nothing', async () => {
        const before = await consents();
        const res = await stack.query(grant, { input: canonicalInput('grantConsent') }, JOSE);
        expect((await consents()).data).to.deep.equal(before.data);
        expect({ errors: res.errors, data: res.data }).to.deep.equal({
          errors: undefined,
          data: {
            grantConsent: {
              changed: false,
              consent: { purpose: 'RESEARCH', granted: true, updatedAt: '2025-09-10T13:34:00.000Z' },
              event: { id: 'cev-002574', purpose: 'RESEARCH', action: 'GRANTED', at: '2025-09-10T13:34:00.000Z', actor: { id: 'per-01811' } },
            },
          },
        });
      });

      it('makes a PUBLIC_PROFILE withdrawal hold on the very next request, and a grant restore it', async () => {
        const profile = () => stack.query('{ person(id: "per-01811") { id displayName } }');
        const input = { personId: 'per-01811', purpose: 'PUBLIC_PROFILE' };
        expect((await profile()).data).to.deep.equal({ person: { id: 'per-01811', displayName: 'Jose R.' } });
        try {
          const off = await stack.query(withdraw, { input }, JOSE);
          expect(off.data.withdrawConsent).to.deep.include({ changed: true, consent: { purpose: 'PUBLIC_PROFILE', granted: false, updatedAt: ISO_NOW } });
          expect(await profile()).to.deep.include({ data: { person: null }, errors: undefined });
        } finally {
          // Other test files read per-01811's public profile: always grant it back.
          const on = await stack.query(grant, { input }, JOSE);
          expect(on.data.grantConsent).to.deep.include({ changed: true, consent: { purpose: 'PUBLIC_PROFILE', granted: true, updatedAt: ISO_NOW } });
        }
        expect((await profile()).data).to.deep.equal({ person: { id: 'per-01811', displayName: 'Jose R.' } });
      });

      it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
        for (const document of [grant, withdraw]) {
          expect(await refused(() => stack.query(document, { input: { personId: 'per-01811', purpose: 'EMPLOYER_VISIBILITY' } }, ANONYMOUS))).to.deep.equal({
            data: null,
            errors: [{ path: [document === grant ? 'grantConsent' : 'withdrawConsent'], message: 'Sign in to change consents', code: 'UNAUTHENTICATED' }],
          });
        }
      });

      it('refuses someone other than the person or their guardian with FORBIDDEN', async () => {
        expect(await refused(() => stack.query(withdraw, { input: { personId: 'per-01811', purpose: 'EMPLOYER_VISIBILITY' } }, STRANGER))).to.deep.equal({
          data: null,
          errors: [{ path: ['withdrawConsent'], message: 'Only the person or their guardian may change their consents', code: 'FORBIDDEN' }],
        });
      });

      it('answers NOT_FOUND for a person who does not exist, and for one the caller may not see', async () => {
        const missing = await stack.query(grant, { input: { personId: 'per-99999', purpose: 'RESEARCH' } }, JOSE);
        // per-01762 has no public profile: changing their consents must not confirm they exist.
        const hidden = await stack.query(grant, { input: { personId: 'per-01762', purpose: 'MARKETING' } }, STRANGER);
        expect([failure(missing), failure(hidden)]).to.deep.equal([
          { data: null, errors: [{ path: ['grantConsent'], message: 'Person per-99999 does not exist', code: 'NOT_FOUND', id: 'per-99999' }] },
          { data: null, errors: [{ path: ['grantConsent'], message: 'Person per-01762 does not exist', code: 'NOT_FOUND', id: 'per-01762' }] },
        ]);
        const after = await stack.query('{ person(id: "per-01762") { consents { purpose granted } } }', {}, SUPPORT);
        expect(after.data).to.deep.equal({ person: { consents: [{ purpose: 'EMPLOYER_VISIBILITY', granted: true }] } });
      });

      it('refuses bad input with BAD_USER_INPUT naming each bad field', async () => {
        const empty = await refused(() => stack.query(grant, { input: { personId: '  ', purpose: 'RESEARCH' } }, JOSE));
        const tooLong = await refused(() => stack.query(grant, { input: { personId: `per-${'9'.repeat(37)}`, purpose: 'RESEARCH' } }, JOSE));
        expect([empty, tooLong]).to.deep.equal([
          {
            data: null,
            errors: [{ path: ['grantConsent'], message: 'Invalid input — input.personId: must not be empty', code: 'BAD_USER_INPUT', fields: [{ field: 'input.personId', message: 'must not be empty' }] }],
          },
          {
            data: null,
            errors: [{ path: ['grantConsent'], message: 'Invalid input — input.personId: must be at most 40 characters', code: 'BAD_USER_INPUT', fields: [{ field: 'input.personId', message: 'must be at most 40 characters' }] }],
          },
        ]);
      });
    });
  });
}
