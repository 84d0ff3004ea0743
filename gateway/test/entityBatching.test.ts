import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { expect } from 'chai';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { CALLER_HEADER, createHttpHandler, createLogger, decodeCaller, listen, type Caller, type Listening } from '@talent-graph/platform';
import { buildGateway, type BuiltGateway } from '../src/server.ts';
import { EntityFetchBatcher, MAX_WAIT_MS, splitEntitiesResponse } from '../src/entityBatching.ts';
import { DEFAULT_SUBGRAPH_CALLS } from '../src/subgraphClient.ts';

/**
 * Entity fetches of concurrent requests sent to a subgraph as one call (entityBatching.ts): two
 * real HTTP subgraphs on port 0 behind the real gateway. `books` answers shelves; `reviews`
 * contributes each book's rating and says which caller it saw.
 */
const SECRET = 'entity-batching-test-secret-0123456789abcdef';
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const booksTypeDefs = parse(`${link}
  type Book @key(fields: "id") { id: ID! title: String! }
  type Query { shelf(n: Int!): [Book!]! }
`);
const reviewsTypeDefs = parse(`${link}
  type Book @key(fields: "id") { id: ID! rating: Int seenBy: String }
`);

interface CountingSubgraph {
  url: string;
  /** Per HTTP request: the caller header's person and how many representations it carried. */
  calls: { sub: string | null; representations: number }[];
  /** Hold answers until this many requests have arrived, then send them all in one go. */
  holdUntil: number;
  /** Or hold each answer this long. */
  holdMs: number;
  failing: boolean;
  close(): Promise<void>;
}

async function countingSubgraph(typeDefs: DocumentNode, resolvers: Record<string, unknown>): Promise<CountingSubgraph> {
  const apollo = new ApolloServer<{ caller: Caller }>({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  const handler = createHttpHandler({ apollo, context: async (req) => ({ caller: decodeCaller(req.headers[CALLER_HEADER] as string | undefined) }) });
  const held: (() => Promise<void>)[] = [];
  const state = { calls: [] as CountingSubgraph['calls'], holdUntil: 0, holdMs: 0, failing: false };
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const { variables } = JSON.parse(body) as { variables?: { representations?: unknown[] } };
    state.calls.push({ sub: decodeCaller(req.headers[CALLER_HEADER] as string | undefined).sub, representations: variables?.representations?.length ?? 0 });
    if (state.failing) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('down');
    const replay = Object.assign(Object.create(req), { [Symbol.asyncIterator]: async function* () { yield Buffer.from(body); } });
    if (state.holdMs > 0) await new Promise((resolve) => setTimeout(resolve, state.holdMs));
    held.push(() => handler(replay, res));
    if (held.length >= state.holdUntil) for (const answer of held.splice(0)) await answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  });
}

interface Answer {
  data?: { shelf: { id: string; title: string; rating: number | null; seenBy: string | null }[] } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

describe('entity fetches of concurrent requests batched into one subgraph call', function () {
  this.timeout(30_000);
  let books: CountingSubgraph;
  let reviews: CountingSubgraph;
  let gateway: BuiltGateway;
  let front: Listening;

  const shelf = (n: number) => [1, 2].map((k) => ({ id: `b-${n}-${k}`, title: `Shelf ${n} book ${k}` }));
  const ratingOf = (id: string) => Number(id.split('-')[1]) * 10 + Number(id.split('-')[2]);
  const ask = async (n: number, user?: string, fields = 'id title rating seenBy'): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'apollo-require-preflight': 'true' };
    if (user) Object.assign(headers, { 'x-dev-user': user, 'x-dev-roles': 'student' });
    const res = await fetch(front.url, { method: 'POST', headers, body: JSON.stringify({ query: `{ shelf(n: ${n}) { ${fields} } }` }) });
    return (await res.json()) as Answer;
  };
  const expected = (n: number, user: string | null = null) => ({ data: { shelf: shelf(n).map((b) => ({ ...b, rating: ratingOf(b.id), seenBy: user })) } });

