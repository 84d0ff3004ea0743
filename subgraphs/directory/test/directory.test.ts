import { expect } from 'chai';
import { addYears, fixedClock, type CredentialIssued } from '@talent-graph/platform';
import { buildWorld, SEED_DATE, type World, type WorldPerson } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { ConsentEvent } from '../src/entities/ConsentEvent.ts';
import { Consent } from '../src/entities/Consent.ts';
import { ANON, as, byteOrder, display, openHarness, withClock, worldConsent, type Harness } from './support.ts';

const world: World = buildWorld(0.1);
const isAdult = (p: WorldPerson) => p.birthDate <= addYears(SEED_DATE, -18);
const person = (id: string) => world.people.find((p) => p.id === id)!;

// The cast, picked from the world by what matters to each test.
const [pairA, pairB, pairC, pairD] = world.guardianships;
const ward = person(pairA!.wardId);
const guardian = person(pairA!.guardianId);
const adults = world.people.filter(isAdult);
const technicians = adults.filter((p) => p.roles.includes('TECHNICIAN'));
const publicTechs = technicians.filter((p) => worldConsent(world, p.id, 'PUBLIC_PROFILE') === 'GRANTED');
const walletHolder = publicTechs[0]!;
const publicAdult = publicTechs[1]!; // withdraws PUBLIC_PROFILE in a test
const hiddenAdults = adults.filter((p) => worldConsent(world, p.id, 'PUBLIC_PROFILE') !== 'GRANTED' && !world.guardianships.some((g) => g.guardianId === p.id));
const hiddenAdult = hiddenAdults[0]!;
const stranger = hiddenAdults[1]!;
const consentAdult = hiddenAdults[2]!; // grants and withdraws in tests

// The wallet: four credentials of one holder, one of them expiring on the seed date itself.
const events: CredentialIssued[] = [
  { id: 'ase-cert-900001', personId: walletHolder.id, issuer: 'ASE', title: 'ASE A5 Brakes', earnedOn: '2019-03-01', expiresOn: '2024-03-01' },
  { id: 'ase-cert-900002', personId: walletHolder.id, issuer: 'ASE', title: 'ASE A4 Suspension and Steering', earnedOn: '2023-06-01', expiresOn: '2028-06-01' },
  { id: 'icar-cred-900001', personId: walletHolder.id, issuer: 'ICAR', title: 'I-CAR ProLevel 1 — Refinish Technician', earnedOn: '2025-01-10', expiresOn: null },
  { id: 'ase-cert-900003', personId: walletHolder.id, issuer: 'ASE', title: 'ASE G1 Auto Maintenance and Light Repair', earnedOn: '2021-09-01', expiresOn: SEED_DATE },
  { id: 'ase-cert-900004', personId: ward.id, issuer: 'ASE', title: 'ASE Entry-Level Brakes', earnedOn: '2026-05-01', expiresOn: '2028-05-01' },
];

const PERSON = `query($id: ID!) { person(id: $id) { id displayName givenName familyName contact { email phone } } }`;
const GRANT = `mutation($input: ConsentInput!) { grantConsent(input: $input) { changed consent { purpose granted updatedAt updatedBy { id } } event { purpose action at actor { id } } } }`;
const WITHDRAW = `mutation($input: ConsentInput!) { withdrawConsent(input: $input) { changed consent { purpose granted updatedAt updatedBy { id } } event { purpose action at actor { id } } } }`;
const NOW = fixedClock(SEED_DATE).now().toISOString();

