import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { createLogger, listen, type Listening, type SubgraphName } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { buildGateway, type BuiltGateway } from '@talent-graph/gateway';
import { devCaller, operationCaller, postGraphQL, ROOT, SUPERGRAPH_SDL, type GraphQLResponse, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Each Federation feature the supergraph uses, proved through the gateway: values a client sees,
 * and (through the per-subgraph SQL counters) which subgraphs did the work.
 */

const OPERATIONS_DIR = `${ROOT}schema/operations/`;
const operation = (name: string): string => readFileSync(`${OPERATIONS_DIR}${name}.graphql`, 'utf8');
const variables = (name: string): Record<string, unknown> => JSON.parse(readFileSync(`${OPERATIONS_DIR}${name}.variables.json`, 'utf8')) as Record<string, unknown>;

/** The public-profile technician the canonical operations use. */
const JOSE = 'per-01811';
/** A 16-year-old who granted PUBLIC_PROFILE: a minor is never public whatever the consent. */
const PUBLIC_MINOR = 'per-01104';
/** Reads every person, whatever their consents. */
const SUPPORT = devCaller({ user: 'per-00002', roles: ['support'] });

const ZERO: Record<SubgraphName, number> = { directory: 0, ase: 0, icar: 0, cref: 0, wrenchway: 0 };

/** Runs a query and returns the response with the SQL statements each subgraph ran for it. */
async function measured(stack: Stack, query: string, vars?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ res: GraphQLResponse; statements: Record<SubgraphName, number> }> {
  let res: GraphQLResponse | undefined;
  const statements = await stack.countStatements(async () => {
    res = await stack.query(query, vars, headers);
  });
  return { res: res!, statements };
}

/** The subgraphs that ran at least one statement, by name. */
const busy = (statements: Record<SubgraphName, number>): SubgraphName[] =>
  (Object.keys(statements) as SubgraphName[]).filter((name) => statements[name] > 0).sort();

const tagNames = (directives: readonly ConstDirectiveNode[] | undefined): string[] =>
  (directives ?? [])
    .filter((d) => d.name.value === 'tag')
    .map((d) => d.arguments?.find((a) => a.name.value === 'name')?.value)
    .map((v) => (v && v.kind === Kind.STRING ? v.value : ''));

const supergraphDocument = parse(SUPERGRAPH_SDL);
function supergraphField(typeName: string, fieldName: string): FieldDefinitionNode {
  const type = supergraphDocument.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName);
  const field = type?.fields?.find((f) => f.name.value === fieldName);
  if (!field) throw new Error(`${typeName}.${fieldName} is not in the supergraph`);
  return field;
}

