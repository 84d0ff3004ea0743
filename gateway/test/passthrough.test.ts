import { expect } from 'chai';
import { parse, type OperationDefinitionNode } from 'graphql';
import { passthroughFetch, sendPassthrough } from '../src/plans/passthrough.ts';

/** When ApolloGateway's re-shaping may be skipped (plans/passthrough.ts), and when not. */
const client = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;
function plan(fetched: string, extra: Record<string, unknown> = {}) {
  return { kind: 'QueryPlan', node: { kind: 'Fetch', serviceName: 'wrenchway', operation: fetched, operationKind: 'query', operationDocumentNode: parse(fetched), variableUsages: ['id'], ...extra } };
}
const JOB = 'query Job($id: ID!) { job(id: $id) { id title shop: shopName } }';
const FETCHED = 'query Job__wrenchway__0($id:ID!){job(id:$id){id title shop:shopName}}';
const GRANT = 'mutation Grant($input: ConsentInput!) { grantConsent(input: $input) { changed consent { purpose granted } } }';
const GRANT_FETCHED = 'mutation Grant__directory__0($input:ConsentInput!){grantConsent(input:$input){changed consent{purpose granted}}}';

describe('single-fetch passthrough', () => {
  it('applies when the one fetch selects exactly what the client asked, aliases included', () => {
    const p = plan(FETCHED);
    expect(passthroughFetch(p, client(JOB), 0)).to.deep.equal(p.node);
    // A plan holding only the fetch's text (no parsed document) is parsed once.
    const textOnly = plan(FETCHED, { operationDocumentNode: undefined });
    expect(passthroughFetch(textOnly, client(JOB), 0)?.operationDocumentNode).to.deep.equal(parse(FETCHED));
  });

  it('does not apply when anything could make the answers differ', () => {
    const cases: [string, unknown, OperationDefinitionNode, number][] = [
      ['another selection (the planner added __typename)', plan('query Job__wrenchway__0($id:ID!){job(id:$id){__typename id title shop:shopName}}'), client(JOB), 0],
      ['a directive in the client operation', plan(FETCHED), client('query Job($id: ID!, $t: Boolean!) { job(id: $id) { id title @include(if: $t) shop: shopName } }'), 0],
      ['an inline fragment', plan(FETCHED), client('query Job($id: ID!) { job(id: $id) { ... on JobPost { id } title shop: shopName } }'), 0],
      ['named fragments in the client document', plan(FETCHED), client(JOB), 1],
      ['a mutation whose fetch is a query', plan(FETCHED), client('mutation Job($id: ID!) { job(id: $id) { id title shop: shopName } }'), 0],
      ['a query whose fetch is a mutation', plan(GRANT_FETCHED, { operationKind: 'mutation' }), client(GRANT.replace('mutation', 'query')), 0],
      ['a fetch with @requires inputs', plan(FETCHED, { requires: [{ kind: 'InlineFragment' }] }), client(JOB), 0],
      ['a fetch with output rewrites', plan(FETCHED, { outputRewrites: [{ kind: 'KeyRenamer' }] }), client(JOB), 0],
      ['a plan of several fetches', { kind: 'QueryPlan', node: { kind: 'Sequence', nodes: [] } }, client(JOB), 0],
    ];
    for (const [name, p, operation, fragments] of cases) expect(passthroughFetch(p, operation, fragments), name).to.equal(null);
  });

  it('applies to a mutation answered by one mutation fetch selecting exactly what the client asked', () => {
    const p = plan(GRANT_FETCHED, { serviceName: 'directory', operationKind: 'mutation', variableUsages: ['input'] });
    expect(passthroughFetch(p, client(GRANT), 0)).to.deep.equal(p.node);
  });

  it('applies a mutation once: an answer with errors is handed to the full path, which does not send it again', async () => {
    const sent: unknown[] = [];
    const reply = { data: { grantConsent: null }, errors: [{ message: 'Person per-9 not found', extensions: { code: 'NOT_FOUND' } }] };
    const serviceMap = { directory: { process: async (options: { request: unknown }) => (sent.push(options.request), reply) } };
    const input = { personId: 'per-9', purpose: 'RESEARCH' };
    const fetch = passthroughFetch(plan(GRANT_FETCHED, { serviceName: 'directory', operationKind: 'mutation', variableUsages: ['input'] }), client(GRANT), 0)!;
    const outcome = await sendPassthrough(fetch, serviceMap as never, { request: { variables: { input } }, context: {} });
    if (!('replay' in outcome)) throw new Error('an answer with errors must go the full path');
    expect(await outcome.replay.directory!.process({} as never)).to.equal(reply);
    expect(sent).to.deep.equal([{ query: GRANT_FETCHED, variables: Object.assign(Object.create(null), { input }), operationName: undefined }]);
  });

  it('sends the fetch through the data source with only the variables it uses; an error or failure is replayed to the full path, never sent twice', async () => {
    const sent: unknown[] = [];
    const reply: { data?: unknown; errors?: unknown[] } = { data: { job: { id: 'job-1', title: 'Tech', shop: 'Shop' } } };
    const serviceMap = { wrenchway: { process: async (options: { request: unknown }) => (sent.push(options.request), reply) } };
    const requestContext = { request: { variables: { id: 'job-1', unused: 3 } }, context: {} };
    const fetch = passthroughFetch(plan(FETCHED), client(JOB), 0)!;
    expect(await sendPassthrough(fetch, serviceMap as never, requestContext)).to.deep.equal({ data: reply.data });
    expect(sent).to.deep.equal([{ query: FETCHED, variables: Object.assign(Object.create(null), { id: 'job-1' }), operationName: undefined }]);

    reply.errors = [{ message: 'boom' }];
    const withErrors = await sendPassthrough(fetch, serviceMap as never, requestContext);
    if (!('replay' in withErrors)) throw new Error('an answer with errors must go the full path');
    expect(await withErrors.replay.wrenchway!.process({} as never), 'the full path gets the same answer').to.equal(reply);
    expect(sent, 'and the subgraph was called once for it').to.have.length(2);

    let calls = 0;
    const refused = new Error('ECONNREFUSED');
    const failing = { wrenchway: { process: async () => (calls++, Promise.reject(refused)) } };
    const failed = await sendPassthrough(fetch, failing as never, requestContext);
    if (!('replay' in failed)) throw new Error('a failed call must go the full path');
    let rethrown: unknown;
    await failed.replay.wrenchway!.process({} as never).catch((error: unknown) => (rethrown = error));
    expect([rethrown, calls]).to.deep.equal([refused, 1]);
  });
});
