import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ANONYMOUS, buildManifest, createLogger, type PersistedOperationsManifest } from '@talent-graph/platform';
import { buildGateway, type BuiltGateway } from '../src/server.ts';

/**
 * Warming the query plan cache from the persisted operations (executor.ts PlanWarmer): at build
 * and whenever the reload hook calls warm(), so a new supergraph never makes the first requests
 * of known operations pay for planning. Planning is counted at the gateway's query planner; the
 * subgraphs are not running (nothing listens on port 9), which does not matter to planning.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SUPERGRAPH_SDL = readFileSync(`${ROOT}schema/supergraph.graphql`, 'utf8');
const OPERATIONS_DIR = `${ROOT}schema/operations/`;
const files = Object.fromEntries(readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).map((f) => [f, readFileSync(`${OPERATIONS_DIR}${f}`, 'utf8')]));
const MANIFEST = buildManifest(files);
const DOWN = 'http://127.0.0.1:9/graphql';
// collisionCareersJobs moves between subgraphs with the percent(25) label: both routes are planned.
const LABEL_COMBINATIONS = 2;

interface Planner {
  buildQueryPlan(...args: unknown[]): unknown;
}

async function build(manifest: PersistedOperationsManifest): Promise<{ built: BuiltGateway; plans: () => number }> {
  const built = await buildGateway({
    supergraphSdl: SUPERGRAPH_SDL,
    subgraphUrls: { directory: DOWN, ase: DOWN, icar: DOWN, cref: DOWN, wrenchway: DOWN },
    logger: createLogger('gateway', 'silent'),
    // Requests draw the override label at random; forced here so every request has one plan key.
    overrideLabels: { 'percent(25)': false },
    trustedDocuments: { mode: 'audit', manifest },
  });
  let count = 0;
  const planner = (built.gateway as unknown as { queryPlanner: Planner }).queryPlanner;
  const original = planner.buildQueryPlan.bind(planner);
  planner.buildQueryPlan = (...args: unknown[]) => {
    count += 1;
    return original(...args);
  };
  return { built, plans: () => count };
}

describe('warming the query plan cache', function () {
  this.timeout(60_000);
  let built: BuiltGateway;
  let plans: () => number;
  before(async () => {
    ({ built, plans } = await build(MANIFEST));
  });
  after(async () => built.stop());

  it('plans no persisted operation again on its first request after start-up', async () => {
    for (const name of ['stateDashboard', 'jobSearch', 'collisionCareersJobs']) {
      const op = MANIFEST.operations.find((o) => o.name.toLowerCase() === name.toLowerCase())!;
      await built.apollo.executeOperation({ query: op.body, variables: JSON.parse(readFileSync(`${OPERATIONS_DIR}${name}.variables.json`, 'utf8')) }, { contextValue: { caller: ANONYMOUS } });
    }
    expect(plans()).to.equal(0);
  });

  it('still plans a document that is not persisted, once', async () => {
    const query = '{ states { code name } }';
    await built.apollo.executeOperation({ query }, { contextValue: { caller: ANONYMOUS } });
    await built.apollo.executeOperation({ query }, { contextValue: { caller: ANONYMOUS } });
    expect(plans()).to.equal(1);
  });

  it('warm() plans every persisted operation for each override-label combination', async () => {
    const result = await built.warm(SUPERGRAPH_SDL);
    expect({ planned: result.planned, failed: result.failed }).to.deep.equal({ planned: MANIFEST.operations.length * LABEL_COMBINATIONS, failed: [] });
  });

  it('warm() for a supergraph the gateway no longer serves plans nothing', async () => {
    const result = await built.warm(`${SUPERGRAPH_SDL}\n# another version`);
    expect({ planned: result.planned, failed: result.failed }).to.deep.equal({ planned: 0, failed: [{ name: '*', reason: 'not the supergraph the gateway serves now' }] });
  });

  it('reports an operation the supergraph cannot serve and plans the others', async () => {
    const { built: other } = await build(buildManifest({ 'gone.graphql': 'query Gone {\n  retiredField\n}\n', 'states.graphql': 'query States {\n  states { code }\n}\n' }));
    try {
      const result = await other.warm(SUPERGRAPH_SDL);
      expect({ planned: result.planned, failed: result.failed }).to.deep.equal({
        planned: LABEL_COMBINATIONS,
        failed: [{ name: 'Gone', reason: 'Cannot query field "retiredField" on type "Query".' }],
      });
    } finally {
      await other.stop();
    }
  });
});