  async function start(batchEntityFetches: boolean, deduplicateFetches = true): Promise<void> {
    const composed = composeServices([
      { name: 'books', url: books.url, typeDefs: booksTypeDefs },
      { name: 'reviews', url: reviews.url, typeDefs: reviewsTypeDefs },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
    gateway = await buildGateway({
      supergraphSdl: composed.supergraphSdl,
      logger: createLogger('gateway', 'silent'),
      subgraphSigningSecret: SECRET,
      devIdentityHeaders: true,
      subgraphCalls: { ...DEFAULT_SUBGRAPH_CALLS, retry: { ...DEFAULT_SUBGRAPH_CALLS.retry, retries: 0 }, batchEntityFetches, deduplicateFetches },
    });
    front = await listen(gateway.handler, 0);
  }

  beforeEach(async () => {
    books = await countingSubgraph(booksTypeDefs, { Query: { shelf: (_: unknown, { n }: { n: number }) => shelf(n) } });
    reviews = await countingSubgraph(reviewsTypeDefs, {
      Book: {
        __resolveReference: ({ id }: { id: string }, { caller }: { caller: Caller }) => {
          // As a loader fails one key: that entity alone is null, with an error at its position.
          if (id === 'b-3-2') return Promise.reject(new GraphQLError('No rating for this book', { extensions: { code: 'NOT_FOUND' } }));
          // A synchronous throw fails the whole _entities field: an error with no entity position.
          if (id === 'b-7-1') throw new GraphQLError('Shelf 7 is being re-catalogued', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
          return { id, rating: ratingOf(id), seenBy: caller.sub };
        },
      },
    });
  });
  afterEach(async () => {
    await front.close();
    await gateway.stop();
    await books.close();
    await reviews.close();
  });

  it('sends the same entity fetch of five requests with one caller as one call, and each request gets exactly its own entities', async () => {
    await start(true);
    // The five shelves are answered together, so their five reviews fetches are issued in one turn.
    books.holdUntil = 5;
    const answers = await Promise.all([1, 2, 4, 5, 6].map((n) => ask(n)));
    expect(answers).to.deep.equal([1, 2, 4, 5, 6].map((n) => expected(n)));
    expect(reviews.calls).to.deep.equal([{ sub: null, representations: 10 }]);
  });

  it('never sends two callers in one call: each request is answered as its own caller', async () => {
    await start(true);
    books.holdUntil = 4;
    const answers = await Promise.all([ask(1, 'per-00001'), ask(2, 'per-00002'), ask(4, 'per-00001'), ask(5, 'per-00002')]);
    expect(answers).to.deep.equal([expected(1, 'per-00001'), expected(2, 'per-00002'), expected(4, 'per-00001'), expected(5, 'per-00002')]);
    expect(reviews.calls.map((c) => `${c.sub}:${c.representations}`).sort()).to.deep.equal(['per-00001:4', 'per-00002:4']);
  });

  it("gives an entity's error to the request that asked for it, at its own path, and to no other", async () => {
    await start(true);
    books.holdUntil = 2;
    const [withError, clean] = await Promise.all([ask(3), ask(2)]);
    expect(reviews.calls).to.have.length(1);
    expect(clean).to.deep.equal(expected(2));
    expect(withError.data).to.deep.equal({ shelf: [{ id: 'b-3-1', title: 'Shelf 3 book 1', rating: 31, seenBy: null }, { id: 'b-3-2', title: 'Shelf 3 book 2', rating: null, seenBy: null }] });
    expect(withError.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }))).to.deep.equal([{ message: 'No rating for this book', path: ['shelf', 1], code: 'NOT_FOUND' }]);
  });

  it('when an error fails the whole batched call, each fetch is asked alone: the others are answered as if never batched', async () => {
    await start(true);
    books.holdUntil = 2;
    const [failed, clean] = await Promise.all([ask(7), ask(2)]);
    expect(reviews.calls.map((c) => c.representations)).to.deep.equal([4, 2, 2]);
    expect(clean).to.deep.equal(expected(2));
    expect(failed.data).to.deep.equal({ shelf: [{ id: 'b-7-1', title: 'Shelf 7 book 1', rating: null, seenBy: null }, { id: 'b-7-2', title: 'Shelf 7 book 2', rating: null, seenBy: null }] });
    expect(failed.errors?.map((e) => `${e.extensions?.code} ${e.message}`)).to.deep.equal(['SERVICE_UNAVAILABLE Shelf 7 is being re-catalogued']);
  });

