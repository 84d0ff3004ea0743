import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { expect } from 'chai';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { CALLER_HEADER, createHttpHandler, createLogger, listen, SIGNATURE_HEADER, SignatureVerifier, type Listening } from '@talent-graph/platform';
import { freePort } from '@talent-graph/platform/testing';
import { buildGateway, type BuiltGateway } from '../src/server.ts';
import type { SubgraphCallOptions } from '../src/subgraphClient.ts';

/**
 * The subgraph client against a real HTTP subgraph on port 0 that the test makes fail, hang or
 * recover: retries (queries only, each attempt signed afresh), the per-request deadline, the
 * circuit breaker's open → half-open → closed cycle, and what GET /ready says meanwhile.
 */
const SECRET = 'reliability-test-secret-0123456789abcdef';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book { title: String! }
  type Query { book: Book }
  type Mutation { addBook(title: String!): Book }
`);

type Mode = 'ok' | 'fail' | 'hang';

interface Flaky {
  url: string;
  /** Every HTTP request that reached the subgraph. */
  hits: number;
  /** Mutations actually executed. */
  added: string[];
  /** Signature check of each request: 'ok' or the refusal reason. */
  signatures: string[];
  nonces: string[];
  mode: Mode;
  /** Fail (503) this many more requests, then behave as `mode`. */
  failNext: number;
  close(): Promise<void>;
}

async function flakySubgraph(): Promise<Flaky> {
  const verifier = new SignatureVerifier(SECRET);
  const state = { hits: 0, added: [] as string[], signatures: [] as string[], nonces: [] as string[], mode: 'ok' as Mode, failNext: 0 };
  const resolvers = {
    Query: { book: () => ({ title: 'Collision Repair Fundamentals' }) },
    Mutation: {
      addBook: (_: unknown, { title }: { title: string }) => {
        state.added.push(title);
        return { title };
      },
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test resolvers
  const apollo = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as any }]) });
  await apollo.start();
  const graphql = createHttpHandler({ apollo, context: async () => ({}) });
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/health') return void res.writeHead(200).end('{"status":"ok"}');
    state.hits++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const signature = req.headers[SIGNATURE_HEADER] as string;
    state.nonces.push(/n=([^,]+)/.exec(signature ?? '')?.[1] ?? '');
    const check = await verifier.verify(signature, (req.headers[CALLER_HEADER] as string) ?? '', body);
    state.signatures.push(check.ok ? 'ok' : check.reason!);
    if (state.failNext > 0 || state.mode === 'fail') {
      state.failNext = Math.max(0, state.failNext - 1);
      return void res.writeHead(503, { 'content-type': 'text/plain' }).end('upstream overloaded at 10.0.0.7');
    }
    if (state.mode === 'hang') return void hanging.add(res);
    // Replay the body into Apollo's handler (it was consumed above).
    const replay = Object.assign(Object.create(req), { [Symbol.asyncIterator]: async function* () { yield Buffer.from(body); } });
    await graphql(replay, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const flaky = Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  });
  return flaky as Flaky;
}

const CALLS: SubgraphCallOptions = {
  callTimeoutMs: 300,
  requestTimeoutMs: 2_000,
  retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 },
  breaker: { failureThreshold: 3, coolDownMs: 400 },
  batchEntityFetches: true,
  deduplicateFetches: true,
};

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

describe('subgraph calls: retries, deadlines, circuit breaker and /ready (real HTTP subgraph)', function () {
  this.timeout(30_000);
  let flaky: Flaky;
  let gateway: BuiltGateway;
  let front: Listening;

  const query = async (q: string): Promise<Answer> => {
    const res = await fetch(front.url, { method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' }, body: JSON.stringify({ query: q }) });
    return (await res.json()) as Answer;
  };
  const ready = async () => {
    const res = await fetch(front.url.replace('/graphql', '/ready'));
    return { status: res.status, body: (await res.json()) as { status: string; subgraphs: unknown[] } };
  };

  async function start(calls = CALLS, url?: string): Promise<void> {
    const composed = composeServices([{ name: 'books', url: url ?? flaky.url, typeDefs }]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
    gateway = await buildGateway({ supergraphSdl: composed.supergraphSdl, logger: createLogger('gateway', 'silent'), subgraphSigningSecret: SECRET, subgraphCalls: calls });
    front = await listen(gateway.handler, 0);
  }

  beforeEach(async () => {
    flaky = await flakySubgraph();
  });
  afterEach(async () => {
    await front.close();
    await gateway.stop();
    await flaky.close();
  });

  it('retries a query after 503s and answers it, signing every attempt afresh (new nonce, all valid)', async () => {
    await start();
    flaky.failNext = 2;
    expect(await query('{ book { title } }')).to.deep.equal({ data: { book: { title: 'Collision Repair Fundamentals' } } });
    expect(flaky.hits).to.equal(3);
    expect(flaky.signatures).to.deep.equal(['ok', 'ok', 'ok']);
    expect(new Set(flaky.nonces).size).to.equal(3);
  });

  it('never retries a mutation: one call, its field null with SUBGRAPH_UNAVAILABLE, nothing written', async () => {
    await start();
    flaky.failNext = 1;
    expect(await query('mutation { addBook(title: "Paint Technology") { title } }')).to.deep.equal({
      data: { addBook: null },
      errors: [{ message: 'The books subgraph failed to answer; the fields it owns are null', path: ['addBook'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'books', reason: 'http_error', serviceName: 'books' } }],
    });
    expect([flaky.hits, flaky.added]).to.deep.equal([1, []]);
    // The next mutation goes through once the subgraph answers: written exactly once.
    expect(await query('mutation { addBook(title: "Paint Technology") { title } }')).to.deep.equal({ data: { addBook: { title: 'Paint Technology' } } });
    expect(flaky.added).to.deep.equal(['Paint Technology']);
  });

  it('opens the breaker after 3 failures and fails fast; /ready says open, then half-open after the cool-down; a successful probe closes it', async () => {
    await start();
    expect(await ready()).to.deep.equal({ status: 200, body: { status: 'ready', supergraph: gateway.currentSupergraph().id, subgraphs: [{ name: 'books', state: 'ok', lastError: null }] } });
    flaky.mode = 'fail';
    const failed = await query('{ book { title } }');
    expect(failed.errors?.map((e) => e.extensions?.reason)).to.deep.equal(['http_error']);
    expect(JSON.stringify(failed)).not.to.match(/10\.0\.0\.7|overloaded|127\.0\.0\.1/);
    expect(flaky.hits).to.equal(3);
    expect(await ready()).to.deep.include({ status: 503 });
    expect((await ready()).body.subgraphs).to.deep.equal([{ name: 'books', state: 'open', lastError: 'http_error' }]);

    // Open: the subgraph is not called at all.
    const fast = await query('{ book { title } }');
    expect(fast).to.deep.equal({
      data: { book: null },
      errors: [{ message: 'The books subgraph is unavailable (failing recently; retried shortly); the fields it owns are null', path: ['book'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'books', reason: 'circuit_open', serviceName: 'books' } }],
    });
    expect(flaky.hits).to.equal(3);

    await new Promise((r) => setTimeout(r, 450));
    expect((await ready()).body.subgraphs).to.deep.equal([{ name: 'books', state: 'half-open', lastError: 'http_error' }]);
    flaky.mode = 'ok';
    expect(await query('{ book { title } }')).to.deep.equal({ data: { book: { title: 'Collision Repair Fundamentals' } } });
    expect(flaky.hits).to.equal(4);
    expect(await ready()).to.deep.equal({ status: 200, body: { status: 'ready', supergraph: gateway.currentSupergraph().id, subgraphs: [{ name: 'books', state: 'ok', lastError: 'http_error' }] } });
    // Liveness never depended on any of this.
    expect((await fetch(front.url.replace('/graphql', '/health'))).status).to.equal(200);
  });

  it('stops at the request deadline: a hanging subgraph gets no retry that would outlive it', async () => {
    await start({ ...CALLS, callTimeoutMs: 300, requestTimeoutMs: 450, retry: { retries: 5, baseDelayMs: 1, maxDelayMs: 1 } });
    flaky.mode = 'hang';
    const started = Date.now();
    const answer = await query('{ book { title } }');
    const took = Date.now() - started;
    expect(answer.data).to.deep.equal({ book: null });
    expect(answer.errors?.[0]?.extensions).to.include({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'books', reason: 'timeout' });
    // One full attempt (300 ms) and at most a second one cut to the 150 ms left; never a third
    // (5 retries were allowed), and the answer comes close to the 450 ms deadline.
    expect(flaky.hits).to.be.within(1, 2);
    expect(took).to.be.within(400, 1_500);
  });

  it('/ready reports a subgraph nobody answers for as unreachable (503) while its breaker is still closed', async () => {
    await start(CALLS, `http://127.0.0.1:${await freePort()}/graphql`);
    expect(await ready()).to.deep.equal({ status: 503, body: { status: 'degraded', supergraph: gateway.currentSupergraph().id, subgraphs: [{ name: 'books', state: 'unreachable', lastError: 'connection' }] } });
  });

  it('/ready answers 503 "stopping" once shutdown has begun', async () => {
    await start();
    gateway.beginShutdown();
    expect((await ready()).body.status).to.equal('stopping');
    expect((await ready()).status).to.equal(503);
  });
});
