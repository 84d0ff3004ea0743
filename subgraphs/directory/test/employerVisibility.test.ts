import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { buildSubgraph, createLogger, fixedClock, migrate, type BuiltSubgraph, type Caller } from '@talent-graph/platform';
import { buildWorld, SEED_DATE } from '@talent-graph/platform/demo';
import { createTestDatabase, databaseKinds } from '@talent-graph/platform/testing';
import { definition, openDatabase, seed } from '../src/server.ts';
import type { Loaders } from '../src/loaders.ts';
import { hiddenFromEmployer } from '../src/rules/visibility.ts';

/**
 * Employers never see a minor without a guardian's EMPLOYER_VISIBILITY consent — whatever path
 * reaches the person — and a withdrawal holds on the very next request.
 */
describe('hiddenFromEmployer', () => {
  const employer: Caller = { sub: 'e1', roles: ['employer'], shopId: 'shp-0001', scopes: [] };
  const minor = { personId: 'm1', isMinor: true, employerVisibility: false, guardianIds: ['g1'] };
  it('hides a minor without consent from an employer, and only from an employer', () => {
    expect([
      hiddenFromEmployer(employer, minor),
      hiddenFromEmployer(employer, { ...minor, employerVisibility: true }),
      hiddenFromEmployer(employer, { ...minor, isMinor: false }),
      hiddenFromEmployer({ ...employer, roles: ['student'] }, minor),
      hiddenFromEmployer({ ...employer, sub: 'g1', roles: ['employer', 'guardian'] }, minor),
    ]).to.deep.equal([true, false, false, false, false]);
  });
});

for (const kind of databaseKinds()) {
  describe(`directory: minors and employers [${kind}]`, function () {
    let db: DataSource;
    let built: BuiltSubgraph<Loaders>;
    let minorWithout: string;
    let minorWith: string;
    before(async function () {
      this.timeout(120_000);
      const created = await createTestDatabase(kind);
      db = openDatabase(created.target('directory'));
      await db.initialize();
      await migrate(db);
      await seed(db, buildWorld(0.1));
      built = await buildSubgraph(definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger('directory', 'silent') });
      const rows = (await db.query(`SELECT p.id AS id, EXISTS (SELECT 1 FROM consent c WHERE c.person_id = p.id AND c.purpose = 'EMPLOYER_VISIBILITY' AND c.granted = ${kind === 'postgres' ? 'true' : '1'}) AS visible FROM person p WHERE p.birth_date > '2008-09-02' ORDER BY p.id`)) as { id: string; visible: boolean | number }[];
      minorWithout = rows.find((r) => !r.visible)!.id;
      minorWith = rows.find((r) => Boolean(r.visible))!.id;
    });
    after(async () => {
      await built.apollo.stop();
      await db.destroy();
    });

    const lookup = async (caller: Caller, ids: string[]) => {
      const res = await built.apollo.executeOperation(
        { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id displayName } } }', variables: { r: ids.map((id) => ({ __typename: 'Person', id })) } },
        { contextValue: built.contextFor(caller) },
      );
      return (res.body as { singleResult: { data?: { _entities: ({ id: string } | null)[] } } }).singleResult.data?._entities.map((e) => e?.id ?? null);
    };
    const employer: Caller = { sub: 'per-00020', roles: ['employer'], shopId: 'shp-0001', scopes: [] };

    it('resolves a minor without consent to null for an employer, on any path', async () => {
      expect(await lookup(employer, [minorWithout, minorWith])).to.deep.equal([null, minorWith]);
    });

    it('resolves the same minor for anyone else who reaches them', async () => {
      expect(await lookup({ sub: 'per-00001', roles: ['instructor'], schoolId: 'sch-0001', scopes: [] }, [minorWithout])).to.deep.equal([minorWithout]);
    });

    it('hides a minor from employers on the very next request after the guardian withdraws consent', async () => {
      const [g] = (await db.query(`SELECT guardian_id AS "guardianId" FROM guardianship WHERE ward_id = $1`.replace('$1', kind === 'postgres' ? '$1' : '?'), [minorWith])) as { guardianId: string }[];
      const guardian: Caller = { sub: g!.guardianId, roles: ['guardian'], wards: [minorWith], scopes: [] };
      const res = await built.apollo.executeOperation(
        { query: 'mutation($i: ConsentInput!) { withdrawConsent(input: $i) { consent { granted } } }', variables: { i: { personId: minorWith, purpose: 'EMPLOYER_VISIBILITY' } } },
        { contextValue: built.contextFor(guardian) },
      );
      expect((res.body as { singleResult: { errors?: unknown } }).singleResult.errors).to.equal(undefined);
      expect(await lookup(employer, [minorWith])).to.deep.equal([null]);
    });
  });
}
