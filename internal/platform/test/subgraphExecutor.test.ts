import { expect } from 'chai';
import { HeaderMap } from '@apollo/server';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { ANONYMOUS, CALLER_HEADER, encodeCaller } from '../src/caller.ts';
import { badInput } from '../src/errors.ts';
import { createLogger } from '../src/logging.ts';
import { SIGNATURE_HEADER, signRequest } from '../src/signing.ts';
import { serveSubgraph, type SubgraphDefinition } from '../src/subgraphServer.ts';

/**
 * The subgraphs' direct path (subgraphExecutor.ts) must answer exactly as Apollo Server does:
 * every request below is sent over HTTP (through the direct path when it applies) and also run
 * through Apollo Server itself, and the two answers must be the same bytes and status.
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { echo(text: String!): String! boom: String broken: String picky(n: Int!): Int! }
  type Thing @key(fields: "id") { id: ID! name: String! }
`);
const definition: SubgraphDefinition<Record<string, never>> = {
  name: 'directory',
  typeDefs,
  resolvers: {
    Query: {
      echo: (_: unknown, { text }: { text: string }) => text,
      boom: () => {
        throw new Error('SQLITE_ERROR: no such table: secret_table');
      },
      broken: () => {
        throw badInput([{ field: 'x', message: 'is wrong' }]);
      },
      picky: (_: unknown, { n }: { n: number }) => n,
    },
    Thing: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `thing ${ref.id}` }) },
  },
  createLoaders: () => ({}),
};

describe('subgraph direct execution path', () => {
  const secret = 'c'.repeat(64);
  let served: Awaited<ReturnType<typeof serveSubgraph<Record<string, never>>>>;
  before(async () => {
    served = await serveSubgraph(definition, { db: {} as DataSource, signingSecret: secret, logger: createLogger('directory', 'silent'), production: true }, 0);
  });
  after(async () => served.close());

  const caller = encodeCaller(ANONYMOUS);
  /** Calls that reached Apollo Server over HTTP (the rest took the direct path). */
  let apolloCalls = 0;
  before(() => {
    const original = served.built.apollo.executeHTTPGraphQLRequest.bind(served.built.apollo);
    served.built.apollo.executeHTTPGraphQLRequest = (request) => {
      apolloCalls += 1;
      return original(request);
    };
  });
  async function viaHttp(body: string) {
    const res = await fetch(served.url, { method: 'POST', body, headers: { 'content-type': 'application/json', [CALLER_HEADER]: caller, [SIGNATURE_HEADER]: signRequest(secret, caller, body) } });
    return { status: res.status, body: await res.text() };
  }
  async function viaApollo(body: string) {
    const response = await served.built.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: JSON.parse(body) },
      context: async () => served.built.contextFor(ANONYMOUS),
    });
    return { status: response.status ?? 200, body: response.body.kind === 'complete' ? response.body.string : '(chunked)' };
  }

  // [request, answered on the direct path (else handed to Apollo Server)]
  const cases: Record<string, [object, boolean]> = {
    'a query with variables': [{ query: 'query Q($t: String!) { echo(text: $t) }', variables: { t: 'hello' } }, true],
    'entities by representation': [{ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id name } } }', variables: { r: [{ __typename: 'Thing', id: '7' }] } }, true],
    'the service SDL': [{ query: '{ _service { sdl } }' }, true],
    'an internal resolver error (masked)': [{ query: '{ echo(text: "a") boom }' }, true],
    'a client error (kept, with its code)': [{ query: '{ broken }' }, true],
    'two operations, one named': [{ query: 'query A { echo(text: "a") } query B { echo(text: "b") }', operationName: 'B' }, true],
    'a parse error': [{ query: '{ echo(' }, false],
    'a validation error': [{ query: '{ nope }' }, false],
    'variables that do not coerce': [{ query: 'query($n: Int!) { picky(n: $n) }', variables: { n: 'seven' } }, false],
    'introspection in production': [{ query: '{ __schema { types { name } } }' }, false],
    'two operations, none named': [{ query: 'query A { echo(text: "a") } query B { echo(text: "b") }' }, false],
    'an automatic persisted query': [{ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, false],
  };
  for (const [name, [request, direct]] of Object.entries(cases)) {
    it(`answers ${name} exactly as Apollo Server does (${direct ? 'direct path' : 'through Apollo'})`, async () => {
      const body = JSON.stringify(request);
      apolloCalls = 0;
      const answered = await viaHttp(body);
      expect(apolloCalls, 'requests that reached Apollo Server').to.equal(direct ? 0 : 1);
      expect(answered).to.deep.equal(await viaApollo(body));
    });
  }

  it('never sends a database message or stack to the gateway', async () => {
    const answer = await viaHttp(JSON.stringify({ query: '{ boom }' }));
    expect(answer.body).to.not.match(/SQLITE|secret_table|at .*\.ts/);
    expect(JSON.parse(answer.body).errors[0].extensions.code).to.equal('INTERNAL_SERVER_ERROR');
  });
});
