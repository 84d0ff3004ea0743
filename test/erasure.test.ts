import { expect } from 'chai';
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { DEV_JWT_SECRET, mintToken, type TokenRequest } from '@talent-graph/gateway';
import { type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * An erasure request removes or anonymises a person's records in every subgraph, in one request,
 * and leaves nothing that still carries their identity — proved with their own subject access
 * request before and after.
 */
const bearer = async (request: Omit<TokenRequest, 'ttlSeconds'>) => ({
  authorization: `Bearer ${await mintToken({ ...request, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'talent-graph', audience: 'talent-graph-api' })}`,
});
const outcome = 'subgraph erased anonymised kept';
const ERASE = `mutation($id: ID) { requestErasure(personId: $id) { id personId requestedAt ${SUBGRAPH_NAMES.map((n) => `${n} { ${outcome} }`).join(' ')} } }`;
const MY_DATA = `query($id: ID) { myData(personId: $id) { ${SUBGRAPH_NAMES.map((n) => `${n} { kind id summary }`).join(' ')} } }`;

type DataRecord = { kind: string; id: string; summary: string };

for (const kind of databaseKinds()) {
  describe(`erasure requests [${kind}]`, function () {
    let stack: Stack;
    let person: string;
    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
      // Someone with records in ASE, I-CAR and WrenchWay whom no other test reads: outside Ohio, the highest id (tests name low ids).
      const icar = (await stack.dbs.icar.query(`SELECT DISTINCT person_id AS id FROM credential ORDER BY person_id DESC`)) as { id: string }[];
      const ase = new Set(((await stack.dbs.ase.query(`SELECT DISTINCT person_id AS id FROM certification`)) as { id: string }[]).map((r) => r.id));
      const ww = new Set(((await stack.dbs.wrenchway.query(`SELECT DISTINCT person_id AS id FROM job_application`)) as { id: string }[]).map((r) => r.id));
      const outside = new Set(((await stack.dbs.directory.query(`SELECT id FROM person WHERE state_code <> 'OH'`)) as { id: string }[]).map((r) => r.id));
      person = icar.map((r) => r.id).find((id) => ase.has(id) && ww.has(id) && outside.has(id))!;
      expect(person, 'a person with records in ase, icar and wrenchway').to.be.a('string');
    });

    it('refuses strangers and support staff, writing nothing', async () => {
      const stranger = await stack.query(ERASE, { id: person }, await bearer({ sub: 'per-00002', roles: ['student'] }));
      const support = await stack.query(ERASE, { id: person }, await bearer({ sub: 'per-00005', roles: ['support'] }));
      const after = await stack.query(MY_DATA, { id: person }, await bearer({ sub: person, roles: ['student'] }));
      expect([stranger.errors?.[0]?.extensions?.code, support.errors?.[0]?.extensions?.code, after.data.myData.ase.length > 0]).to.deep.equal(['FORBIDDEN', 'FORBIDDEN', true]);
    });

    it('erases or anonymises the person’s records in every subgraph, in one request', async () => {
      const caller = await bearer({ sub: person, roles: ['student'] });
      const before = await stack.query(MY_DATA, {}, caller);
      // ASE lists the candidate number as its own record, but it is a column of the certification rows.
      const counts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, (before.data.myData[n] as DataRecord[]).filter((r) => r.kind !== 'CandidateNumber').length]));
      const res = await stack.query(ERASE, {}, caller);
      expect(res.errors).to.equal(undefined);
      const receipt = res.data.requestErasure;
      expect(receipt.personId).to.equal(person);
      for (const name of SUBGRAPH_NAMES) {
        expect(receipt[name].subgraph).to.equal(name);
        // Every record listed before was erased or anonymised (the directory also keeps its person row and consent log).
        if (name !== 'directory') expect(receipt[name].erased + receipt[name].anonymised, name).to.equal(counts[name]);
      }
      const after = await stack.query(MY_DATA, {}, caller);
      expect(SUBGRAPH_NAMES.filter((n) => n !== 'directory').map((n) => [n, after.data.myData[n]])).to.deep.equal(SUBGRAPH_NAMES.filter((n) => n !== 'directory').map((n) => [n, []]));
      const profile = (after.data.myData.directory as DataRecord[]).filter((r) => r.kind === 'Person');
      expect(profile.map((r) => r.summary)).to.deep.equal([`Profile: Erased Person, born 1900-01-01, erased+${person}@invalid.example, ZIP 00000`]);
      expect((after.data.myData.directory as DataRecord[]).filter((r) => ['Credential', 'Guardianship', 'Employment', 'Consent'].includes(r.kind))).to.deep.equal([]);
    });

    it('shows an apprenticeship whose mentor was erased with mentor null and mentorErased, without an error', async () => {
      // A mentor outside Ohio whose apprentice is not the person erased above and whom no other test reads.
      const outside = new Set(((await stack.dbs.directory.query(`SELECT id FROM person WHERE state_code <> 'OH'`)) as { id: string }[]).map((r) => r.id));
      const rows = (await stack.dbs.icar.query(`SELECT id, apprentice_id, mentor_id FROM apprenticeship WHERE id <> 'apr-0001' ORDER BY mentor_id DESC, id`)) as { id: string; apprentice_id: string; mentor_id: string }[];
      const row = rows.find((r) => outside.has(r.mentor_id) && outside.has(r.apprentice_id) && r.apprentice_id !== person && r.mentor_id !== person)!;
      const query = `query($id: ID!) { apprenticeship(id: $id) { id mentor { id } mentorErased apprentice { id } } }`;
      const apprentice = await bearer({ sub: row.apprentice_id, roles: ['student'] });
      const before = await stack.query(query, { id: row.id }, apprentice);
      const erasure = await stack.query(ERASE, {}, await bearer({ sub: row.mentor_id, roles: ['employer'] }));
      const after = await stack.query(query, { id: row.id }, apprentice);
      expect([before.data, before.errors, erasure.errors, after.data, after.errors]).to.deep.equal([
        { apprenticeship: { id: row.id, mentor: { id: row.mentor_id }, mentorErased: false, apprentice: { id: row.apprentice_id } } },
        undefined,
        undefined,
        { apprenticeship: { id: row.id, mentor: null, mentorErased: true, apprentice: { id: row.apprentice_id } } },
        undefined,
      ]);
    });

    it('erases nothing more on a second request', async () => {
      const res = await stack.query(ERASE, {}, await bearer({ sub: person, roles: ['student'] }));
      expect(SUBGRAPH_NAMES.map((n) => res.data.requestErasure[n].erased)).to.deep.equal([0, 0, 0, 0, 0]);
    });
  });
}
