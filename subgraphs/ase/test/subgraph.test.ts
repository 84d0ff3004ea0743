import { expect } from 'chai';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { AccreditationEntity } from '../src/entities/AccreditationEntity.ts';
import { AseTestEntity } from '../src/entities/AseTestEntity.ts';
import { CertificationEntity } from '../src/entities/CertificationEntity.ts';
import { ShopServiceAreaEntity } from '../src/entities/ShopServiceAreaEntity.ts';
import { blueSealStatus } from '../src/rules/blueSeal.ts';
import { createAseFixture, type AseFixture } from './fixtures.ts';

const PERSON_FIELDS = `
  _entities(representations: $representations) {
    ... on Person {
      id
      aseCurrentTestCodes
      aseMasterStatuses { program achieved missingTests }
    }
  }`;

for (const kind of databaseKinds()) {
  describe(`ase subgraph [${kind}]`, function () {
    let fx: AseFixture;
    before(async function () {
      fx = await createAseFixture(kind);
    });
    after(async () => {
      await fx.close();
    });

    describe('Person', () => {
      it('resolves current test codes and both Master statuses for many people at once', async () => {
        const result = await fx.run(`query ($representations: [_Any!]!) { ${PERSON_FIELDS} }`, {
          representations: ['per-fx-01', 'per-fx-02', 'per-fx-03', 'per-fx-99'].map((id) => ({ __typename: 'Person', id })),
        });
        expect(result.errors).to.equal(undefined);
        const allMissing = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'];
        expect(result.data).to.deep.equal({
          _entities: [
            {
              id: 'per-fx-01',
              aseCurrentTestCodes: allMissing,
              aseMasterStatuses: [
                { program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: true, missingTests: [] },
                { program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: false, missingTests: ['B2', 'B3', 'B4', 'B5'] },
              ],
            },
            {
              id: 'per-fx-02',
              aseCurrentTestCodes: ['A1', 'A2', 'A4', 'A5', 'A6', 'A7', 'A8', 'B2'],
              aseMasterStatuses: [
                { program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: false, missingTests: ['A3'] },
                { program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: false, missingTests: ['B3', 'B4', 'B5'] },
              ],
            },
            {
              id: 'per-fx-03',
              aseCurrentTestCodes: ['EL-A5'],
              aseMasterStatuses: [
                { program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: false, missingTests: allMissing },
                { program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: false, missingTests: ['B2', 'B3', 'B4', 'B5'] },
              ],
            },
            {
              id: 'per-fx-99',
              aseCurrentTestCodes: [],
              aseMasterStatuses: [
                { program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: false, missingTests: allMissing },
                { program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: false, missingTests: ['B2', 'B3', 'B4', 'B5'] },
              ],
            },
          ],
        });
      });

      it('loads the certifications of a hundred people in one statement', async () => {
        const people = fx.world.people.slice(0, 100).map((p) => ({ __typename: 'Person', id: p.id }));
        fx.counter.reset();
        const result = await fx.run(`query ($representations: [_Any!]!) { ${PERSON_FIELDS} }`, { representations: people });
        expect({ errors: result.errors, entities: (result.data!._entities as unknown[]).length, statements: fx.counter.count }).to.deep.equal({ errors: undefined, entities: 100, statements: 1 });
      });

      it('lists current certifications newest first, and expired ones on request', async () => {
        const query = `query ($representations: [_Any!]!, $includeExpired: Boolean) {
          _entities(representations: $representations) { ... on Person { aseCertifications(includeExpired: $includeExpired) { id test { code } } } }
        }`;
        const representations = [{ __typename: 'Person', id: 'per-fx-02' }];
        const current = await fx.run(query, { representations, includeExpired: false });
        const all = await fx.run(query, { representations, includeExpired: true });
        const codes = (r: Awaited<ReturnType<AseFixture['run']>>) => ((r.data!._entities as { aseCertifications: { id: string; test: { code: string } }[] }[])[0]!.aseCertifications).map((c) => `${c.id}:${c.test.code}`);
        expect({ current: codes(current), all: codes(all) }).to.deep.equal({
          current: ['ase-cert-fx-30:B2', 'ase-cert-fx-27:A8', 'ase-cert-fx-25:A6', 'ase-cert-fx-24:A5', 'ase-cert-fx-23:A4', 'ase-cert-fx-21:A2', 'ase-cert-fx-20:A1', 'ase-cert-fx-26:A7'],
          all: ['ase-cert-fx-30:B2', 'ase-cert-fx-27:A8', 'ase-cert-fx-25:A6', 'ase-cert-fx-24:A5', 'ase-cert-fx-23:A4', 'ase-cert-fx-21:A2', 'ase-cert-fx-20:A1', 'ase-cert-fx-26:A7', 'ase-cert-fx-22:A3'],
        });
      });

      it('resolves the internal candidate id, null for someone never tested', async () => {
        const result = await fx.run(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id aseCandidateId } } }`, {
          representations: [{ __typename: 'Person', id: 'per-fx-04' }, { __typename: 'Person', id: 'per-fx-99' }],
        });
        expect(result.data).to.deep.equal({ _entities: [{ id: 'per-fx-04', aseCandidateId: 'ASE-FX-04' }, { id: 'per-fx-99', aseCandidateId: null }] });
      });
    });

    describe('AseCertification', () => {
      it('resolves references with the test, experience credited and recertification date; unknown ids are null', async () => {
        const result = await fx.run(
          `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on AseCertification {
            id test { code name series entryLevel validityYears } experienceMonthsCredited experienceRequirementMet recertificationOpensOn renewalOf { id test { code } }
          } } }`,
          { representations: ['ase-cert-fx-14', 'ase-cert-fx-40', 'ase-cert-nope'].map((id) => ({ __typename: 'AseCertification', id })) },
        );
        expect(result).to.deep.equal({
          data: {
            _entities: [
              {
                id: 'ase-cert-fx-14',
                test: { code: 'A5', name: 'Brakes', series: 'AUTOMOBILE', entryLevel: false, validityYears: 5 },
                experienceMonthsCredited: 120,
                experienceRequirementMet: true,
                recertificationOpensOn: '2028-01-16',
                renewalOf: { id: 'ase-cert-fx-01', test: { code: 'A5' } },
              },
              {
                id: 'ase-cert-fx-40',
                test: { code: 'EL-A5', name: 'Brakes (Entry-Level)', series: 'ENTRY_LEVEL', entryLevel: true, validityYears: 2 },
                experienceMonthsCredited: 6,
                experienceRequirementMet: true,
                recertificationOpensOn: '2026-03-02',
                renewalOf: null,
              },
              null,
            ],
          },
        });
      });

      it('resolves 200 seeded certifications in one statement for the certifications and one for their tests', async () => {
        const ids = Array.from({ length: 200 }, (_, i) => `ase-cert-${String(i + 1).padStart(6, '0')}`);
        fx.counter.reset();
        const result = await fx.run(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on AseCertification { id experienceRequirementMet test { code } } } }`, {
          representations: ids.map((id) => ({ __typename: 'AseCertification', id })),
        });
        const entities = result.data!._entities as { id: string; experienceRequirementMet: boolean }[];
        expect({ ids: entities.map((e) => e.id), allMet: entities.every((e) => e.experienceRequirementMet), statements: fx.counter.count }).to.deep.equal({ ids, allMet: true, statements: 2 });
      });
    });

    describe('Shop Blue Seal', () => {
      const BLUE_SEAL = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Shop {
        id aseBlueSeal { qualified technicianCount certifiedTechnicianCount certifiedShare serviceAreas uncoveredServiceAreas }
      } } }`;

      it('decides from the technicianIds the gateway passes: 50%, exactly 75%, an uncovered area, no technicians', async () => {
        const team = ['per-fx-01', 'per-fx-02', 'per-fx-04', 'per-fx-03'];
        const result = await fx.run(BLUE_SEAL, {
          representations: [
            { __typename: 'Shop', id: 'shp-fx-1', technicianIds: ['per-fx-01', 'per-fx-02', 'per-fx-03', 'per-fx-99'] },
            { __typename: 'Shop', id: 'shp-fx-2', technicianIds: team },
            { __typename: 'Shop', id: 'shp-fx-3', technicianIds: team },
            { __typename: 'Shop', id: 'shp-fx-4', technicianIds: [] },
          ],
        });
        expect(result).to.deep.equal({
          data: {
            _entities: [
              // Four technicians: the certified counts are small groups, withheld; the decision is still made on them.
              { id: 'shp-fx-1', aseBlueSeal: { qualified: false, technicianCount: 4, certifiedTechnicianCount: null, certifiedShare: null, serviceAreas: ['A4', 'A5'], uncoveredServiceAreas: [] } },
              { id: 'shp-fx-2', aseBlueSeal: { qualified: true, technicianCount: 4, certifiedTechnicianCount: null, certifiedShare: null, serviceAreas: ['A3', 'A5'], uncoveredServiceAreas: [] } },
              { id: 'shp-fx-3', aseBlueSeal: { qualified: false, technicianCount: 4, certifiedTechnicianCount: null, certifiedShare: null, serviceAreas: ['A5', 'B4'], uncoveredServiceAreas: ['B4'] } },
              { id: 'shp-fx-4', aseBlueSeal: { qualified: false, technicianCount: 0, certifiedTechnicianCount: 0, certifiedShare: 0, serviceAreas: [], uncoveredServiceAreas: [] } },
            ],
          },
        });
      });

      it('decides on the day: a certification lapsing today, one earned today, one not yet earned, an Entry-Level one', async () => {
        const result = await fx.run(BLUE_SEAL, { representations: [{ __typename: 'Shop', id: 'shp-fx-5', technicianIds: ['per-fx-02', 'per-fx-05', 'per-fx-03'] }] });
        expect(result).to.deep.equal({
          data: {
            _entities: [
              // per-fx-02's A3 lapses today and A7 is in its last day; per-fx-05's B4 was earned
              // today and B3 only tomorrow; per-fx-03 holds Entry-Level EL-A5 only, so is not certified.
              { id: 'shp-fx-5', aseBlueSeal: { qualified: false, technicianCount: 3, certifiedTechnicianCount: null, certifiedShare: null, serviceAreas: ['A3', 'A7', 'B3', 'B4'], uncoveredServiceAreas: ['A3', 'B3'] } },
            ],
          },
        });
      });

      it('answers as the rule does over every certification of every technician, for each seeded shop', async () => {
        const techsOf = (shopId: string) => fx.world.people.filter((p) => p.shopId === shopId && p.roles.includes('TECHNICIAN')).map((p) => p.id);
        const shops = [...fx.world.shops.map((s) => ({ id: s.id, technicianIds: techsOf(s.id) })), { id: 'shp-fx-5', technicianIds: ['per-fx-01', 'per-fx-02', 'per-fx-03', 'per-fx-04', 'per-fx-05'] }];
        const result = await fx.run(BLUE_SEAL, { representations: shops.map((s) => ({ __typename: 'Shop', ...s })) });
        // The rule's own answer, from the whole tables: every certification (expired and
        // Entry-Level ones too), each test's Entry-Level flag, every service area.
        const entryLevel = new Map((await fx.db.getRepository(AseTestEntity).find()).map((t) => [t.code, t.entryLevel]));
        const certifications = await fx.db.getRepository(CertificationEntity).find();
        const areas = await fx.db.getRepository(ShopServiceAreaEntity).find();
        const expected = shops.map((shop) => {
          // The call does not ask for certificationCountsSuppressed.
          const { certificationCountsSuppressed: _notAsked, ...status } = blueSealStatus({
            technicians: shop.technicianIds.map((technicianId) => ({
              technicianId,
              certifications: certifications.filter((c) => c.personId === technicianId).map((c) => ({ ...c, entryLevel: entryLevel.get(c.testCode) ?? false })),
            })),
            serviceAreas: areas.filter((a) => a.shopId === shop.id).map((a) => a.testCode),
            today: SEED_DATE,
          });
          return { id: shop.id, aseBlueSeal: status };
        });
        const answered = result.data!._entities as { id: string; aseBlueSeal: Record<string, unknown> }[];
        expect({ errors: result.errors, shops: answered.length, someQualified: answered.some((e) => e.aseBlueSeal.qualified) }).to.deep.equal({ errors: undefined, shops: shops.length, someQualified: true });
        expect(answered).to.deep.equal(expected);
      });

      it('loads every shop’s technicians’ certifications in one statement, however many shops', async () => {
        const techsOf = (shopId: string) => fx.world.people.filter((p) => p.shopId === shopId && p.roles.includes('TECHNICIAN')).map((p) => p.id);
        const statementsFor = async (shopCount: number) => {
          const representations = fx.world.shops.slice(0, shopCount).map((s) => ({ __typename: 'Shop', id: s.id, technicianIds: techsOf(s.id) }));
          fx.counter.reset();
          fx.counter.keep = true;
          const result = await fx.run(BLUE_SEAL, { representations });
          fx.counter.keep = false;
          const statements = fx.counter.statements;
          return {
            errors: result.errors,
            shops: (result.data!._entities as unknown[]).length,
            certificationStatements: statements.filter((s) => /from\s+(?:"\w+"\.)?"certification"/i.test(s)).length,
            revisionStatements: statements.filter((s) => /from\s+(?:"\w+"\.)?"?data_revision"?/i.test(s)).length,
            total: statements.length,
          };
        };
        // The first call of a process (or after a write to shop_service_area) also reads the table.
        await statementsFor(1);
        expect([await statementsFor(2), await statementsFor(fx.world.shops.length)]).to.deep.equal([
          { errors: undefined, shops: 2, certificationStatements: 1, revisionStatements: 1, total: 2 },
          { errors: undefined, shops: fx.world.shops.length, certificationStatements: 1, revisionStatements: 1, total: 2 },
        ]);
      });

      it('shows a service area added or removed on the very next call', async () => {
        const areasOf = async () => {
          const result = await fx.run(BLUE_SEAL, { representations: [{ __typename: 'Shop', id: 'shp-fx-6', technicianIds: ['per-fx-01'] }] });
          return (result.data!._entities as { aseBlueSeal: { serviceAreas: string[] } }[])[0]!.aseBlueSeal.serviceAreas;
        };
        const areas = fx.db.getRepository(ShopServiceAreaEntity);
        const before = await areasOf();
        await areas.insert([{ shopId: 'shp-fx-6', testCode: 'A5' }, { shopId: 'shp-fx-6', testCode: 'A1' }]);
        const added = await areasOf();
        await areas.delete({ shopId: 'shp-fx-6', testCode: 'A5' });
        const removed = await areasOf();
        await areas.delete({ shopId: 'shp-fx-6' });
        expect({ before, added, removed, cleared: await areasOf() }).to.deep.equal({ before: [], added: ['A1', 'A5'], removed: ['A1'], cleared: [] });
      });

      it('fails only that field, masked, when the gateway did not pass technicianIds', async () => {
        const result = await fx.run(BLUE_SEAL, { representations: [{ __typename: 'Shop', id: 'shp-fx-1' }] });
        expect(result).to.deep.equal({
          data: { _entities: [{ id: 'shp-fx-1', aseBlueSeal: null }] },
          errors: [{ message: 'Internal server error', path: ['_entities', 0, 'aseBlueSeal'], locations: [{ line: 2, column: 12 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      });

      it('some seeded shops qualify and some do not', async () => {
        const representations = fx.world.shops.map((s) => ({
          __typename: 'Shop',
          id: s.id,
          technicianIds: fx.world.people.filter((p) => p.shopId === s.id && p.roles.includes('TECHNICIAN')).map((p) => p.id),
        }));
        const result = await fx.run(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Shop { aseBlueSeal { qualified serviceAreas } } } }`, { representations });
        const seals = (result.data!._entities as { aseBlueSeal: { qualified: boolean; serviceAreas: string[] } }[]).map((e) => e.aseBlueSeal);
        expect({ someQualified: seals.some((s) => s.qualified), someNot: seals.some((s) => !s.qualified), everyShopOffersAreas: seals.every((s) => s.serviceAreas.length >= 2) }).to.deep.equal({
          someQualified: true,
          someNot: true,
          everyShopOffersAreas: true,
        });
      });
    });

    describe('Program accreditation', () => {
      it('gives the latest accreditation with its status, null when never accredited', async () => {
        const result = await fx.run(
          `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Program { id aseAccreditation { id accreditedOn expiresOn status program { id } } } } }`,
          { representations: ['prg-fx-3', 'prg-fx-4', 'prg-fx-5', 'prg-fx-none'].map((id) => ({ __typename: 'Program', id })) },
        );
        expect(result).to.deep.equal({
          data: {
            _entities: [
              { id: 'prg-fx-3', aseAccreditation: { id: 'ase-acc-fx-4', accreditedOn: '2023-01-20', expiresOn: '2028-01-21', status: 'CURRENT', program: { id: 'prg-fx-3' } } },
              { id: 'prg-fx-4', aseAccreditation: { id: 'ase-acc-fx-5', accreditedOn: '2021-09-01', expiresOn: '2026-09-02', status: 'CURRENT', program: { id: 'prg-fx-4' } } },
              { id: 'prg-fx-5', aseAccreditation: { id: 'ase-acc-fx-6', accreditedOn: '2021-08-31', expiresOn: '2026-09-01', status: 'EXPIRED', program: { id: 'prg-fx-5' } } },
              { id: 'prg-fx-none', aseAccreditation: null },
            ],
          },
        });
      });

      const ACCREDITATION = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Program { id aseAccreditation { id status } } } }`;

      it('answers any number of programs with one statement', async () => {
        const representations = fx.world.programs.map((p) => ({ __typename: 'Program', id: p.id }));
        // The first call of a process (or after a write to accreditation) also reads the table.
        await fx.run(ACCREDITATION, { representations: representations.slice(0, 1) });
        fx.counter.reset();
        const result = await fx.run(ACCREDITATION, { representations });
        const answered = result.data!._entities as { aseAccreditation: unknown }[];
        expect({ errors: result.errors, programs: answered.length, accredited: answered.some((e) => e.aseAccreditation !== null), statements: fx.counter.count }).to.deep.equal({
          errors: undefined,
          programs: representations.length,
          accredited: true,
          statements: 1,
        });
      });

      it('shows an accreditation granted, renewed or withdrawn on the very next call', async () => {
        const accreditationOf = async () => {
          const result = await fx.run(ACCREDITATION, { representations: [{ __typename: 'Program', id: 'prg-fx-6' }] });
          return (result.data!._entities as { aseAccreditation: { id: string; status: string } | null }[])[0]!.aseAccreditation;
        };
        const accreditations = fx.db.getRepository(AccreditationEntity);
        const before = await accreditationOf();
        await accreditations.insert({ id: 'ase-acc-fx-7', programId: 'prg-fx-6', stateCode: 'QB', accreditedOn: '2020-01-10', expiresOn: '2025-01-11' });
        const granted = await accreditationOf();
        await accreditations.insert({ id: 'ase-acc-fx-8', programId: 'prg-fx-6', stateCode: 'QB', accreditedOn: '2025-01-10', expiresOn: '2030-01-11' });
        const renewed = await accreditationOf();
        await accreditations.delete({ programId: 'prg-fx-6' });
        expect({ before, granted, renewed, withdrawn: await accreditationOf() }).to.deep.equal({
          before: null,
          granted: { id: 'ase-acc-fx-7', status: 'EXPIRED' },
          renewed: { id: 'ase-acc-fx-8', status: 'CURRENT' },
          withdrawn: null,
        });
      });
    });

    describe('State accredited programs', () => {
      const STATE = `query ($representations: [_Any!]!, $first: Int, $after: String, $currentOnly: Boolean) {
        _entities(representations: $representations) { ... on State {
          aseAccreditedPrograms(first: $first, after: $after, currentOnly: $currentOnly) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id program { id } status } } }
        } } }`;
      type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string; program: { id: string }; status: string } }[] };
      const page = async (variables: Record<string, unknown>) => {
        const result = await fx.run(STATE, { representations: [{ __typename: 'State', code: 'QA' }], ...variables });
        if (result.errors) return { errors: result.errors.map((e) => ({ code: e.extensions?.code, fields: e.extensions?.fields })) };
        return (result.data!._entities as { aseAccreditedPrograms: Page }[])[0]!.aseAccreditedPrograms;
      };
      const nodes = (p: Page) => p.edges.map((e) => `${e.node.program.id}:${e.node.id}:${e.node.status}`);

      it('lists current accreditations by program, the latest one per program', async () => {
        const p = (await page({ first: 10 })) as Page;
        expect({ totalCount: p.totalCount, hasNextPage: p.pageInfo.hasNextPage, nodes: nodes(p) }).to.deep.equal({
          totalCount: 3,
          hasNextPage: false,
          nodes: ['prg-fx-1:ase-acc-fx-1:CURRENT', 'prg-fx-3:ase-acc-fx-4:CURRENT', 'prg-fx-4:ase-acc-fx-5:CURRENT'],
        });
      });

      it('pages through current and expired ones with first/after without gaps or repeats', async () => {
        const first = (await page({ first: 2, currentOnly: false })) as Page;
        const second = (await page({ first: 2, after: first.pageInfo.endCursor, currentOnly: false })) as Page;
        const third = (await page({ first: 2, after: second.pageInfo.endCursor, currentOnly: false })) as Page;
        expect([first, second, third].map((p) => ({ totalCount: p.totalCount, hasNextPage: p.pageInfo.hasNextPage, nodes: nodes(p) }))).to.deep.equal([
          { totalCount: 5, hasNextPage: true, nodes: ['prg-fx-1:ase-acc-fx-1:CURRENT', 'prg-fx-2:ase-acc-fx-2:EXPIRED'] },
          { totalCount: 5, hasNextPage: true, nodes: ['prg-fx-3:ase-acc-fx-4:CURRENT', 'prg-fx-4:ase-acc-fx-5:CURRENT'] },
          { totalCount: 5, hasNextPage: false, nodes: ['prg-fx-5:ase-acc-fx-6:EXPIRED'] },
        ]);
      });

      it('rejects a cursor it did not issue and a page size out of range with BAD_USER_INPUT', async () => {
        expect([await page({ after: 'not-a-cursor' }), await page({ first: 500 })]).to.deep.equal([
          { errors: [{ code: 'BAD_USER_INPUT', fields: [{ field: 'after', message: 'is not a cursor returned by this field' }] }] },
          { errors: [{ code: 'BAD_USER_INPUT', fields: [{ field: 'first', message: 'must be an integer from 0 to 100' }] }] },
        ]);
      });

      it('lists seeded accreditations of a real state', async () => {
        const stateCode = fx.world.schools.find((s) => fx.world.programs.some((p) => p.schoolId === s.id))!.stateCode;
        const result = await fx.run(STATE, { representations: [{ __typename: 'State', code: stateCode }], first: 100, currentOnly: false });
        const p = (result.data!._entities as { aseAccreditedPrograms: Page }[])[0]!.aseAccreditedPrograms;
        const programIds = p.edges.map((e) => e.node.program.id);
        expect({ count: p.totalCount === programIds.length, sorted: [...programIds].sort().join(), unique: new Set(programIds).size }).to.deep.equal({ count: true, sorted: programIds.join(), unique: programIds.length });
      });
    });

    describe('Query.aseTests', () => {
      it('lists the collision series in catalogue order', async () => {
        const result = await fx.run(`{ aseTests(series: COLLISION) { code name series entryLevel validityYears } }`);
        expect(result.data).to.deep.equal({
          aseTests: [
            { code: 'B2', name: 'Painting and Refinishing', series: 'COLLISION', entryLevel: false, validityYears: 5 },
            { code: 'B3', name: 'Non-Structural Analysis and Damage Repair', series: 'COLLISION', entryLevel: false, validityYears: 5 },
            { code: 'B4', name: 'Structural Analysis and Damage Repair', series: 'COLLISION', entryLevel: false, validityYears: 5 },
            { code: 'B5', name: 'Mechanical and Electrical Components', series: 'COLLISION', entryLevel: false, validityYears: 5 },
            { code: 'B6', name: 'Damage Analysis and Estimating', series: 'COLLISION', entryLevel: false, validityYears: 5 },
          ],
        });
      });

      it('lists every test without a series, A1 first and Entry-Level ones valid 2 years', async () => {
        const result = await fx.run(`{ aseTests { code entryLevel validityYears } }`);
        const tests = result.data!.aseTests as { code: string; entryLevel: boolean; validityYears: number }[];
        expect({
          count: tests.length,
          first: tests[0],
          entryLevelValidity: [...new Set(tests.filter((t) => t.entryLevel).map((t) => t.validityYears))],
          truck: tests.filter((t) => t.code.startsWith('T')).map((t) => t.code),
        }).to.deep.equal({ count: 51, first: { code: 'A1', entryLevel: false, validityYears: 5 }, entryLevelValidity: [2], truck: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8'] });
      });
    });
  });
}
