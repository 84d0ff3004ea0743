import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { CALLER_HEADER, encodeCaller, SUBGRAPH_NAMES, type SubgraphName } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { DEV_JWT_SECRET, mintToken, type TokenRequest } from '@talent-graph/gateway';
import { devCaller, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * The hostile-request suite: each case is an attack or a mistake a client can make, with the
 * exact status and error code it must get — and, for every case, proof that nothing was written
 * (the row count of every table of every subgraph is the same before and after).
 */
const ISS = 'talent-graph';
const AUD = 'talent-graph-api';
const secret = new TextEncoder().encode(DEV_JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const token = (r: Omit<TokenRequest, 'ttlSeconds'>) => mintToken({ ...r, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: ISS, audience: AUD });
const bearer = async (r: Omit<TokenRequest, 'ttlSeconds'>) => ({ authorization: `Bearer ${await token(r)}` });
const signed = (claims: Record<string, unknown>, edit: (j: SignJWT) => SignJWT = (j) => j, key: Uint8Array = secret) =>
  edit(new SignJWT({ roles: ['student'], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('per-01811').setIssuer(ISS).setAudience(AUD).setIssuedAt().setExpirationTime(now() + 600)).sign(key);

interface Outcome {
  status: number;
  /** The first error's code, or null when the request succeeded without errors. */
  code: string | null;
}

type Body = { data?: unknown; errors?: { extensions?: { code?: string; [key: string]: unknown } }[] };
type Sent = { status: number; body: Body };

interface Case {
  name: string;
  send: (stack: Stack) => Promise<Sent>;
  expect: Outcome;
  /** Optional check on the data (e.g. nothing returned). */
  data?: (data: unknown) => void;
  /** Optional: the first error's whole `extensions` (the measured value and the limit of a refusal). */
  extensions?: Record<string, unknown>;
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Sent> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers }, body });
  const text = await res.text();
  let parsed: Body;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { errors: [{ extensions: { code: `non-JSON body: ${text.slice(0, 40)}` } }] };
  }
  return { status: res.status, body: parsed };
}

const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => (stack: Stack) => post(stack.url, JSON.stringify({ query, variables }), headers);
const withToken = (query: string, variables: Record<string, unknown>, makeToken: () => Promise<string>) => async (stack: Stack) => post(stack.url, JSON.stringify({ query, variables }), { authorization: `Bearer ${await makeToken()}` });
const withHeaders = (query: string, variables: Record<string, unknown>, headers: () => Promise<Record<string, string>>) => async (stack: Stack) => post(stack.url, JSON.stringify({ query, variables }), await headers());

const INJECTIONS = ["' OR '1'='1", "'; DROP TABLE job_post; --", '" OR ""="', "1; SELECT pg_sleep(5) --", "OH' UNION SELECT id FROM person --", '\u0000', '../../etc/passwd', '${jndi:ldap://127.0.0.1/x}'];

const ME = '{ me { id } }';
const INSTRUCTOR = devCaller({ user: 'per-00001', roles: ['instructor'], school: 'sch-0001' });
const STRANGER = devCaller({ user: 'per-00002', roles: ['student'] });

