import { expect } from 'chai';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { devCaller, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * An employer's applicant list (`JobPost.applications`), through the gateway: only the employer of
 * the job's shop, WrenchWay admins and support; applicants resolved through the directory, so a
 * minor without a guardian's EMPLOYER_VISIBILITY consent is never in an employer's list — not as a
 * person, not as a gap — while support still sees every application.
 */
const APPLICATIONS = 'query($id: ID!) { job(id: $id) { id applications { id status note appliedOn applicant { id displayName } } } }';
const ADULT_BEFORE = `${Number(SEED_DATE.slice(0, 4)) - 18}${SEED_DATE.slice(4)}`;

type Row = { id: string; person_id: string; status: string; note: string | null; applied_on: string };

for (const kind of databaseKinds()) {
  describe(`an employer's applicant list [${kind}]`, function () {
    let stack: Stack;
    let job: { id: string; shop_id: string };
    let adult: string;
    let consentingMinor: string;
    let hiddenMinor: string;
    let rows: Row[];
    const displayNames = new Map<string, string>();

    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
      // An open job nobody has applied to, outside Ohio (other tests read Ohio), and three applicants
      // who have applied to nothing: an adult, a minor whose guardian consented, a minor without consent.
      const jobs = (await stack.dbs.wrenchway.query(`SELECT id, shop_id FROM job_post WHERE status = 'OPEN' AND state_code <> 'OH' AND id NOT IN (SELECT job_id FROM job_application) ORDER BY id DESC`)) as { id: string; shop_id: string }[];
      job = jobs[0]!;
      const applied = new Set(((await stack.dbs.wrenchway.query('SELECT DISTINCT person_id FROM job_application')) as { person_id: string }[]).map((r) => r.person_id));
      const people = (await stack.dbs.directory.query(`SELECT id, birth_date, given_name, family_name FROM person WHERE state_code <> 'OH' ORDER BY id DESC`)) as { id: string; birth_date: string; given_name: string; family_name: string }[];
      const consenting = new Set(((await stack.dbs.directory.query(`SELECT person_id FROM consent WHERE purpose = 'EMPLOYER_VISIBILITY' AND granted = ${kind === 'postgres' ? 'true' : '1'}`)) as { person_id: string }[]).map((r) => r.person_id));
      const fresh = people.filter((p) => !applied.has(p.id));
      const minors = fresh.filter((p) => p.birth_date > ADULT_BEFORE);
      adult = fresh.find((p) => p.birth_date <= ADULT_BEFORE)!.id;
      consentingMinor = minors.find((p) => consenting.has(p.id))!.id;
      hiddenMinor = minors.find((p) => !consenting.has(p.id))!.id;
      expect([job, adult, consentingMinor, hiddenMinor].every(Boolean), 'demo data has the job and the three applicants').to.equal(true);
      for (const p of people) displayNames.set(p.id, `${p.given_name} ${p.family_name.slice(0, 1)}.`);
      for (const person of [adult, consentingMinor, hiddenMinor]) {
        const res = await stack.query('mutation($i: ApplyToJobInput!) { applyToJob(input: $i) { id } }', { i: { jobId: job.id, personId: person, note: `Note from ${person}` } }, devCaller({ user: person, roles: ['student'] }));
        expect(res.errors, person).to.equal(undefined);
      }
      rows = (await stack.dbs.wrenchway.query(`SELECT id, person_id, status, note, applied_on FROM job_application WHERE job_id = '${job.id}' ORDER BY applied_on DESC, id DESC`)) as Row[];
    });

    const listed = (only: string[]) =>
      rows.filter((r) => only.includes(r.person_id)).map((r) => ({ id: r.id, status: r.status, note: r.note, appliedOn: r.applied_on, applicant: { id: r.person_id, displayName: displayNames.get(r.person_id) } }));

    it('shows the employer of the job’s shop its adult applicants and minors with a guardian’s consent, never a minor without', async () => {
      const res = await stack.query(APPLICATIONS, { id: job.id }, devCaller({ user: 'per-09990', roles: ['employer'], shop: job.shop_id }));
      expect(res.errors).to.equal(undefined);
      expect(res.data).to.deep.equal({ job: { id: job.id, applications: listed([adult, consentingMinor]) } });
      expect(JSON.stringify(res.data)).to.not.include(hiddenMinor);
    });

    it('shows support staff and WrenchWay admins every application, minors included', async () => {
      const support = await stack.query(APPLICATIONS, { id: job.id }, devCaller({ user: 'per-00005', roles: ['support'] }));
      const admin = await stack.query(APPLICATIONS, { id: job.id }, devCaller({ user: 'per-00006', roles: ['partner_admin'], partner: 'wrenchway' }));
      const all = { job: { id: job.id, applications: listed([adult, consentingMinor, hiddenMinor]) } };
      expect([support.errors, support.data, admin.errors, admin.data]).to.deep.equal([undefined, all, undefined, all]);
    });

    it('refuses the employer of another shop in the subgraph, and everybody else at the gateway', async () => {
      const outcome = async (headers: Record<string, string>) => {
        const res = await stack.query(APPLICATIONS, { id: job.id }, headers);
        return { data: res.data, errors: (res.errors ?? []).map((e) => [e.extensions?.code, e.path?.join('.')]) };
      };
      const refused = (code: string) => ({ data: { job: { id: job.id, applications: null } }, errors: [[code, 'job.applications']] });
      expect({
        otherShop: await outcome(devCaller({ user: 'per-09991', roles: ['employer'], shop: job.shop_id === 'shp-0001' ? 'shp-0002' : 'shp-0001' })),
        applicant: await outcome(devCaller({ user: adult, roles: ['student'] })),
        aseAdmin: await outcome(devCaller({ user: 'per-00007', roles: ['partner_admin'], partner: 'ase' })),
        anonymous: await outcome({}),
      }).to.deep.equal({ otherShop: refused('FORBIDDEN'), applicant: refused('FORBIDDEN'), aseAdmin: refused('FORBIDDEN'), anonymous: refused('UNAUTHENTICATED') });
    });

    it('never resolves the hidden minor for the employer on any path, even named directly', async () => {
      const res = await stack.query('query($id: ID!) { person(id: $id) { id } }', { id: hiddenMinor }, devCaller({ user: 'per-09990', roles: ['employer'], shop: job.shop_id }));
      expect(res.data).to.deep.equal({ person: null });
    });

    it('lists the applications of many jobs with the same SQL statements as of a few (DataLoader)', async function () {
      this.timeout(60_000);
      const q = 'query($n: Int) { jobs(first: $n) { edges { node { id applications { id applicant { id displayName } } } } } }';
      const support = devCaller({ user: 'per-00005', roles: ['support'] });
      const few = await stack.countStatements(() => stack.query(q, { n: 3 }, support));
      const many = await stack.countStatements(() => stack.query(q, { n: 60 }, support));
      expect(many).to.deep.equal(few);
    });
  });
}
