import { expect } from 'chai';
import type { Caller, DataRecord } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { createAseFixture, type AseFixture } from './fixtures.ts';

const ERASE = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on ErasureReceipt { id personId ase { subgraph erased anonymised kept } } }
}`;

const MY_DATA = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on MyData { personId ase { kind id } } }
}`;

const person = (sub: string): Caller => ({ sub, roles: ['student'], scopes: [] });
const guardianOf = (...wards: string[]): Caller => ({ sub: 'per-fx-guardian', roles: ['guardian'], wards, scopes: [] });
const SUPPORT: Caller = { sub: 'per-fx-support', roles: ['support'], scopes: [] };

type Result = Awaited<ReturnType<AseFixture['run']>>;
interface Outcome {
  subgraph: string;
  erased: number;
  anonymised: number;
  kept: string[];
}
type CertRow = { id: string; person_id: string; candidate_id: string; renewal_of: string | null } & Record<string, unknown>;

for (const kind of databaseKinds()) {
  describe(`ase erasure [${kind}]`, function () {
    let fx: AseFixture;
    before(async function () {
      fx = await createAseFixture(kind);
    });
    after(async () => {
      await fx.close();
    });

    const p = (n: number) => (kind === 'postgres' ? `$${n}` : '?');

    /** The whole certification table, read directly, in a stable order. */
    async function table(): Promise<CertRow[]> {
      return (await fx.db.query(`SELECT * FROM certification ORDER BY id`)) as CertRow[];
    }

    async function erase(personId: string, caller: Caller, receiptId = 'era-fx-1'): Promise<Result> {
      return fx.run(ERASE, { representations: [{ __typename: 'ErasureReceipt', id: receiptId, personId }] }, caller);
    }

    const outcomeOf = (r: Result) => ((r.data?._entities ?? []) as ({ id: string; personId: string; ase: Outcome } | null)[])[0];

    async function myData(personId: string): Promise<DataRecord[]> {
      const r = await fx.run(MY_DATA, { representations: [{ __typename: 'MyData', personId }] }, person(personId));
      expect(r.errors).to.equal(undefined);
      return ((r.data!._entities as { ase: DataRecord[] }[])[0]!).ase;
    }

    /** Erases as `caller` and checks the counts against what left the table, and that nobody else's rows moved. */
    async function eraseAndCheck(personId: string, caller: Caller): Promise<Outcome> {
      const before = await table();
      const theirs = before.filter((r) => r.person_id === personId);
      const result = await erase(personId, caller);
      expect(result.errors).to.equal(undefined);
      const receipt = outcomeOf(result)!;
      const after = await table();
      expect({ id: receipt.id, personId: receipt.personId, outcome: receipt.ase, remaining: after }).to.deep.equal({
        id: 'era-fx-1',
        personId,
        outcome: { subgraph: 'ase', erased: theirs.length, anonymised: 0, kept: [] },
        remaining: before.filter((r) => r.person_id !== personId),
      });
      // Nothing left carries the person's id or their candidate number.
      const candidates = new Set(theirs.map((r) => r.candidate_id));
      expect(after.filter((r) => r.person_id === personId || candidates.has(r.candidate_id) || theirs.some((t) => t.id === r.renewal_of))).to.deep.equal([]);
      expect(await myData(personId)).to.deep.equal([]);
      return receipt.ase;
    }

    it('erases every certification and the candidate number of the person, and nothing of anyone else', async () => {
      const listed = await myData('per-fx-01');
      expect(listed.map((r) => r.kind).sort()).to.deep.equal(['CandidateNumber', ...Array<string>(9).fill('Certification')]);
      // per-fx-01 has a renewal chain (A5 2024 renews A5 2019): both go in the same request.
      expect(await eraseAndCheck('per-fx-01', person('per-fx-01'))).to.deep.equal({ subgraph: 'ase', erased: 9, anonymised: 0, kept: [] });
      expect(await myData('per-fx-02')).to.have.length(10);
    });

    it('erases 0 and writes nothing on a second request', async () => {
      const before = await table();
      for (const receiptId of ['era-fx-1', 'era-fx-2']) {
        const result = await erase('per-fx-01', person('per-fx-01'), receiptId);
        expect({ errors: result.errors, outcome: outcomeOf(result)?.ase }).to.deep.equal({ errors: undefined, outcome: { subgraph: 'ase', erased: 0, anonymised: 0, kept: [] } });
      }
      expect(await table()).to.deep.equal(before);
      // Someone never tested: nothing to erase either.
      expect(outcomeOf(await erase('per-fx-99', person('per-fx-99')))?.ase).to.deep.equal({ subgraph: 'ase', erased: 0, anonymised: 0, kept: [] });
    });

    it('lets a guardian named in the token erase a minor’s records', async () => {
      expect(await eraseAndCheck('per-fx-03', guardianOf('per-fx-03'))).to.deep.equal({ subgraph: 'ase', erased: 1, anonymised: 0, kept: [] });
    });

    it('erases a seeded person with renewal chains, counting exactly the rows removed', async () => {
      const rows = (await fx.db.query(
        `SELECT person_id, COUNT(*) AS n FROM certification WHERE person_id IN (SELECT person_id FROM certification WHERE renewal_of IS NOT NULL AND id NOT LIKE ${p(1)}) GROUP BY person_id ORDER BY COUNT(*) DESC, person_id`,
        ['ase-cert-fx-%'],
      )) as { person_id: string; n: number | string }[];
      expect(rows.length).to.be.greaterThan(0);
      const { person_id: personId, n } = rows[0]!;
      expect(Number(n)).to.be.greaterThan(1);
      expect(await eraseAndCheck(personId, person(personId))).to.deep.equal({ subgraph: 'ase', erased: Number(n), anonymised: 0, kept: [] });
    });

    it('refuses support, a stranger, an admin, an anonymous caller and a guardian of someone else with FORBIDDEN, writing nothing', async () => {
      const before = await table();
      expect(before.filter((r) => r.person_id === 'per-fx-02')).to.have.length(9);
      const callers: Caller[] = [
        SUPPORT,
        person('per-fx-04'),
        { sub: 'per-fx-admin', roles: ['partner_admin'], partner: 'ase', scopes: [] },
        { sub: null, roles: [], scopes: [] },
        guardianOf('per-fx-04'),
        { sub: 'per-fx-employer', roles: ['employer'], shopId: 'shp-fx-1', scopes: [] },
      ];
      for (const caller of callers) {
        const result = await erase('per-fx-02', caller);
        expect({ caller: caller.sub, ase: (result.data?._entities as Record<string, unknown>[])[0]!.ase, codes: (result.errors ?? []).map((e) => e.extensions?.code), paths: (result.errors ?? []).map((e) => e.path) }).to.deep.equal({
          caller: caller.sub,
          ase: null,
          codes: ['FORBIDDEN'],
          paths: [['_entities', 0, 'ase']],
        });
      }
      expect(await table()).to.deep.equal(before);
    });

    it('erases only the people the caller may erase when one request names several', async () => {
      const before = await table();
      const result = await fx.run(
        ERASE,
        {
          representations: [
            { __typename: 'ErasureReceipt', id: 'era-fx-3', personId: 'per-fx-04' },
            { __typename: 'ErasureReceipt', id: 'era-fx-4', personId: 'per-fx-02' },
          ],
        },
        person('per-fx-04'),
      );
      expect({ outcome: outcomeOf(result)?.ase, second: (result.data?._entities as Record<string, unknown>[])[1]!.ase, codes: (result.errors ?? []).map((e) => e.extensions?.code) }).to.deep.equal({
        outcome: { subgraph: 'ase', erased: 1, anonymised: 0, kept: [] },
        second: null,
        codes: ['FORBIDDEN'],
      });
      expect(await table()).to.deep.equal(before.filter((r) => r.person_id !== 'per-fx-04'));
    });
  });
}