const cases: Case[] = [
  // Tokens
  { name: 'alg none token', send: withToken(ME, {}, async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'per-01811', roles: ['support'], iss: ISS, aud: AUD, exp: now() + 600 })}.`), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'token signed with the wrong key', send: withToken(ME, {}, () => signed({}, (j) => j, new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'))), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'expired token', send: withToken(ME, {}, () => signed({}, (j) => j.setExpirationTime(now() - 60))), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'token for another audience', send: withToken(ME, {}, () => signed({}, (j) => j.setAudience('another-api'))), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'token from another issuer', send: withToken(ME, {}, () => signed({}, (j) => j.setIssuer('evil-idp'))), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'token not valid yet', send: withToken(ME, {}, () => signed({}, (j) => j.setNotBefore(now() + 3600))), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'token with tampered claims', send: withToken(ME, {}, async () => { const [h, , s] = (await signed({})).split('.'); return `${h}.${b64({ sub: 'per-01811', roles: ['support'], iss: ISS, aud: AUD, exp: now() + 600 })}.${s}`; }), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'token without exp', send: withToken(ME, {}, () => new SignJWT({ roles: ['student'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('per-01811').setIssuer(ISS).setAudience(AUD).sign(secret)), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'token naming an unknown role', send: withToken(ME, {}, () => signed({ roles: ['superuser'] })), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'garbage bearer token', send: withToken(ME, {}, async () => 'abc.def.ghi'), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'Basic instead of Bearer', send: async (s) => post(s.url, JSON.stringify({ query: ME }), { authorization: 'Basic YWRtaW46YWRtaW4=' }), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'dev header with an unknown role', send: gql(ME, {}, { 'x-dev-user': 'per-01811', 'x-dev-roles': 'root' }), expect: { status: 401, code: 'UNAUTHENTICATED' } },

  // Injection strings in every filter argument: never an error leak, never a match
  ...INJECTIONS.map((s): Case => ({ name: `injection in jobs(filter.stateCode): ${JSON.stringify(s)}`, send: gql('query($s: String) { jobs(filter: { stateCode: $s }) { totalCount } }', { s }), expect: { status: 200, code: 'BAD_USER_INPUT' }, data: (d) => expect(d).to.equal(null) })),
  ...INJECTIONS.map((s): Case => ({ name: `injection in technicianPay(zip): ${JSON.stringify(s)}`, send: gql('query($z: String) { technicianPay(query: { industry: COLLISION, zip: $z }) { sampleSize } }', { z: s }), expect: { status: 200, code: 'BAD_USER_INPUT' } })),
  { name: 'injection in schools(stateCode)', send: gql('query($s: ID) { schools(stateCode: $s) { totalCount } }', { s: INJECTIONS[0] }), expect: { status: 200, code: null }, data: (d) => expect(d).to.deep.equal({ schools: { totalCount: 0 } }) },
  { name: 'injection in shops(stateCode)', send: gql('query($s: ID) { shops(stateCode: $s) { totalCount } }', { s: INJECTIONS[4] }), expect: { status: 200, code: null }, data: (d) => expect(d).to.deep.equal({ shops: { totalCount: 0 } }) },
  { name: 'injection in person(id)', send: gql('query($id: ID!) { person(id: $id) { displayName } }', { id: "per-01811' OR 1=1 --" }), expect: { status: 200, code: null }, data: (d) => expect(d).to.deep.equal({ person: null }) },
  { name: 'injection in job(id)', send: gql('query($id: ID!) { job(id: $id) { title } }', { id: "x' UNION SELECT title FROM job_post --" }), expect: { status: 200, code: null }, data: (d) => expect(d).to.deep.equal({ job: null }) },
  { name: 'injection in state(code)', send: gql('query($c: ID!) { state(code: $c) { name } }', { c: "OH'; --" }), expect: { status: 200, code: null }, data: (d) => expect(d).to.deep.equal({ state: null }) },
  { name: 'injection in collisionCareersJobs(stateCode)', send: gql('query($s: String) { collisionCareersJobs(stateCode: $s) { totalCount } }', { s: INJECTIONS[1] }), expect: { status: 200, code: null }, data: (d) => expect(d).to.deep.equal({ collisionCareersJobs: { totalCount: 0 } }) },
  { name: 'injection in a cursor (donationOffers after)', send: gql('query($a: String) { donationOffers(after: $a) { totalCount } }', { a: "'; DROP TABLE donation_offer; --" }), expect: { status: 200, code: 'BAD_USER_INPUT' } },
  { name: 'forged cursor carrying SQL (jobs after)', send: gql('query($a: String) { jobs(after: $a) { totalCount } }', { a: b64(["2026-01-01' OR '1'='1", 'x']) }), expect: { status: 200, code: null } },
  { name: 'injection in icarCourses cursor', send: gql('query($a: String) { icarCourses(after: $a) { totalCount } }', { a: 'not-a-cursor' }), expect: { status: 200, code: 'BAD_USER_INPUT' } },
  { name: 'negative page size', send: gql('{ jobs(first: -1) { totalCount } }'), expect: { status: 200, code: 'BAD_USER_INPUT' } },
  { name: 'huge page size', send: gql('{ jobs(first: 1000000) { totalCount } }'), expect: { status: 400, code: 'COST_LIMIT_EXCEEDED' } },
  { name: 'Int overflow', send: gql('{ crefTotals(years: [99999999999]) { year } }'), expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' } },

  // Mutations with hostile input write nothing
  { name: 'injection in claimDonation offerId', send: gql('mutation($i: ClaimDonationInput!) { claimDonation(input: $i) { id } }', { i: { offerId: "x' OR '1'='1", schoolId: 'sch-0001', quantity: 1 } }, INSTRUCTOR), expect: { status: 200, code: 'NOT_FOUND' } },
  { name: 'claim a negative quantity', send: gql('mutation($i: ClaimDonationInput!) { claimDonation(input: $i) { id } }', { i: { offerId: 'cref-offer-00004', schoolId: 'sch-0001', quantity: -5 } }, INSTRUCTOR), expect: { status: 200, code: 'BAD_USER_INPUT' } },
  { name: 'claim for another school', send: gql('mutation($i: ClaimDonationInput!) { claimDonation(input: $i) { id } }', { i: { offerId: 'cref-offer-00004', schoolId: 'sch-0003', quantity: 1 } }, INSTRUCTOR), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'claim anonymously', send: gql('mutation($i: ClaimDonationInput!) { claimDonation(input: $i) { id } }', { i: { offerId: 'cref-offer-00004', schoolId: 'sch-0001', quantity: 1 } }), expect: { status: 200, code: 'UNAUTHENTICATED' } },
  { name: 'apply to a job for somebody else', send: gql('mutation($i: ApplyToJobInput!) { applyToJob(input: $i) { id } }', { i: { jobId: 'job-000007', personId: 'per-01811' } }, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'injection in applyToJob jobId', send: gql('mutation($i: ApplyToJobInput!) { applyToJob(input: $i) { id } }', { i: { jobId: "job-1'; DELETE FROM job_application; --", personId: 'per-00002' } }, STRANGER), expect: { status: 200, code: 'NOT_FOUND' } },
  { name: 'oversized application note', send: gql('mutation($i: ApplyToJobInput!) { applyToJob(input: $i) { id } }', { i: { jobId: 'job-000007', personId: 'per-00002', note: 'x'.repeat(5000) } }, STRANGER), expect: { status: 200, code: 'BAD_USER_INPUT' } },
  { name: 'log hours on a malformed date', send: gql('mutation($i: LogApprenticeshipHoursInput!) { logApprenticeshipHours(input: $i) { id } }', { i: { apprenticeshipId: 'apr-0001', workedOn: "2026-09-01'; --", hours: 8, activity: 'welding' } }, devCaller({ user: 'per-01762', roles: ['student'] })), expect: { status: 200, code: 'BAD_USER_INPUT' } },
  { name: 'log hours for somebody else’s apprenticeship', send: gql('mutation($i: LogApprenticeshipHoursInput!) { logApprenticeshipHours(input: $i) { id } }', { i: { apprenticeshipId: 'apr-0001', workedOn: '2026-08-30', hours: 8, activity: 'welding' } }, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'log 30 hours in a day', send: gql('mutation($i: LogApprenticeshipHoursInput!) { logApprenticeshipHours(input: $i) { id } }', { i: { apprenticeshipId: 'apr-0001', workedOn: '2026-08-30', hours: 30, activity: 'welding' } }, devCaller({ user: 'per-01762', roles: ['student'] })), expect: { status: 200, code: 'BAD_USER_INPUT' } },
  { name: 'enroll somebody else in a course', send: gql('mutation($i: EnrollInCourseInput!) { enrollInCourse(input: $i) { id } }', { i: { personId: 'per-01811', courseId: 'icar-crs-REF02' } }, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'grant consent for somebody else', send: gql('mutation($i: ConsentInput!) { grantConsent(input: $i) { changed } }', { i: { personId: 'per-01811', purpose: 'MARKETING' } }, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'grant consent for a hidden minor (existence not revealed)', send: gql('mutation($i: ConsentInput!) { grantConsent(input: $i) { changed } }', { i: { personId: 'per-00201', purpose: 'MARKETING' } }, STRANGER), expect: { status: 200, code: 'NOT_FOUND' } },
  { name: 'support staff trying to write', send: withHeaders('mutation($i: ConsentInput!) { withdrawConsent(input: $i) { changed } }', { i: { personId: 'per-01811', purpose: 'RESEARCH' } }, () => bearer({ sub: 'per-00005', roles: ['support'] })), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'an ASE admin claiming a CREF donation', send: withHeaders('mutation($i: ClaimDonationInput!) { claimDonation(input: $i) { id } }', { i: { offerId: 'cref-offer-00004', schoolId: 'sch-0001', quantity: 1 } }, () => bearer({ sub: 'per-00006', roles: ['partner_admin'], partner: 'ase' })), expect: { status: 200, code: 'FORBIDDEN' } },

  // One user reading another's records
  { name: 'a student reading another person’s contact', send: gql('{ person(id: "per-01811") { contact { email } } }', {}, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'a student reading another person’s applications', send: gql('{ person(id: "per-01811") { jobApplications { id } } }', {}, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'a student reading another person’s enrollments', send: gql('{ person(id: "per-01811") { courseEnrollments { id } } }', {}, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'a student reading another person’s consents', send: gql('{ person(id: "per-01811") { consents { purpose } } }', {}, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'a student reading another person’s scholarships', send: gql('{ person(id: "per-01811") { scholarships { amountUsd } } }', {}, STRANGER), expect: { status: 200, code: 'FORBIDDEN' } },
  { name: 'anonymous reading an apprenticeship', send: gql('{ apprenticeship(id: "apr-0001") { hoursLogged } }'), expect: { status: 200, code: 'UNAUTHENTICATED' } },
  { name: 'an employer looking up a minor', send: gql('{ person(id: "per-00201") { displayName } }', {}, devCaller({ user: 'per-00020', roles: ['employer'], shop: 'shp-0002' })), expect: { status: 200, code: null }, data: (d) => expect(d).to.deep.equal({ person: null }) },

  // Bombs and malformed requests
  // Bombs are refused before validation (graphql-js validation is where they would spend CPU),
  // each with its own code and the measured value: the exact number, never "over the limit".
  // (The state list is declared `@listSize(assumedSize: 51)`: a spread of F0 costs 1 + 51.)
  { name: 'depth bomb', send: (s) => { let q = 'code'; for (let i = 0; i < 12; i++) q = `schools(first: 1) { edges { node { state { ${q} } } } }`; return gql(`{ state(code: "OH") { ${q} } }`)(s); }, expect: { status: 400, code: 'DEPTH_LIMIT_EXCEEDED' }, extensions: { code: 'DEPTH_LIMIT_EXCEEDED', measured: 50, limit: 15 } },
  { name: 'depth bomb on fields that do not exist (refused before validation)', send: (s) => { let q = 'x'; for (let i = 0; i < 20; i++) q = `nope { ${q} }`; return gql(`{ ${q} }`)(s); }, expect: { status: 400, code: 'DEPTH_LIMIT_EXCEEDED' }, extensions: { code: 'DEPTH_LIMIT_EXCEEDED', measured: 21, limit: 15 } },
  { name: 'depth bomb through introspection', send: (s) => { let q = '__typename'; for (let i = 0; i < 40; i++) q = `fields { type { ${q} name } }`; return gql(`{ __type(name: "Query") { ${q} } }`)(s); }, expect: { status: 400, code: 'DEPTH_LIMIT_EXCEEDED' }, extensions: { code: 'DEPTH_LIMIT_EXCEEDED', measured: 82, limit: 15 } },
  { name: 'depth bomb through a chain of fragment spreads', send: (s) => { let doc = 'fragment F0 on State { code }'; for (let i = 1; i <= 30; i++) doc += ` fragment F${i} on State { state { ...F${i - 1} } }`; return gql(`{ state(code: "OH") { ...F30 } } ${doc}`)(s); }, expect: { status: 400, code: 'DEPTH_LIMIT_EXCEEDED' }, extensions: { code: 'DEPTH_LIMIT_EXCEEDED', measured: 32, limit: 15 } },
  { name: 'alias bomb', send: gql(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ')} }`), expect: { status: 400, code: 'ALIAS_LIMIT_EXCEEDED' }, extensions: { code: 'ALIAS_LIMIT_EXCEEDED', measured: 200, limit: 30 } },
  { name: 'alias bomb in an operation that is not run', send: (s) => post(s.url, JSON.stringify({ query: `query Small { __typename } query Bomb { ${Array.from({ length: 50 }, (_, i) => `a${i}: __typename`).join(' ')} }`, operationName: 'Small' })), expect: { status: 400, code: 'ALIAS_LIMIT_EXCEEDED' }, extensions: { code: 'ALIAS_LIMIT_EXCEEDED', measured: 50, limit: 30 } },
  { name: 'fragment cycle', send: gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), expect: { status: 400, code: 'FRAGMENT_CYCLE' }, extensions: { code: 'FRAGMENT_CYCLE', fragments: ['A', 'B', 'A'] } },
  { name: 'fragment bomb', send: (s) => { let doc = 'fragment F0 on Query { states { code } }'; for (let i = 1; i <= 25; i++) doc += ` fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`; return gql(`{ ...F25 } ${doc}`)(s); }, expect: { status: 400, code: 'COST_LIMIT_EXCEEDED' }, extensions: { code: 'COST_LIMIT_EXCEEDED', measured: 2 ** 25 * (1 + 51), limit: 20_000 } },
  { name: 'thousands of fragment definitions', send: (s) => { const defs = Array.from({ length: 2000 }, (_, i) => `fragment F${i} on Query { __typename }`).join(' '); return gql(`{ ...F0 } ${defs}`)(s); }, expect: { status: 400, code: 'DOCUMENT_TOO_LARGE' }, extensions: { code: 'DOCUMENT_TOO_LARGE', measured: 76_899, limit: 20_000 } },
  { name: 'directive bomb', send: gql(`{ __typename ${'@skip(if: false) '.repeat(300)} }`), expect: { status: 400, code: 'DIRECTIVE_LIMIT_EXCEEDED' }, extensions: { code: 'DIRECTIVE_LIMIT_EXCEEDED', measured: 300, limit: 30 } },
  { name: 'directive bomb spread through fragments', send: gql(`{ ...A ...A ...A ...A } fragment A on Query { __typename ${'@include(if: true) '.repeat(10)} }`), expect: { status: 400, code: 'DIRECTIVE_LIMIT_EXCEEDED' }, extensions: { code: 'DIRECTIVE_LIMIT_EXCEEDED', measured: 40, limit: 30 } },
  { name: 'token bomb', send: gql(`{ crefTotals(years: [${Array(4000).fill('1').join(' ')}]) { year } }`), expect: { status: 400, code: 'DOCUMENT_TOO_LARGE' }, extensions: { code: 'DOCUMENT_TOO_LARGE', measured: 4012, limit: 3000 } },
  { name: 'byte bomb', send: gql(`{ crefTotals(years: [${Array(4000).fill('2024').join(' ')}]) { year } }`), expect: { status: 400, code: 'DOCUMENT_TOO_LARGE' }, extensions: { code: 'DOCUMENT_TOO_LARGE', measured: 20_033, limit: 20_000 } },
  { name: 'token bomb past the parser’s own ceiling', send: gql(`{ ${'a '.repeat(60_000)}}`), expect: { status: 400, code: 'DOCUMENT_TOO_LARGE' }, extensions: { code: 'DOCUMENT_TOO_LARGE', measured: 120_003, limit: 20_000 } },
  { name: 'token bomb sent with its APQ hash', send: (s) => { const query = `{ crefTotals(years: [${Array(4000).fill('1').join(' ')}]) { year } }`; return post(s.url, JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } })); }, expect: { status: 400, code: 'DOCUMENT_TOO_LARGE' }, extensions: { code: 'DOCUMENT_TOO_LARGE', measured: 4012, limit: 3000 } },
  { name: 'repeated-field bomb', send: gql(`{ states { ${'code '.repeat(3500)} } }`), expect: { status: 400, code: 'DOCUMENT_TOO_LARGE' }, extensions: { code: 'DOCUMENT_TOO_LARGE', measured: 3505, limit: 3000 } },
  { name: 'too many root fields', send: gql(`{ ${Array.from({ length: 12 }, (_, i) => `s${i}: states { code }`).join(' ')} }`), expect: { status: 400, code: 'ROOT_FIELD_LIMIT_EXCEEDED' } },
  { name: 'oversized body', send: (s) => post(s.url, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2_000_000) } })), expect: { status: 413, code: 'BAD_REQUEST' } },
  { name: 'body that is not JSON', send: (s) => post(s.url, '{"query": "{ __typename }"'), expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'batched flood', send: (s) => post(s.url, JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ states { code } }' })))), expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'syntax error', send: gql('{ states { code '), expect: { status: 400, code: 'GRAPHQL_PARSE_FAILED' } },
  { name: 'selecting an @inaccessible field', send: gql('{ person(id: "per-01811") { birthDate } }'), expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' } },
  { name: 'a mutation over GET', send: async (s) => { const res = await fetch(`${s.url}?query=${encodeURIComponent('mutation { grantConsent(input: { personId: "per-01811", purpose: MARKETING }) { changed } }')}`, { headers: { 'apollo-require-preflight': 'true' } }); return { status: res.status, body: (await res.json()) as Body }; }, expect: { status: 405, code: 'BAD_REQUEST' } },
  { name: 'a GET without a CSRF-safe header', send: async (s) => { const res = await fetch(`${s.url}?query=${encodeURIComponent('{ states { code } }')}`); return { status: res.status, body: (await res.json()) as Body }; }, expect: { status: 400, code: 'BAD_REQUEST' } },

  // Around the gateway
  ...SUBGRAPH_NAMES.map((name: SubgraphName): Case => ({
    name: `direct call to ${name} with a made-up identity`,
    send: (s) => post(s.subgraphUrls[name], JSON.stringify({ query: '{ _service { sdl } }' }), { [CALLER_HEADER]: encodeCaller({ sub: 'per-01811', roles: ['support'], scopes: [] }) }),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  })),
];

async function rowCounts(stack: Stack): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    const db = stack.dbs[name];
    for (const meta of db.entityMetadatas) {
      const [row] = await db.query(`SELECT COUNT(*) AS n FROM ${db.driver.escape(meta.tableName)}`);
      counts[`${name}.${meta.tableName}`] = Number((row as { n: number | string }).n);
    }
  }
  return counts;
}

for (const kind of databaseKinds()) {
  describe(`hostile requests [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
    });

    it(`has at least 60 cases (${cases.length})`, () => {
      expect(cases.length).to.be.greaterThanOrEqual(60);
    });

    for (const c of cases) {
      it(`${c.name} → ${c.expect.status} ${c.expect.code ?? 'no error'}, nothing written`, async () => {
        const before = await rowCounts(stack);
        const res = await c.send(stack);
        const code = res.body.errors?.[0]?.extensions?.code ?? null;
        expect({ status: res.status, code }).to.deep.equal(c.expect);
        if (c.data) c.data(res.body.data);
        if (c.extensions) expect(res.body.errors?.[0]?.extensions).to.deep.equal(c.extensions);
        expect(await rowCounts(stack)).to.deep.equal(before);
      });
    }

    it('applies each caller’s own limits to a document, however Apollo Server cached it', async () => {
      // 40 aliases: over a student's 30, within an analyst's 100. The student goes first, so the
      // refused document is the one Apollo's document store sees first; the analyst must still
      // get it run, and the student must still be refused once it is cached as validated.
      const query = `# ${kind} ${Date.now()}\n{ state(code: "OH") { ${Array.from({ length: 40 }, (_, i) => `a${i}: code`).join(' ')} } }`;
      const student = devCaller({ user: 'per-00002', roles: ['student'] });
      const analyst = devCaller({ user: 'per-00003', roles: ['analyst'] });
      const outcome = async (headers: Record<string, string>) => {
        const res = await gql(query, {}, headers)(stack);
        return { status: res.status, extensions: res.body.errors?.[0]?.extensions ?? null, codes: res.body.data ? Object.values((res.body.data as { state: Record<string, string> }).state) : null };
      };
      const refused = { status: 400, extensions: { code: 'ALIAS_LIMIT_EXCEEDED', measured: 40, limit: 30 }, codes: null };
      const served = { status: 200, extensions: null, codes: Array(40).fill('OH') };
      expect([await outcome(student), await outcome(analyst), await outcome(student), await outcome(analyst)]).to.deep.equal([refused, served, refused, served]);
    });

    it('counts the tokens of a document sent by its APQ hash alone against the caller’s own limit', async () => {
      // 3,512 tokens: within an analyst's 15,000, over a student's 3,000. The analyst registers the
      // text; the student then sends only its hash, so the size is checked on the stored text.
      const query = `# ${kind} ${Date.now()}\n{ crefTotals(years: [${Array(3500).fill('2024').join(' ')}]) { year } }`;
      const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
      const send = (body: Record<string, unknown>, caller: Record<string, string>) => post(stack.url, JSON.stringify(body), caller);
      const analyst = await send({ query, extensions: { persistedQuery } }, devCaller({ user: 'per-00003', roles: ['analyst'] }));
      const student = await send({ extensions: { persistedQuery } }, devCaller({ user: 'per-00002', roles: ['student'] }));
      // The analyst's document passed the gateway's limits; CREF itself refuses that many years.
      expect({ status: analyst.status, code: analyst.body.errors?.[0]?.extensions?.code, service: analyst.body.errors?.[0]?.extensions?.serviceName }).to.deep.equal({ status: 200, code: 'BAD_USER_INPUT', service: 'cref' });
      expect({ status: student.status, extensions: student.body.errors?.[0]?.extensions }).to.deep.equal({ status: 400, extensions: { code: 'DOCUMENT_TOO_LARGE', measured: 3512, limit: 3000 } });
    });
  });
}