for (const kind of databaseKinds()) {
  describe(`federation features through the gateway [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(120_000);
      stack = await sharedStack(kind);
    });

    describe('entities extended across subgraphs', () => {
      it('resolves one Person from directory, ase, icar and wrenchway, each subgraph doing its part', async () => {
        const { res, statements } = await measured(
          stack,
          `query($id: ID!) { person(id: $id) {
              id displayName ageBand homeState { code name }
              aseCurrentTestCodes aseMasterStatuses { program achieved missingTests }
              icarProLevels { role level platinum }
              payOutlook { industry credentialTier radiusMiles current { sampleSize suppressed medianHourlyUsd } nextTier { sampleSize suppressed medianHourlyUsd } }
          } }`,
          { id: JOSE },
        );
        expect(res.errors).to.equal(undefined);
        expect(res.data).to.deep.equal({
          person: {
            id: 'per-01811',
            displayName: 'Jose R.',
            ageBand: 'AGE_25_34',
            homeState: { code: 'OH', name: 'Ohio' },
            aseCurrentTestCodes: ['B3', 'B4', 'B6'],
            aseMasterStatuses: [
              { program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: false, missingTests: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'] },
              { program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: false, missingTests: ['B2', 'B5'] },
            ],
            icarProLevels: [
              { role: 'STEEL_STRUCTURAL_TECHNICIAN', level: 0, platinum: false },
              { role: 'NON_STRUCTURAL_TECHNICIAN', level: 1, platinum: false },
              { role: 'REFINISH_TECHNICIAN', level: 0, platinum: false },
              { role: 'ESTIMATOR', level: 0, platinum: false },
            ],
            payOutlook: {
              industry: 'COLLISION',
              credentialTier: 'CERTIFIED',
              radiusMiles: 50,
              current: { sampleSize: 22, suppressed: false, medianHourlyUsd: 27.57 },
              nextTier: { sampleSize: null, suppressed: true, medianHourlyUsd: null },
            },
          },
        });
        expect(busy(statements)).to.deep.equal(['ase', 'directory', 'icar', 'wrenchway']);
      });

      it('resolves one School from directory, cref and wrenchway', async () => {
        const { res, statements } = await measured(
          stack,
          `{ school(id: "sch-0056") {
              id name kind city state { code }
              crefTotals(year: 2024) { year grantCount grantsUsd donationClaimCount donationValueUsd }
              benchmarkGrants { year amountUsd awardedOn }
              schoolAssistLinks { since annualFeeUsd }
          } }`,
        );
        expect(res.errors).to.equal(undefined);
        expect(res.data).to.deep.equal({
          school: {
            id: 'sch-0056',
            name: 'Toledo Community College',
            kind: 'COMMUNITY_COLLEGE',
            city: 'Toledo',
            state: { code: 'OH' },
            crefTotals: { year: 2024, grantCount: 1, grantsUsd: 15000, donationClaimCount: 2, donationValueUsd: 19950 },
            benchmarkGrants: [
              { year: 2025, amountUsd: 7500, awardedOn: '2025-07-22' },
              { year: 2024, amountUsd: 15000, awardedOn: '2024-04-27' },
              { year: 2023, amountUsd: 2500, awardedOn: '2023-03-20' },
              { year: 2022, amountUsd: 17500, awardedOn: '2022-07-22' },
            ],
            schoolAssistLinks: [
              { since: '2024-02-06', annualFeeUsd: 2500 },
              { since: '2023-07-03', annualFeeUsd: 1000 },
            ],
          },
        });
        expect(busy(statements)).to.deep.equal(['cref', 'directory', 'wrenchway']);
      });

      it('resolves one Shop from directory, ase, icar and wrenchway', async () => {
        const { res, statements } = await measured(
          stack,
          `{ shop(id: "shp-0002") {
              id name type industry city technicianCount
              aseBlueSeal { qualified technicianCount certifiedTechnicianCount certifiedShare uncoveredServiceAreas }
              icarGoldClass { qualified coveredRoles missingRoles }
              jobs(first: 10) { totalCount edges { node { id title } } }
          } }`,
        );
        expect(res.errors).to.equal(undefined);
        expect(res.data).to.deep.equal({
          shop: {
            id: 'shp-0002',
            name: 'Crossroads Collision Repair',
            type: 'INDEPENDENT',
            industry: 'COLLISION',
            city: 'Cleveland',
            technicianCount: 8,
            // 8 technicians, all certified: a small group, so the counts are withheld; Blue Seal itself is public.
            aseBlueSeal: { qualified: true, technicianCount: 8, certifiedTechnicianCount: null, certifiedShare: null, uncoveredServiceAreas: [] },
            icarGoldClass: { qualified: false, coveredRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN'], missingRoles: ['REFINISH_TECHNICIAN', 'ESTIMATOR'] },
            jobs: {
              totalCount: 5,
              edges: [
                { node: { id: 'job-000008', title: 'Paint Prep Technician' } },
                { node: { id: 'job-000009', title: 'Refinish Technician (Painter)' } },
                { node: { id: 'job-000007', title: 'Estimator' } },
                { node: { id: 'job-000006', title: 'Paint Prep Technician' } },
                { node: { id: 'job-000010', title: 'Estimator' } },
              ],
            },
          },
        });
        expect(busy(statements)).to.deep.equal(['ase', 'directory', 'icar', 'wrenchway']);
      });

      it('resolves one State from all five subgraphs', async () => {
        const { res, statements } = await measured(
          stack,
          `{ state(code: "OH") {
              code name
              aseAccreditedPrograms(first: 1) { totalCount }
              icarAcademy { programCount enrollmentCount activeCount completedCount }
              crefTotals(year: 2024) { grantCount grantsUsd donationClaimCount donationValueUsd scholarshipCount scholarshipsUsd }
              jobs(first: 1) { totalCount }
              pay(industry: COLLISION) { sampleSize suppressed medianHourlyUsd }
          } }`,
        );
        expect(res.errors).to.equal(undefined);
        expect(res.data).to.deep.equal({
          state: {
            code: 'OH',
            name: 'Ohio',
            aseAccreditedPrograms: { totalCount: 4 },
            // 35 enrolled, 29 active: showing both would give away the 6 completed (small cells, docs/analysts.md).
            icarAcademy: { programCount: 3, enrollmentCount: 35, activeCount: null, completedCount: null },
            // Ohio's 2024 scholarships are 4 students: withheld.
            crefTotals: { grantCount: 5, grantsUsd: 35000, donationClaimCount: 9, donationValueUsd: 125190, scholarshipCount: null, scholarshipsUsd: null },
            jobs: { totalCount: 84 },
            pay: { sampleSize: 134, suppressed: false, medianHourlyUsd: 27.7 },
          },
        });
        expect(busy(statements)).to.deep.equal(['ase', 'cref', 'directory', 'icar', 'wrenchway']);
      });
    });

    describe('@requires (wrenchway computes from ase and icar fields)', () => {
      it("reports, for every job match, exactly the job's required ASE tests the person does not hold", async () => {
        const { res, statements } = await measured(
          stack,
          `query($id: ID!) { person(id: $id) {
              aseCurrentTestCodes
              jobMatches(first: 50, radiusMiles: 150) { missingAseTests job { id requiredAseTests } }
          } }`,
          { id: JOSE },
        );
        expect(res.errors).to.equal(undefined);
        const person = res.data.person as { aseCurrentTestCodes: string[]; jobMatches: { missingAseTests: string[]; job: { id: string; requiredAseTests: string[] } }[] };
        expect(person.aseCurrentTestCodes).to.deep.equal(['B3', 'B4', 'B6']);
        expect(person.jobMatches).to.have.length(50);
        const held = new Set(person.aseCurrentTestCodes);
        const expected = person.jobMatches.map((m) => ({ job: m.job.id, missing: m.job.requiredAseTests.filter((code) => !held.has(code)) }));
        expect(person.jobMatches.map((m) => ({ job: m.job.id, missing: m.missingAseTests }))).to.deep.equal(expected);
        // The check is not vacuous: some matches do lack tests, and some ask for tests the person holds.
        expect(person.jobMatches.some((m) => m.missingAseTests.length > 0)).to.equal(true);
        expect(person.jobMatches.some((m) => m.job.requiredAseTests.some((code) => held.has(code)))).to.equal(true);
        expect(statements.ase).to.be.greaterThan(0);
        expect(statements.icar).to.be.greaterThan(0);
        expect(statements.wrenchway).to.be.greaterThan(0);
      });

      it("sets the pay outlook's tier from the person's current ASE codes and its industry from their ProLevels", async () => {
        const res = await stack.query(
          `{
            entry: person(id: "per-01711") { aseCurrentTestCodes payOutlook { industry credentialTier nextTier { suppressed } } }
            certified: person(id: "per-01811") { aseCurrentTestCodes payOutlook { industry credentialTier nextTier { suppressed } } }
            master: person(id: "per-01728") { aseCurrentTestCodes payOutlook { industry credentialTier nextTier { suppressed } } }
          }`,
        );
        expect(res.errors).to.equal(undefined);
        expect({
          entry: { codes: res.data.entry.aseCurrentTestCodes, tier: res.data.entry.payOutlook.credentialTier, hasNextTier: res.data.entry.payOutlook.nextTier !== null },
          certified: { codes: res.data.certified.aseCurrentTestCodes, tier: res.data.certified.payOutlook.credentialTier, hasNextTier: res.data.certified.payOutlook.nextTier !== null },
          master: { codes: res.data.master.aseCurrentTestCodes, tier: res.data.master.payOutlook.credentialTier, hasNextTier: res.data.master.payOutlook.nextTier !== null },
        }).to.deep.equal({
          // Entry-Level student certifications only: still ENTRY.
          entry: { codes: ['EL-B2', 'EL-B4'], tier: 'ENTRY', hasNextTier: true },
          certified: { codes: ['B3', 'B4', 'B6'], tier: 'CERTIFIED', hasNextTier: true },
          // B2–B5 all current: Master Collision, and no tier above it.
          master: { codes: ['B2', 'B3', 'B4', 'B5'], tier: 'MASTER', hasNextTier: false },
        });
        expect(res.data.certified.payOutlook.industry).to.equal('COLLISION');
      });
    });

    describe('@provides (a job carries its shop name)', () => {
      const namesOnly = '{ jobs(first: 20) { edges { node { shop { name } } } } }';
      const namesAndTypes = '{ jobs(first: 20) { edges { node { shop { name type } } } } }';

      it('answers shop { name } through jobs without calling the directory', async () => {
        const { res, statements } = await measured(stack, namesOnly);
        expect(res.errors).to.equal(undefined);
        expect(res.data.jobs.edges).to.have.length(20);
        expect(statements).to.deep.equal({ ...ZERO, wrenchway: statements.wrenchway });
        expect(statements.wrenchway).to.be.greaterThan(0);
      });

      it('calls the directory once a field outside the provided set is asked for, and the names agree', async () => {
        const provided = await stack.query(namesOnly);
        const { res, statements } = await measured(stack, namesAndTypes);
        expect(res.errors).to.equal(undefined);
        expect(statements.directory).to.be.greaterThan(0);
        const fromDirectory = (res.data.jobs.edges as { node: { shop: { name: string; type: string } } }[]).map((e) => e.node.shop.name);
        expect(fromDirectory).to.deep.equal((provided.data.jobs.edges as { node: { shop: { name: string } } }[]).map((e) => e.node.shop.name));
        expect((res.data.jobs.edges as { node: { shop: { type: string } } }[]).every((e) => ['DEALER', 'INDEPENDENT', 'MSO', 'FLEET'].includes(e.node.shop.type))).to.equal(true);
      });
    });

    describe('@shareable', () => {
      it("gives a job's shop the same name wrenchway provides as the directory's own", async () => {
        const res = await stack.query('{ job(id: "job-000006") { shop { id name } } shop(id: "shp-0002") { id name } }');
        expect(res.errors).to.equal(undefined);
        expect(res.data).to.deep.equal({
          job: { shop: { id: 'shp-0002', name: 'Crossroads Collision Repair' } },
          shop: { id: 'shp-0002', name: 'Crossroads Collision Repair' },
        });
      });

      it('returns PageInfo in the same shape from every subgraph that defines it', async () => {
        const res = await stack.query(`{
          directory: schools(first: 1) { pageInfo { hasNextPage endCursor } }
          ase: state(code: "OH") { aseAccreditedPrograms(first: 1) { pageInfo { hasNextPage endCursor } } }
          icar: icarCourses(first: 1) { pageInfo { hasNextPage endCursor } }
          cref: donationOffers(first: 1) { pageInfo { hasNextPage endCursor } }
          wrenchway: jobs(first: 1) { pageInfo { hasNextPage endCursor } }
        }`);
        expect(res.errors).to.equal(undefined);
        const pageInfos = {
          directory: res.data.directory.pageInfo,
          ase: res.data.ase.aseAccreditedPrograms.pageInfo,
          icar: res.data.icar.pageInfo,
          cref: res.data.cref.pageInfo,
          wrenchway: res.data.wrenchway.pageInfo,
        } as Record<string, { hasNextPage: unknown; endCursor: unknown }>;
        const shapes = Object.fromEntries(Object.entries(pageInfos).map(([name, p]) => [name, { keys: Object.keys(p).sort(), hasNextPage: typeof p.hasNextPage, endCursor: typeof p.endCursor }]));
        const shape = { keys: ['endCursor', 'hasNextPage'], hasNextPage: 'boolean', endCursor: 'string' };
        expect(shapes).to.deep.equal({ directory: shape, ase: shape, icar: shape, cref: shape, wrenchway: shape });
        expect(Object.values(pageInfos).map((p) => p.hasNextPage)).to.deep.equal([true, true, true, true, true]);
      });
    });

    describe('@inaccessible', () => {
      const hidden: { field: string; query: string; message: string }[] = [
        { field: 'Person.birthDate', query: '{ person(id: "per-01811") { birthDate } }', message: 'Cannot query field "birthDate" on type "Person".' },
        { field: 'Person.homeZip', query: '{ person(id: "per-01811") { homeZip } }', message: 'Cannot query field "homeZip" on type "Person".' },
        { field: 'Shop.technicianIds', query: '{ shop(id: "shp-0002") { technicianIds } }', message: 'Cannot query field "technicianIds" on type "Shop". Did you mean "technicianCount"?' },
        { field: 'Person.aseCandidateId', query: '{ person(id: "per-01811") { aseCandidateId } }', message: 'Cannot query field "aseCandidateId" on type "Person".' },
      ];
      for (const { field, query, message } of hidden) {
        it(`refuses ${field} with GRAPHQL_VALIDATION_FAILED (400) before any subgraph is called`, async () => {
          // Even support, who may read everything about a person, cannot select it.
          const { res, statements } = await measured(stack, query, undefined, SUPPORT);
          expect({ status: res.status, data: res.data, errors: res.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })) }).to.deep.equal({
            status: 400,
            data: undefined,
            errors: [{ message, code: 'GRAPHQL_VALIDATION_FAILED' }],
          });
          expect(statements).to.deep.equal(ZERO);
        });
      }
    });

    describe('the Credential entity interface', () => {
      it("lists per-01811's ASE and I-CAR credentials in one wallet, each with its issuer's own fields", async () => {
        const { res, statements } = await measured(stack, operation('personProfile'), variables('personProfile'));
        expect(res.errors).to.equal(undefined);
        expect(res.data.person.credentials).to.deep.equal([
          { __typename: 'ICarCredential', id: 'icar-cred-000049', issuer: 'ICAR', title: 'I-CAR ProLevel 1 — Non-Structural Technician', earnedOn: '2025-12-16', expiresOn: null, status: 'CURRENT', role: 'NON_STRUCTURAL_TECHNICIAN', proLevel: 1 },
          {
            __typename: 'AseCertification', id: 'ase-cert-002379', issuer: 'ASE', title: 'ASE B3 Non-Structural Analysis and Damage Repair', earnedOn: '2025-07-07', expiresOn: '2030-07-08', status: 'CURRENT',
            test: { code: 'B3', name: 'Non-Structural Analysis and Damage Repair', series: 'COLLISION' }, experienceRequirementMet: true, recertificationOpensOn: '2029-07-08',
          },
          {
            __typename: 'AseCertification', id: 'ase-cert-002380', issuer: 'ASE', title: 'ASE B4 Structural Analysis and Damage Repair', earnedOn: '2024-04-20', expiresOn: '2029-04-21', status: 'CURRENT',
            test: { code: 'B4', name: 'Structural Analysis and Damage Repair', series: 'COLLISION' }, experienceRequirementMet: true, recertificationOpensOn: '2028-04-21',
          },
          {
            __typename: 'AseCertification', id: 'ase-cert-002381', issuer: 'ASE', title: 'ASE B6 Damage Analysis and Estimating', earnedOn: '2024-01-05', expiresOn: '2029-01-06', status: 'CURRENT',
            test: { code: 'B6', name: 'Damage Analysis and Estimating', series: 'COLLISION' }, experienceRequirementMet: true, recertificationOpensOn: '2028-01-06',
          },
          {
            __typename: 'AseCertification', id: 'ase-cert-002378', issuer: 'ASE', title: 'ASE B2 Painting and Refinishing', earnedOn: '2018-05-25', expiresOn: '2023-05-26', status: 'EXPIRED',
            test: { code: 'B2', name: 'Painting and Refinishing', series: 'COLLISION' }, experienceRequirementMet: true, recertificationOpensOn: '2022-05-26',
          },
        ]);
        expect(busy(statements)).to.deep.equal(['ase', 'directory', 'icar']);
      });

      it('finds one credential by id, with the fields of its issuer', async () => {
        const res = await stack.query(`{
          ase: credential(id: "ase-cert-002380") { __typename id issuer title status holder { id } ... on AseCertification { test { code } } ... on ICarCredential { role proLevel } }
          icar: credential(id: "icar-cred-000049") { __typename id issuer title status holder { id } ... on AseCertification { test { code } } ... on ICarCredential { role proLevel } }
        }`);
        expect(res.errors).to.equal(undefined);
        expect(res.data).to.deep.equal({
          ase: { __typename: 'AseCertification', id: 'ase-cert-002380', issuer: 'ASE', title: 'ASE B4 Structural Analysis and Damage Repair', status: 'CURRENT', holder: { id: 'per-01811' }, test: { code: 'B4' } },
          icar: { __typename: 'ICarCredential', id: 'icar-cred-000049', issuer: 'ICAR', title: 'I-CAR ProLevel 1 — Non-Structural Technician', status: 'CURRENT', holder: { id: 'per-01811' }, role: 'NON_STRUCTURAL_TECHNICIAN', proLevel: 1 },
        });
      });

      it("keeps the wallet's ASE entries in step with ase's own certifications of the person", async () => {
        const res = await stack.query(`{ person(id: "per-01811") {
          credentials { __typename id title earnedOn expiresOn status }
          all: aseCertifications(includeExpired: true) { id test { code name } recertificationOpensOn }
          current: aseCertifications { id }
        } }`);
        expect(res.errors).to.equal(undefined);
        const wallet = (res.data.person.credentials as { __typename: string; id: string; title: string; earnedOn: string; expiresOn: string; status: string }[]).filter((c) => c.__typename === 'AseCertification');
        const ase = res.data.person.all as { id: string; test: { code: string; name: string }; recertificationOpensOn: string }[];
        // The same certifications, in the same order; the wallet's title is ase's test, and ase
        // opens recertification exactly one year before the wallet's expiry date.
        expect(wallet.map((c) => ({ id: c.id, title: c.title, recertificationOpensOn: `${Number(c.expiresOn.slice(0, 4)) - 1}${c.expiresOn.slice(4)}` }))).to.deep.equal(
          ase.map((a) => ({ id: a.id, title: `ASE ${a.test.code} ${a.test.name}`, recertificationOpensOn: a.recertificationOpensOn })),
        );
        expect(wallet.filter((c) => c.status === 'CURRENT').map((c) => c.id)).to.deep.equal((res.data.person.current as { id: string }[]).map((c) => c.id));
        expect(wallet.map((c) => c.id)).to.deep.equal(['ase-cert-002379', 'ase-cert-002380', 'ase-cert-002381', 'ase-cert-002378']);
      });
    });

    describe('progressive @override of Query.collisionCareersJobs (icar → wrenchway, percent(25))', () => {
      // Stock @apollo/gateway plans every override label as off, so the field would never move;
      // our executor (gateway/src/executor.ts) decides each label per request. These gateways
      // share the stack's subgraphs, so the stack's SQL counters show where each request went.
      const started: { gateway: BuiltGateway; front: Listening }[] = [];
      async function gatewayWith(options: { overrideLabels?: Record<string, boolean>; random?: () => number }): Promise<string> {
        const gateway = await buildGateway({
          supergraphSdl: SUPERGRAPH_SDL,
          subgraphUrls: stack.subgraphUrls,
          subgraphSigningSecret: stack.signingSecret,
          devIdentityHeaders: true,
          logger: createLogger('gw', 'silent'),
          ...options,
        });
        const front = await listen(gateway.handler, 0);
        started.push({ gateway, front });
        return front.url;
      }
      after(async () => {
        for (const { gateway, front } of started) {
          await front.close();
          await gateway.stop();
        }
      });

      const query = operation('collisionCareersJobs');
      const vars = variables('collisionCareersJobs');
      const TEXAS_JOBS = {
        collisionCareersJobs: {
          totalCount: 3,
          edges: [
            { node: { id: 'ccj-0082', title: 'Entry-Level Body Technician', city: 'San Antonio', stateCode: 'TX', postedOn: '2026-06-22', shop: { name: 'Metro Collision Repair' } } },
            { node: { id: 'ccj-0050', title: 'Structural Technician', city: 'Houston', stateCode: 'TX', postedOn: '2026-05-22', shop: { name: 'Main Street Body & Paint #16' } } },
            { node: { id: 'ccj-0083', title: 'Structural Technician', city: 'San Antonio', stateCode: 'TX', postedOn: '2026-05-08', shop: { name: 'Metro Collision Repair' } } },
          ],
        },
      };

      it('with the label forced on, only wrenchway answers it', async () => {
        const url = await gatewayWith({ overrideLabels: { 'percent(25)': true } });
        let res: GraphQLResponse | undefined;
        const statements = await stack.countStatements(async () => {
          res = await postGraphQL(url, query, vars);
        });
        expect(res!.errors).to.equal(undefined);
        expect(res!.data).to.deep.equal(TEXAS_JOBS);
        expect(statements.wrenchway).to.be.greaterThan(0);
        expect(statements.icar).to.equal(0);
      });

      it('with the label forced off, only icar answers it', async () => {
        const url = await gatewayWith({ overrideLabels: { 'percent(25)': false } });
        let res: GraphQLResponse | undefined;
        const statements = await stack.countStatements(async () => {
          res = await postGraphQL(url, query, vars);
        });
        expect(res!.errors).to.equal(undefined);
        expect(res!.data).to.deep.equal(TEXAS_JOBS);
        expect(statements.icar).to.be.greaterThan(0);
        expect(statements.wrenchway).to.equal(0);
      });

      it('sends exactly 25 of 100 requests to wrenchway, all with the same answer', async () => {
        // An even spread over [0, 1): exactly 25 draws fall under 0.25.
        let draw = 0;
        const url = await gatewayWith({ random: () => (draw++ % 100) / 100 });
        const routed = { icar: 0, wrenchway: 0, both: 0, neither: 0 };
        const answers = new Set<string>();
        for (let i = 0; i < 100; i++) {
          let res: GraphQLResponse | undefined;
          const statements = await stack.countStatements(async () => {
            res = await postGraphQL(url, query, vars);
          });
          answers.add(JSON.stringify(res!.data));
          if (statements.icar > 0 && statements.wrenchway > 0) routed.both++;
          else if (statements.icar > 0) routed.icar++;
          else if (statements.wrenchway > 0) routed.wrenchway++;
          else routed.neither++;
        }
        expect(routed).to.deep.equal({ icar: 75, wrenchway: 25, both: 0, neither: 0 });
        expect([...answers]).to.deep.equal([JSON.stringify(TEXAS_JOBS)]);
      });
    });

    describe('@tag(name: "public")', () => {
      it('tags public every Query field the canonical operations let an anonymous caller use', async () => {
        const anonymousFields = new Set<string>();
        for (const file of readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).sort()) {
          const name = file.replace(/\.graphql$/, '');
          const doc = parse(operation(name));
          const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
          if (op.operation !== 'query') continue;
          // Operations whose comment names a caller (the analyst's bulk export) are not anonymous.
          if (Object.keys(operationCaller(operation(name))).length > 0) continue;
          // Usable anonymously: the operation answers with data and no access error.
          const vars = readdirSync(OPERATIONS_DIR).includes(`${name}.variables.json`) ? variables(name) : {};
          const res = await stack.query(operation(name), vars);
          expect(res.errors?.map((e) => e.extensions?.code), name).to.equal(undefined);
          for (const selection of op.selectionSet.selections) {
            if (selection.kind === Kind.FIELD) anonymousFields.add(selection.name.value);
          }
        }
        const untagged = [...anonymousFields].sort().filter((field) => !tagNames(supergraphField('Query', field).directives).includes('public'));
        expect({ fields: [...anonymousFields].sort(), untagged }).to.deep.equal({
          fields: ['collisionCareersJobs', 'crefTotals', 'donationOffers', 'job', 'jobs', 'person', 'shop', 'state', 'technicianPay'],
          untagged: [],
        });
      });

      it('does not tag private Person fields public', () => {
        const tags = Object.fromEntries(['contact', 'consents', 'jobApplications'].map((f) => [f, tagNames(supergraphField('Person', f).directives)]));
        expect(tags).to.deep.equal({ contact: [], consents: [], jobApplications: [] });
      });
    });

    describe('cursor pagination through the gateway', () => {
      const page = `query($after: String) { jobs(filter: { stateCode: "OH" }, first: 7, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
      } }`;

      it('pages through Ohio jobs 7 at a time, each job once, until hasNextPage is false', async () => {
        const ids: string[] = [];
        let after: string | null = null;
        let totalCount: number;
        let pages = 0;
        for (;;) {
          const res = await stack.query(page, { after });
          expect(res.errors).to.equal(undefined);
          const jobs = res.data.jobs as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { cursor: string; node: { id: string } }[] };
          totalCount = jobs.totalCount;
          ids.push(...jobs.edges.map((e) => e.node.id));
          pages++;
          expect(jobs.pageInfo.endCursor).to.equal(jobs.edges.at(-1)!.cursor);
          if (!jobs.pageInfo.hasNextPage) break;
          expect(jobs.edges).to.have.length(7);
          after = jobs.pageInfo.endCursor;
          if (pages > 50) throw new Error('pagination never ended');
        }
        expect({ totalCount, pages, distinct: new Set(ids).size, seen: ids.length }).to.deep.equal({ totalCount: 84, pages: 12, distinct: 84, seen: 84 });
        const all = await stack.query('{ jobs(filter: { stateCode: "OH" }, first: 100) { edges { node { id } } } }');
        expect(ids).to.deep.equal((all.data.jobs.edges as { node: { id: string } }[]).map((e) => e.node.id));
      });

      it('refuses a forged cursor with BAD_USER_INPUT naming `after`', async () => {
        for (const forged of ['not-a-cursor', Buffer.from(JSON.stringify({ offset: 7 })).toString('base64url')]) {
          const res = await stack.query(page, { after: forged });
          expect({ data: res.data, errors: res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code, fields: e.extensions?.fields })) }, forged).to.deep.equal({
            data: null,
            errors: [{ path: ['jobs'], code: 'BAD_USER_INPUT', fields: [{ field: 'after', message: 'is not a cursor returned by this field' }] }],
          });
        }
      });
    });

    describe('privacy basics', () => {
      it('returns null for a minor to an anonymous caller, even one who granted PUBLIC_PROFILE', async () => {
        const anonymous = await stack.query('query($id: ID!) { person(id: $id) { id displayName } }', { id: PUBLIC_MINOR });
        expect({ data: anonymous.data, errors: anonymous.errors }).to.deep.equal({ data: { person: null }, errors: undefined });
        const support = await stack.query('query($id: ID!) { person(id: $id) { id isMinor consents { purpose granted } } }', { id: PUBLIC_MINOR }, SUPPORT);
        expect(support.data).to.deep.equal({ person: { id: 'per-01104', isMinor: true, consents: [{ purpose: 'PUBLIC_PROFILE', granted: true }] } });
      });

      it("serves per-01811's public profile anonymously and refuses only the private fields, at their own paths", async () => {
        const res = await stack.query(`{ person(id: "per-01811") {
          id displayName homeState { code }
          contact { email } consents { purpose granted } jobApplications { id }
        } }`);
        expect(res.data).to.deep.equal({
          person: { id: 'per-01811', displayName: 'Jose R.', homeState: { code: 'OH' }, contact: null, consents: null, jobApplications: null },
        });
        expect(res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code }))).to.deep.equal([
          { path: ['person', 'contact'], code: 'FORBIDDEN' },
          { path: ['person', 'consents'], code: 'FORBIDDEN' },
          { path: ['person', 'jobApplications'], code: 'FORBIDDEN' },
        ]);
      });
    });
  });
}