  it('when the batched call fails (HTTP 500), each fetch is asked alone, and each request gets SUBGRAPH_UNAVAILABLE at its own fields only', async () => {
    await start(true);
    books.holdUntil = 2;
    reviews.failing = true;
    const answers = await Promise.all([ask(1), ask(2)]);
    expect(reviews.calls.map((c) => c.representations)).to.deep.equal([4, 2, 2]);
    for (const [k, n] of [1, 2].entries()) {
      expect(answers[k]!.data).to.deep.equal({ shelf: shelf(n).map((b) => ({ ...b, rating: null, seenBy: null })) });
      expect(answers[k]!.errors?.map((e) => `${e.extensions?.code} ${e.path?.join('.')}`)).to.deep.equal(['SUBGRAPH_UNAVAILABLE shelf.0.rating', 'SUBGRAPH_UNAVAILABLE shelf.0.seenBy', 'SUBGRAPH_UNAVAILABLE shelf.1.rating', 'SUBGRAPH_UNAVAILABLE shelf.1.seenBy']);
    }
  });

  it('an identical query fetch already on its way is not sent again: four requests for one shelf, one books call, four whole answers', async () => {
    await start(true);
    // Each answer takes 200 ms: the four requests reach the gateway while the first is on its way.
    books.holdMs = 200;
    const answers = await Promise.all([ask(4), ask(4), ask(4), ask(4)]);
    expect(answers).to.deep.equal([expected(4), expected(4), expected(4), expected(4)]);
    expect(books.calls).to.deep.equal([{ sub: null, representations: 0 }]);
  });

  it('requests sharing one fetch each get their own copy of its answer: what one adds to it never shows in another', async () => {
    await start(true);
    books.holdMs = 200;
    // The same books fetch for both; then one adds ratings to its copy, the other who saw them.
    const [ratings, readers] = await Promise.all([ask(5, undefined, 'id rating'), ask(5, undefined, 'id seenBy')]);
    expect(books.calls).to.have.length(1);
    expect([ratings, readers]).to.deep.equal([
      { data: { shelf: [{ id: 'b-5-1', rating: 51 }, { id: 'b-5-2', rating: 52 }] } },
      { data: { shelf: [{ id: 'b-5-1', seenBy: null }, { id: 'b-5-2', seenBy: null }] } },
    ]);
  });

  it('never shares a fetch between callers, and SUBGRAPH_DEDUPLICATION=off sends every one', async () => {
    await start(true);
    books.holdMs = 200;
    expect(await Promise.all([ask(4, 'per-00001'), ask(4, 'per-00002'), ask(4, 'per-00001')])).to.deep.equal([expected(4, 'per-00001'), expected(4, 'per-00002'), expected(4, 'per-00001')]);
    expect(books.calls.map((c) => c.sub).sort()).to.deep.equal(['per-00001', 'per-00002']);
    await front.close();
    await gateway.stop();
    books.calls = [];
    await start(true, false);
    expect(await Promise.all([ask(4), ask(4), ask(4)])).to.deep.equal([expected(4), expected(4), expected(4)]);
    expect(books.calls).to.have.length(3);
  });

  it('with SUBGRAPH_ENTITY_BATCHING=off every fetch is its own call', async () => {
    await start(false);
    books.holdUntil = 5;
    const answers = await Promise.all([1, 2, 4, 5, 6].map((n) => ask(n)));
    expect(answers).to.deep.equal([1, 2, 4, 5, 6].map((n) => expected(n)));
    expect(reviews.calls).to.deep.equal(Array.from({ length: 5 }, () => ({ sub: null, representations: 2 })));
  });
});

