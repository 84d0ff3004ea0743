import { expect } from 'chai';
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { DEV_JWT_SECRET, mintToken, type TokenRequest } from '@talent-graph/gateway';
import { type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Subject access: one request lists every record the graph holds about the caller, from every
 * subgraph; a guardian can ask for a minor in their care; a stranger cannot ask at all.
 */
const bearer = async (request: Omit<TokenRequest, 'ttlSeconds'>) => ({
  authorization: `Bearer ${await mintToken({ ...request, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'talent-graph', audience: 'talent-graph-api' })}`,
});

const fields = SUBGRAPH_NAMES.map((name) => `${name} { subgraph kind id summary recordedAt }`).join(' ');
const MY_DATA = `query($id: ID) { myData(personId: $id) { personId ${fields} } }`;

type Record_ = { subgraph: string; kind: string; id: string };

for (const kind of databaseKinds()) {
  describe(`subject access: myData [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
    });

    it('lists the caller’s records from every subgraph, each tagged with the subgraph that keeps it', async () => {
      const res = await stack.query(MY_DATA, {}, await bearer({ sub: 'per-01811', roles: ['student'] }));
      expect(res.errors).to.equal(undefined);
      const byKind: Record<string, number> = {};
      for (const name of SUBGRAPH_NAMES) {
        for (const r of res.data.myData[name] as Record_[]) {
          expect(r.subgraph).to.equal(name);
          byKind[`${name}.${r.kind}`] = (byKind[`${name}.${r.kind}`] ?? 0) + 1;
        }
      }
      // The directory's own count of the wallet agrees with what ASE and I-CAR list as theirs.
      const [wallet] = await stack.dbs.directory.query(`SELECT COUNT(*) AS n FROM credential WHERE person_id = 'per-01811'`);
      expect(byKind['directory.Credential']).to.equal(Number((wallet as { n: number }).n));
      expect(byKind['directory.Person']).to.equal(1);
      // …and every certification in the wallet is also listed by ASE, every ProLevel credential by I-CAR.
      const [ase] = await stack.dbs.ase.query(`SELECT COUNT(*) AS n FROM certification WHERE person_id = 'per-01811'`);
      const [icar] = await stack.dbs.icar.query(`SELECT COUNT(*) AS n FROM credential WHERE person_id = 'per-01811'`);
      expect([byKind['ase.Certification'], byKind['icar.ICarCredential']]).to.deep.equal([Number((ase as { n: number }).n), Number((icar as { n: number }).n)]);
      expect(byKind['ase.Certification']! + byKind['icar.ICarCredential']!).to.equal(byKind['directory.Credential']);
    });

    it('lets a guardian ask for a minor in their care', async () => {
      const [g] = await stack.dbs.directory.query(`SELECT guardian_id AS "guardianId", ward_id AS "wardId" FROM guardianship ORDER BY ward_id LIMIT 1`);
      const { guardianId, wardId } = g as { guardianId: string; wardId: string };
      const res = await stack.query(MY_DATA, { id: wardId }, await bearer({ sub: guardianId, roles: ['guardian'], wards: [wardId] }));
      expect({ errors: res.errors, personId: res.data.myData.personId, profile: res.data.myData.directory.filter((r: Record_) => r.kind === 'Person').length }).to.deep.equal({ errors: undefined, personId: wardId, profile: 1 });
    });

    it('refuses a stranger, who learns nothing, and asks anonymous callers to sign in', async () => {
      const stranger = await stack.query(MY_DATA, { id: 'per-01811' }, await bearer({ sub: 'per-00002', roles: ['student'], wards: ['per-01811'] }));
      const anonymous = await stack.query(MY_DATA, {});
      expect([stranger.errors?.map((e) => e.extensions?.code), stranger.data?.myData, anonymous.errors?.map((e) => e.extensions?.code)]).to.deep.equal([['FORBIDDEN'], null, ['UNAUTHENTICATED']]);
    });

    it('lets support staff answer a subject access request for anyone', async () => {
      const res = await stack.query(MY_DATA, { id: 'per-01811' }, await bearer({ sub: 'per-00005', roles: ['support'] }));
      expect({ errors: res.errors, personId: res.data.myData.personId }).to.deep.equal({ errors: undefined, personId: 'per-01811' });
    });
  });
}
