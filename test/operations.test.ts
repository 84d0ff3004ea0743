import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { databaseKinds } from '@talent-graph/platform/testing';
import { operationCaller, ROOT, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Every canonical query in schema/operations, through the gateway over the whole seeded graph,
 * answers exactly the response recorded in test/expected/<name>.json — the same on SQLite and on
 * PostgreSQL. The recorded files are the responses written out in full; after an intended change
 * to the demo data or a schema, regenerate them with `UPDATE_EXPECTED=1 npx mocha test/operations.test.ts`
 * and review the diff.
 */
const OPERATIONS_DIR = `${ROOT}schema/operations`;
const EXPECTED_DIR = `${ROOT}test/expected`;

export const queryOperations = readdirSync(OPERATIONS_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.replace(/\.graphql$/, ''))
  .filter((name) => /^\s*query\b/m.test(readFileSync(`${OPERATIONS_DIR}/${name}.graphql`, 'utf8').replace(/#.*$/gm, '')))
  .sort();

export function operation(name: string): { query: string; variables: Record<string, unknown> } {
  const query = readFileSync(`${OPERATIONS_DIR}/${name}.graphql`, 'utf8');
  const file = `${OPERATIONS_DIR}/${name}.variables.json`;
  return { query, variables: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {} };
}

for (const kind of databaseKinds()) {
  describe(`canonical operations through the gateway [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
    });

    for (const name of queryOperations) {
      it(`${name} answers the recorded response`, async () => {
        const { query, variables } = operation(name);
        // As the caller its comment names (anonymous when none: most are public data).
        const res = await stack.query(query, variables, operationCaller(query));
        expect(res.errors, JSON.stringify(res.errors)).to.equal(undefined);
        const file = `${EXPECTED_DIR}/${name}.json`;
        if (process.env.UPDATE_EXPECTED === '1' && kind === 'sqlite') writeFileSync(file, `${JSON.stringify(res.data, null, 2)}\n`);
        expect(existsSync(file), `${file} is missing: record it with UPDATE_EXPECTED=1`).to.equal(true);
        expect(res.data).to.deep.equal(JSON.parse(readFileSync(file, 'utf8')));
      });
    }

    it('stateDashboard draws on all five subgraphs in one request', async () => {
      const { query, variables } = operation('stateDashboard');
      const counts = await stack.countStatements(() => stack.query(query, variables));
      expect(Object.entries(counts).filter(([, n]) => n === 0)).to.deep.equal([]);
    });

    it('stateDashboard shows Ohio with its schools, CREF 2024 grants and open jobs', async () => {
      const { query, variables } = operation('stateDashboard');
      const { data } = await stack.query(query, variables);
      const grants = data.state.benchmarkGrants.edges.map((e: { node: { amountUsd: number } }) => e.node.amountUsd);
      expect({
        name: data.state.name,
        schoolsAreInOhio: data.state.schools.edges.length === data.state.schools.totalCount && data.state.schools.totalCount > 0,
        grantsWithinCap: grants.every((a: number) => a > 0 && a <= 25000),
        grantCountMatchesTotals: data.state.benchmarkGrants.totalCount === data.state.crefTotals.grantCount,
      }).to.deep.equal({ name: 'Ohio', schoolsAreInOhio: true, grantsWithinCap: true, grantCountMatchesTotals: true });
    });

    it("analystJobExport: a page of 5,000 fits the analyst's cost budget; anonymous is refused before any subgraph runs, but reads the canonical page of 100", async () => {
      const { query, variables } = operation('analystJobExport');
      const bulk = { ...variables, first: 5000 };
      const analyst = await stack.query(query, bulk, operationCaller(query));
      let anonymous: Awaited<ReturnType<Stack['query']>> | undefined;
      const statements = await stack.countStatements(async () => {
        anonymous = await stack.query(query, bulk);
      });
      const publicPage = await stack.query(query, variables);
      expect({
        analystJobs: analyst.data.jobs.edges.length === Math.min(5000, analyst.data.jobs.totalCount),
        anonymousCode: anonymous!.errors?.[0]?.extensions?.code,
        statements: Object.values(statements).reduce((a, b) => a + b, 0),
        publicPageErrors: publicPage.errors,
        publicPageJobs: publicPage.data.jobs.edges.length,
      }).to.deep.equal({ analystJobs: true, anonymousCode: 'COST_LIMIT_EXCEEDED', statements: 0, publicPageErrors: undefined, publicPageJobs: 100 });
    });

    it('every canonical query, three times over and all at once, still answers its recorded response (entity fetches batched across requests)', async () => {
      const runs = queryOperations.flatMap((name) => [0, 1, 2].map(() => name));
      const answers = await Promise.all(
        runs.map(async (name) => {
          const { query, variables } = operation(name);
          return stack.query(query, variables, operationCaller(query));
        }),
      );
      answers.forEach((res, k) => {
        const name = runs[k]!;
        expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).to.equal(undefined);
        expect(res.data, name).to.deep.equal(JSON.parse(readFileSync(`${EXPECTED_DIR}/${name}.json`, 'utf8')));
      });
    });

    it('eight job searches at once cost the subgraphs fewer SQL statements than eight one after another', async () => {
      const { query, variables } = operation('jobSearch');
      const oneAfterAnother = await stack.countStatements(async () => {
        for (let k = 0; k < 8; k += 1) await stack.query(query, variables);
      });
      const atOnce = await stack.countStatements(() => Promise.all(Array.from({ length: 8 }, () => stack.query(query, variables))));
      const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
      expect(total(atOnce)).to.be.below(total(oneAfterAnother));
    });

    it('personProfile lists ASE and I-CAR credentials in one wallet', async () => {
      const { query, variables } = operation('personProfile');
      const { data } = await stack.query(query, variables);
      const issuers = [...new Set(data.person.credentials.map((c: { issuer: string }) => c.issuer))].sort();
      expect({ displayName: data.person.displayName, issuers }).to.deep.equal({ displayName: 'Jose R.', issuers: ['ASE', 'ICAR'] });
    });
  });
}