describe('entity batching: the batcher and the split of its answers', () => {
  const fetchOf = (representations: unknown[], variables: Record<string, unknown> = {}, callerHeader = 'anon') => ({
    query: 'query Q__reviews__1($representations:[_Any!]!){_entities(representations:$representations){...on Book{rating}}}',
    operationName: 'Q__reviews__1',
    variables: { ...variables, representations },
    representations,
    callerHeader,
    deadline: 1_000,
  });

  it('batches fetches issued in one turn that differ only in representations; other variables or callers keep them apart; a full batch starts a new one', async () => {
    const sent: { variables: Record<string, unknown>; callerHeader: string }[] = [];
    const batcher = new EntityFetchBatcher(async (f) => {
      sent.push({ variables: f.variables, callerHeader: f.callerHeader });
      const reps = f.variables.representations as { id: string }[];
      return { data: { _entities: reps.map((r) => ({ rating: r.id })) } };
    }, 3);
    const answers = await Promise.all([
      batcher.fetch(fetchOf([{ id: 'a' }])),
      batcher.fetch(fetchOf([{ id: 'b' }, { id: 'c' }])),
      batcher.fetch(fetchOf([{ id: 'd' }])),
      batcher.fetch(fetchOf([{ id: 'e' }], { year: 2024 })),
      batcher.fetch(fetchOf([{ id: 'f' }], {}, 'someone')),
    ]);
    expect(answers).to.deep.equal([
      { data: { _entities: [{ rating: 'a' }] } },
      { data: { _entities: [{ rating: 'b' }, { rating: 'c' }] } },
      { data: { _entities: [{ rating: 'd' }] } },
      { data: { _entities: [{ rating: 'e' }] } },
      { data: { _entities: [{ rating: 'f' }] } },
    ]);
    expect(sent).to.deep.equal([
      { variables: { representations: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }, callerHeader: 'anon' },
      { variables: { representations: [{ id: 'd' }] }, callerHeader: 'anon' },
      { variables: { year: 2024, representations: [{ id: 'e' }] }, callerHeader: 'anon' },
      { variables: { representations: [{ id: 'f' }] }, callerHeader: 'someone' },
    ]);
  });

  it('while a call of a shape is on its way, later fetches of that shape gather and go together when it returns', async () => {
    const sent: string[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const batcher = new EntityFetchBatcher(async (f) => {
      const reps = f.variables.representations as { id: string }[];
      sent.push(reps.map((r) => r.id));
      if (sent.length === 1) await held;
      return { data: { _entities: reps.map((r) => ({ rating: r.id })) } };
    });
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const first = batcher.fetch(fetchOf([{ id: 'a' }]));
    await turn();
    const second = batcher.fetch(fetchOf([{ id: 'b' }]));
    await turn();
    const third = batcher.fetch(fetchOf([{ id: 'c' }]));
    await turn();
    expect(sent, 'nothing more goes while the first call is on its way').to.deep.equal([['a']]);
    release();
    expect(await Promise.all([first, second, third])).to.deep.equal(['a', 'b', 'c'].map((id) => ({ data: { _entities: [{ rating: id }] } })));
    expect(sent).to.deep.equal([['a'], ['b', 'c']]);
  });

  it('a call that does not come back holds the next fetches of its shape for at most MAX_WAIT_MS', async () => {
    const sent: string[][] = [];
    const batcher = new EntityFetchBatcher(async (f) => {
      const reps = f.variables.representations as { id: string }[];
      sent.push(reps.map((r) => r.id));
      if (sent.length === 1) await new Promise(() => {});
      return { data: { _entities: reps.map((r) => ({ rating: r.id })) } };
    });
    void batcher.fetch(fetchOf([{ id: 'stuck' }]));
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    expect(await batcher.fetch(fetchOf([{ id: 'next' }]))).to.deep.equal({ data: { _entities: [{ rating: 'next' }] } });
    expect(Date.now() - started).to.be.within(MAX_WAIT_MS - 5, MAX_WAIT_MS + 500);
    expect(sent).to.deep.equal([['stuck'], ['next']]);
  });

  it('splits the entities and their errors by position, re-numbered for each fetch', () => {
    const parts = splitEntitiesResponse(
      {
        data: { _entities: [{ rating: 1 }, null, { rating: 3 }] },
        errors: [{ message: 'not found', path: ['_entities', 1, 'rating'] }],
        extensions: { note: 'kept' },
      },
      [1, 2],
    );
    expect(parts).to.deep.equal([
      { data: { _entities: [{ rating: 1 }] }, extensions: { note: 'kept' } },
      { data: { _entities: [null, { rating: 3 }] }, errors: [{ message: 'not found', path: ['_entities', 0, 'rating'] }], extensions: { note: 'kept' } },
    ]);
  });

  it('cannot split an error without an entity position, nor a different number of entities than were sent', () => {
    expect(splitEntitiesResponse({ data: { _entities: [{ rating: 1 }, null] }, errors: [{ message: 'partial outage' }] }, [1, 1])).to.equal(null);
    expect(splitEntitiesResponse({ data: null, errors: [{ message: 'refused', path: ['_entities'] }] }, [1, 1])).to.equal(null);
    expect(splitEntitiesResponse({ data: { _entities: [{ rating: 1 }] } }, [1, 1])).to.equal(null);
  });
});