for (const kind of databaseKinds()) {
  describe(`directory subgraph [${kind}]`, function () {
    let h: Harness;
    const eventCount = () => h.db.getRepository(ConsentEvent).count();
    const codes = (r: Awaited<ReturnType<Harness['run']>>) => (r.errors ?? []).map((e) => e.extensions?.code);

    before(async function () {
      h = await openHarness(kind, world, events, fixedClock(SEED_DATE));
    });
    after(async () => {
      await h.close();
    });

    describe('visibility', () => {
      it('shows a person everything about themself', async () => {
        const r = await h.run(PERSON, { id: hiddenAdult.id }, as(hiddenAdult.id));
        expect(r).to.deep.equal({ data: { person: { id: hiddenAdult.id, displayName: display(hiddenAdult), givenName: hiddenAdult.givenName, familyName: hiddenAdult.familyName, contact: { email: hiddenAdult.email, phone: hiddenAdult.phone } } } });
      });

      it('shows a guardian their ward, with private fields, guardians and age', async () => {
        const r = await h.run(`query($id: ID!) { person(id: $id) { givenName isMinor ageBand guardians { id } } }`, { id: ward.id }, as(guardian.id, ['guardian'], { wards: [ward.id] }));
        expect(r.data).to.deep.equal({ person: { givenName: ward.givenName, isMinor: true, ageBand: ward.birthDate > addYears(SEED_DATE, -16) ? 'AGE_13_15' : 'AGE_16_17', guardians: [{ id: guardian.id }] } });
      });

      it('does not take a ward claimed in the token without the guardianship table behind it', async () => {
        const r = await h.run(PERSON, { id: ward.id }, as(stranger.id, ['guardian'], { wards: [ward.id] }));
        expect(r).to.deep.equal({ data: { person: null } });
      });

      it('hides a minor and a non-public adult from a stranger and from anonymous callers', async () => {
        const results = await Promise.all([
          h.run(PERSON, { id: ward.id }, as(stranger.id)),
          h.run(PERSON, { id: hiddenAdult.id }, as(stranger.id)),
          h.run(PERSON, { id: ward.id }, ANON),
          h.run(PERSON, { id: hiddenAdult.id }, ANON),
        ]);
        expect(results.map((r) => r.data)).to.deep.equal([{ person: null }, { person: null }, { person: null }, { person: null }]);
      });

      it('shows an adult with a public profile to anyone, but not their private fields', async () => {
        const r = await h.run(PERSON, { id: walletHolder.id }, ANON);
        expect(r.data).to.deep.equal({ person: { id: walletHolder.id, displayName: display(walletHolder), givenName: null, familyName: null, contact: null } });
        expect((r.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code])).to.deep.equal([
          ['person.givenName', 'FORBIDDEN'],
          ['person.familyName', 'FORBIDDEN'],
          ['person.contact', 'FORBIDDEN'],
        ]);
      });

      it('lets support read a hidden person, private fields included', async () => {
        const r = await h.run(PERSON, { id: ward.id }, as('per-support', ['support']));
        expect(r).to.deep.equal({ data: { person: { id: ward.id, displayName: display(ward), givenName: ward.givenName, familyName: ward.familyName, contact: { email: ward.email, phone: ward.phone } } } });
      });

      it('shows a partner admin a hidden person without their private fields', async () => {
        const r = await h.run(`query($id: ID!) { person(id: $id) { displayName contact { email } } }`, { id: hiddenAdult.id }, as('per-admin', ['partner_admin'], { partner: 'ase' }));
        expect([r.data, codes(r)]).to.deep.equal([{ person: { displayName: display(hiddenAdult), contact: null } }, ['FORBIDDEN']]);
      });

      it('keeps a minor hidden even after their guardian grants PUBLIC_PROFILE', async () => {
        const minor = person(pairB!.wardId);
        const granted = await h.run(GRANT, { input: { personId: minor.id, purpose: 'PUBLIC_PROFILE' } }, as(pairB!.guardianId, ['guardian']));
        expect(granted.data).to.deep.equal({ grantConsent: { changed: true, consent: { purpose: 'PUBLIC_PROFILE', granted: true, updatedAt: NOW, updatedBy: { id: pairB!.guardianId } }, event: { purpose: 'PUBLIC_PROFILE', action: 'GRANTED', at: NOW, actor: { id: pairB!.guardianId } } } });
        const seen = await h.run(PERSON, { id: minor.id }, ANON);
        expect(seen).to.deep.equal({ data: { person: null } });
      });

      it('answers me with the caller, and null when anonymous', async () => {
        const [mine, anon] = await Promise.all([h.run(`{ me { id displayName roles homeState { code } } }`, {}, as(walletHolder.id)), h.run(`{ me { id } }`, {}, ANON)]);
        expect([mine.data, anon.data]).to.deep.equal([{ me: { id: walletHolder.id, displayName: display(walletHolder), roles: walletHolder.roles, homeState: { code: walletHolder.stateCode } } }, { me: null }]);
      });

      it('lists a guardian\'s wards to the guardian and refuses them to others', async () => {
        const wardsOf = world.guardianships.filter((g) => g.guardianId === guardian.id).map((g) => ({ id: g.wardId }));
        const [own, other] = await Promise.all([
          h.run(`query($id: ID!) { person(id: $id) { wards { id } } }`, { id: guardian.id }, as(guardian.id)),
          h.run(`query($id: ID!) { person(id: $id) { wards { id } } }`, { id: guardian.id }, as('per-admin', ['partner_admin'], { partner: 'cref' })),
        ]);
        expect([own.data, other.data, codes(other)]).to.deep.equal([{ person: { wards: wardsOf } }, { person: { wards: null } }, ['FORBIDDEN']]);
      });
    });

    describe('consent', () => {
      it('grants a purpose for oneself and appends one event to the log', async () => {
        const before = await eventCount();
        const r = await h.run(GRANT, { input: { personId: consentAdult.id, purpose: 'MARKETING' } }, as(consentAdult.id));
        const history = await h.run(`query($id: ID!) { person(id: $id) { consentHistory { purpose action at actor { id } } } }`, { id: consentAdult.id }, as(consentAdult.id));
        expect(r.data).to.deep.equal({ grantConsent: { changed: true, consent: { purpose: 'MARKETING', granted: true, updatedAt: NOW, updatedBy: { id: consentAdult.id } }, event: { purpose: 'MARKETING', action: 'GRANTED', at: NOW, actor: { id: consentAdult.id } } } });
        expect([await eventCount(), (history.data!.person as { consentHistory: unknown[] }).consentHistory[0]]).to.deep.equal([before + 1, { purpose: 'MARKETING', action: 'GRANTED', at: NOW, actor: { id: consentAdult.id } }]);
      });

      it('changes nothing when granting a purpose already granted', async () => {
        const before = await eventCount();
        const r = await h.run(GRANT, { input: { personId: consentAdult.id, purpose: 'MARKETING' } }, as(consentAdult.id));
        expect([r.data, await eventCount()]).to.deep.equal([{ grantConsent: { changed: false, consent: { purpose: 'MARKETING', granted: true, updatedAt: NOW, updatedBy: { id: consentAdult.id } }, event: { purpose: 'MARKETING', action: 'GRANTED', at: NOW, actor: { id: consentAdult.id } } } }, before]);
      });

      it('applies a withdrawal of PUBLIC_PROFILE on the very next request, keeping both entries in the log', async () => {
        const visibleBefore = await h.run(`query($id: ID!) { person(id: $id) { id } }`, { id: publicAdult.id }, ANON);
        const r = await h.run(WITHDRAW, { input: { personId: publicAdult.id, purpose: 'PUBLIC_PROFILE' } }, as(publicAdult.id));
        const visibleAfter = await h.run(`query($id: ID!) { person(id: $id) { id } }`, { id: publicAdult.id }, ANON);
        const log = await h.run(`query($id: ID!) { person(id: $id) { consents { purpose granted } consentHistory { purpose action } } }`, { id: publicAdult.id }, as(publicAdult.id));
        const entries = (log.data!.person as { consentHistory: { purpose: string; action: string }[] }).consentHistory.filter((e) => e.purpose === 'PUBLIC_PROFILE');
        expect([visibleBefore.data, r.data, visibleAfter.data]).to.deep.equal([
          { person: { id: publicAdult.id } },
          { withdrawConsent: { changed: true, consent: { purpose: 'PUBLIC_PROFILE', granted: false, updatedAt: NOW, updatedBy: { id: publicAdult.id } }, event: { purpose: 'PUBLIC_PROFILE', action: 'WITHDRAWN', at: NOW, actor: { id: publicAdult.id } } } },
          { person: null },
        ]);
        expect(entries.slice(0, 2)).to.deep.equal([{ purpose: 'PUBLIC_PROFILE', action: 'WITHDRAWN' }, { purpose: 'PUBLIC_PROFILE', action: 'GRANTED' }]);
        expect((log.data!.person as { consents: { purpose: string; granted: boolean }[] }).consents.find((c) => c.purpose === 'PUBLIC_PROFILE')).to.deep.equal({ purpose: 'PUBLIC_PROFILE', granted: false });
      });

      it('lets a guardian (per the table, without wards in the token) decide for their ward', async () => {
        const r = await h.run(WITHDRAW, { input: { personId: pairC!.wardId, purpose: 'RESEARCH' } }, as(pairC!.guardianId));
        expect(r.data).to.deep.equal({ withdrawConsent: { changed: true, consent: { purpose: 'RESEARCH', granted: false, updatedAt: NOW, updatedBy: { id: pairC!.guardianId } }, event: { purpose: 'RESEARCH', action: 'WITHDRAWN', at: NOW, actor: { id: pairC!.guardianId } } } });
      });

      it('refuses anonymous callers with UNAUTHENTICATED and writes nothing', async () => {
        const before = await eventCount();
        const r = await h.run(GRANT, { input: { personId: consentAdult.id, purpose: 'RESEARCH' } }, ANON);
        expect([r.data, codes(r), await eventCount()]).to.deep.equal([null, ['UNAUTHENTICATED'], before]);
      });

      it('refuses support, a partner admin and a stranger on a visible person with FORBIDDEN and writes nothing', async () => {
        const before = await eventCount();
        const input = { personId: walletHolder.id, purpose: 'RESEARCH' };
        const results = await Promise.all([
          h.run(GRANT, { input }, as('per-support', ['support'])),
          h.run(GRANT, { input }, as('per-admin', ['partner_admin'], { partner: 'ase' })),
          h.run(GRANT, { input }, as(stranger.id)),
        ]);
        expect([results.map(codes), await eventCount()]).to.deep.equal([[['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']], before]);
      });

      it('answers NOT_FOUND for an unknown person and for one hidden from the caller, writing nothing', async () => {
        const before = await eventCount();
        const [missing, hidden] = await Promise.all([
          h.run(GRANT, { input: { personId: 'per-99999', purpose: 'RESEARCH' } }, as(stranger.id)),
          h.run(GRANT, { input: { personId: ward.id, purpose: 'RESEARCH' } }, as(stranger.id, ['guardian'], { wards: [ward.id] })),
        ]);
        expect([codes(missing), missing.errors![0]!.message, codes(hidden), await eventCount()]).to.deep.equal([['NOT_FOUND'], 'Person per-99999 does not exist', ['NOT_FOUND'], before]);
      });

      it('rejects an empty person id with BAD_USER_INPUT naming the field, writing nothing', async () => {
        const before = await eventCount();
        const r = await h.run(GRANT, { input: { personId: '  ', purpose: 'RESEARCH' } }, as(consentAdult.id));
        expect([codes(r), r.errors![0]!.extensions!.fields, await eventCount()]).to.deep.equal([['BAD_USER_INPUT'], [{ field: 'input.personId', message: 'must not be empty' }], before]);
      });

      it('rejects an unknown purpose before any resolver runs', async () => {
        const r = await h.run(GRANT, { input: { personId: consentAdult.id, purpose: 'SELL_MY_DATA' } }, as(consentAdult.id));
        expect([r.data ?? null, codes(r)]).to.deep.equal([null, ['BAD_USER_INPUT']]);
      });

      it('lets only a guardian decide for a ward under 13', async () => {
        // Five years before the seed date the high-school ward of pair D (15 to 17 now) was under 13.
        const earlier = await withClock(h.db, addYears(SEED_DATE, -5));
        try {
          const run = async (caller: ReturnType<typeof as>) => {
            const response = await earlier.apollo.executeOperation({ query: GRANT, variables: { input: { personId: pairD!.wardId, purpose: 'MARKETING' } } }, { contextValue: earlier.contextFor(caller) });
            return response.body.kind === 'single' ? response.body.singleResult : null;
          };
          const self = await run(as(pairD!.wardId));
          const byGuardian = await run(as(pairD!.guardianId));
          expect([self?.errors?.map((e) => [e.extensions?.code, e.message]), (byGuardian?.data as { grantConsent: { changed: boolean } }).grantConsent.changed]).to.deep.equal([
            [['FORBIDDEN', 'A guardian decides the consents of a person under 13']],
            true,
          ]);
        } finally {
          await earlier.apollo.stop();
        }
      });

      it('records one event when the same grant arrives twice at once', async () => {
        const before = await eventCount();
        const input = { personId: consentAdult.id, purpose: 'EMPLOYER_VISIBILITY' };
        const current = await h.db.getRepository(Consent).findOneBy({ personId: consentAdult.id, purpose: 'EMPLOYER_VISIBILITY' });
        const results = await Promise.all([h.run(GRANT, { input }, as(consentAdult.id)), h.run(GRANT, { input }, as(consentAdult.id))]);
        const changed = results.map((r) => (r.data as { grantConsent: { changed: boolean } }).grantConsent.changed).filter(Boolean).length;
        const expected = current?.granted ? 0 : 1;
        expect([changed, await eventCount()]).to.deep.equal([expected, before + expected]);
      });
    });

    describe('wallet', () => {
      const WALLET = `query($id: ID!, $all: Boolean) { person(id: $id) { credentials(includeExpired: $all) { __typename id issuer title earnedOn expiresOn status holder { id } } } }`;
      it('lists every credential newest first with its status as of today', async () => {
        const r = await h.run(WALLET, { id: walletHolder.id, all: true }, ANON);
        const holder = { id: walletHolder.id };
        expect(r).to.deep.equal({ data: { person: { credentials: [
          { __typename: 'ICarCredential', id: 'icar-cred-900001', issuer: 'ICAR', title: 'I-CAR ProLevel 1 — Refinish Technician', earnedOn: '2025-01-10', expiresOn: null, status: 'CURRENT', holder },
          { __typename: 'AseCertification', id: 'ase-cert-900002', issuer: 'ASE', title: 'ASE A4 Suspension and Steering', earnedOn: '2023-06-01', expiresOn: '2028-06-01', status: 'CURRENT', holder },
          { __typename: 'AseCertification', id: 'ase-cert-900003', issuer: 'ASE', title: 'ASE G1 Auto Maintenance and Light Repair', earnedOn: '2021-09-01', expiresOn: SEED_DATE, status: 'EXPIRED', holder },
          { __typename: 'AseCertification', id: 'ase-cert-900001', issuer: 'ASE', title: 'ASE A5 Brakes', earnedOn: '2019-03-01', expiresOn: '2024-03-01', status: 'EXPIRED', holder },
        ] } } });
      });

      it('leaves expired credentials out when includeExpired is false', async () => {
        const r = await h.run(WALLET, { id: walletHolder.id, all: false }, ANON);
        expect((r.data!.person as { credentials: { id: string }[] }).credentials.map((c) => c.id)).to.deep.equal(['icar-cred-900001', 'ase-cert-900002']);
      });

      it('shows credential(id) exactly when its holder is visible', async () => {
        const q = `query($id: ID!) { credential(id: $id) { id status } }`;
        const [publicOne, hiddenAnon, hiddenSelf, missing] = await Promise.all([
          h.run(q, { id: 'ase-cert-900002' }, ANON),
          h.run(q, { id: 'ase-cert-900004' }, ANON),
          h.run(q, { id: 'ase-cert-900004' }, as(ward.id)),
          h.run(q, { id: 'ase-cert-000000' }, as('per-support', ['support'])),
        ]);
        expect([publicOne.data, hiddenAnon.data, hiddenSelf.data, missing.data]).to.deep.equal([
          { credential: { id: 'ase-cert-900002', status: 'CURRENT' } },
          { credential: null },
          { credential: { id: 'ase-cert-900004', status: 'CURRENT' } },
          { credential: null },
        ]);
      });
    });

    describe('_entities', () => {
      const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { __typename
        ... on Person { id birthDate homeZip displayName isMinor }
        ... on Shop { id name technicianIds technicianCount state { code } }
        ... on School { id name state { code } programs { id discipline } }
        ... on Program { id name school { id } }
        ... on State { code name }
        ... on Occupation { socCode title medianAnnualPayUsd medianPayYear }
        ... on AseCertification { id title status holder { id } }
        ... on ICarCredential { id title }
      } }`;

      it('resolves Person with birthDate and homeZip for other subgraphs, hidden people included', async () => {
        const r = await h.run(ENTITIES, { r: [{ __typename: 'Person', id: ward.id }, { __typename: 'Person', id: 'per-99999' }] }, ANON);
        expect(r).to.deep.equal({ data: { _entities: [{ __typename: 'Person', id: ward.id, birthDate: ward.birthDate, homeZip: ward.homeZip, displayName: display(ward), isMinor: true }, null] } });
      });

      it('resolves Shop with its technicians and apprentices, sorted by id', async () => {
        const shop = world.shops[0]!;
        const techIds = world.employments.filter((e) => e.shopId === shop.id).map((e) => person(e.personId)).filter((p) => p.roles.includes('TECHNICIAN') || p.roles.includes('APPRENTICE')).map((p) => p.id).sort(byteOrder);
        const r = await h.run(ENTITIES, { r: [{ __typename: 'Shop', id: shop.id }] }, ANON);
        expect(r.data).to.deep.equal({ _entities: [{ __typename: 'Shop', id: shop.id, name: shop.name, technicianIds: techIds, technicianCount: techIds.length, state: { code: shop.stateCode } }] });
      });

      it('resolves School, Program, State and Occupation', async () => {
        const school = world.schools[0]!;
        const programs = world.programs.filter((p) => p.schoolId === school.id).sort((a, b) => byteOrder(a.name, b.name) || byteOrder(a.id, b.id));
        const program = programs[0]!;
        const state = world.states.find((s) => s.code === school.stateCode)!;
        const r = await h.run(ENTITIES, { r: [{ __typename: 'School', id: school.id }, { __typename: 'Program', id: program.id }, { __typename: 'State', code: state.code }, { __typename: 'Occupation', socCode: '49-3021' }] }, ANON);
        expect(r.data).to.deep.equal({ _entities: [
          { __typename: 'School', id: school.id, name: school.name, state: { code: school.stateCode }, programs: programs.map((p) => ({ id: p.id, discipline: p.discipline })) },
          { __typename: 'Program', id: program.id, name: program.name, school: { id: school.id } },
          { __typename: 'State', code: state.code, name: state.name },
          { __typename: 'Occupation', socCode: '49-3021', title: 'Automotive Body and Related Repairers', medianAnnualPayUsd: 43580, medianPayYear: 2019 },
        ] });
      });

      it('resolves AseCertification, ICarCredential and the Credential interface from the wallet, and not an id of the other issuer', async () => {
        const r = await h.run(ENTITIES, { r: [{ __typename: 'AseCertification', id: 'ase-cert-900002' }, { __typename: 'ICarCredential', id: 'icar-cred-900001' }, { __typename: 'AseCertification', id: 'icar-cred-900001' }, { __typename: 'Credential', id: 'icar-cred-900001' }] }, ANON);
        expect(r.data).to.deep.equal({ _entities: [
          { __typename: 'AseCertification', id: 'ase-cert-900002', title: 'ASE A4 Suspension and Steering', status: 'CURRENT', holder: { id: walletHolder.id } },
          { __typename: 'ICarCredential', id: 'icar-cred-900001', title: 'I-CAR ProLevel 1 — Refinish Technician' },
          null,
          { __typename: 'ICarCredential', id: 'icar-cred-900001', title: 'I-CAR ProLevel 1 — Refinish Technician' },
        ] });
      });

      it('resolves 100 people and their shops in as many statements as 2', async () => {
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id displayName homeState { code } employer { id technicianCount } credentials { id } } } }`;
        const statements = async (n: number) => {
          h.counter.reset();
          const r = await h.run(query, { r: world.people.slice(0, n).map((p) => ({ __typename: 'Person', id: p.id })) }, ANON);
          expect(r.errors).to.equal(undefined);
          return h.counter.count;
        };
        expect(await statements(100)).to.equal(await statements(2));
      });
    });

    describe('pagination', () => {
      const SCHOOLS = `query($first: Int, $after: String, $state: ID, $discipline: Discipline) { schools(first: $first, after: $after, stateCode: $state, discipline: $discipline) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }`;
      type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; name: string } }[] };
      const sortedSchools = [...world.schools].sort((a, b) => byteOrder(a.name, b.name) || byteOrder(a.id, b.id)).map((s) => ({ id: s.id, name: s.name }));

      it('pages through every school by name, then id, with totalCount', async () => {
        const seen: { id: string; name: string }[] = [];
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const r = await h.run(SCHOOLS, { first: 4, after }, ANON);
          const page = r.data!.schools as Page;
          expect(page.totalCount).to.equal(world.schools.length);
          seen.push(...page.edges.map((e) => e.node));
          pages += 1;
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect([seen, pages]).to.deep.equal([sortedSchools, Math.ceil(world.schools.length / 4)]);
      });

      it('filters schools by state and by discipline', async () => {
        const state = world.schools[0]!.stateCode;
        const withCollision = new Set(world.programs.filter((p) => p.discipline === 'COLLISION').map((p) => p.schoolId));
        const [byState, byDiscipline] = await Promise.all([h.run(SCHOOLS, { first: 100, state: state.toLowerCase() }, ANON), h.run(SCHOOLS, { first: 100, discipline: 'COLLISION' }, ANON)]);
        expect([(byState.data!.schools as Page).edges.map((e) => e.node), (byDiscipline.data!.schools as Page).edges.map((e) => e.node)]).to.deep.equal([
          sortedSchools.filter((s) => world.schools.find((w) => w.id === s.id)!.stateCode === state),
          sortedSchools.filter((s) => withCollision.has(s.id)),
        ]);
      });

      it('lists a state\'s shops of one type by name, with totalCount', async () => {
        const state = world.shops[0]!.stateCode;
        const type = world.shops[0]!.type;
        const expected = world.shops.filter((s) => s.stateCode === state && s.type === type).sort((a, b) => byteOrder(a.name, b.name) || byteOrder(a.id, b.id));
        const r = await h.run(`query($code: ID!, $type: ShopType) { state(code: $code) { shops(first: 2, type: $type) { totalCount pageInfo { hasNextPage } edges { node { id name type } } } } }`, { code: state, type }, ANON);
        expect(r.data).to.deep.equal({ state: { shops: { totalCount: expected.length, pageInfo: { hasNextPage: expected.length > 2 }, edges: expected.slice(0, 2).map((s) => ({ node: { id: s.id, name: s.name, type } })) } } });
      });

      it('rejects a cursor it did not issue and a page size over 100 with BAD_USER_INPUT', async () => {
        const [badCursor, tooMany] = await Promise.all([h.run(SCHOOLS, { first: 2, after: 'not-a-cursor' }, ANON), h.run(SCHOOLS, { first: 500 }, ANON)]);
        expect([badCursor.errors!.map((e) => [e.extensions?.code, e.extensions?.fields]), tooMany.errors!.map((e) => [e.extensions?.code, e.extensions?.fields])]).to.deep.equal([
          [['BAD_USER_INPUT', [{ field: 'after', message: 'is not a cursor returned by this field' }]]],
          [['BAD_USER_INPUT', [{ field: 'first', message: 'must be an integer from 0 to 100' }]]],
        ]);
      });

      it('lists the states by code', async () => {
        const r = await h.run(`{ states { code name } }`, {}, ANON);
        expect(r.data).to.deep.equal({ states: [...world.states].sort((a, b) => byteOrder(a.code, b.code)).map((s) => ({ code: s.code, name: s.name })) });
      });
    });
  });
}
