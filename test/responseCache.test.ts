import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Listening } from '@talent-graph/platform';
import { databaseKinds, freePort, startRedis, type RedisServer } from '@talent-graph/platform/testing';
import type { BuiltGateway } from '@talent-graph/gateway';
import { DEFAULT_RESPONSE_CACHE, type ResponseCacheConfig } from '../gateway/src/plugins/responseCache.ts';
import { devCaller, gatewayOver, postGraphQL, ROOT, type GraphQLResponse, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * The response cache end to end: the real supergraph (hints composed from the subgraphs' SDL),
 * the five subgraphs over a seeded database, and gateways with the cache in a real Redis, in
 * memory, or off. What must hold: a private answer is only ever served to the very caller it was
 * made for; a public one is served to anyone without a subgraph call; nothing with errors, no
 * mutation and nothing an anonymous caller asks privately is stored; a Redis that is down costs
 * only the cache.
 */
const DASHBOARD = readFileSync(`${ROOT}schema/operations/stateDashboard.graphql`, 'utf8');
const ME = '{ me { id displayName ageBand } }';

interface Front {
  gateway: BuiltGateway;
  listening: Listening;
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

async function front(stack: Stack, responseCache: ResponseCacheConfig): Promise<Front> {
  const over = await gatewayOver(stack, { responseCache });
  return { ...over, query: (query, variables, headers) => postGraphQL(over.listening.url, query, variables, headers) };
}

const seen = (r: GraphQLResponse) => ({ age: r.headers.get('age') !== null, cacheControl: r.headers.get('cache-control') });

for (const kind of databaseKinds()) {
  describe(`response cache [${kind}]`, function () {
    this.timeout(120_000);
    let stack: Stack;
    let redis: RedisServer;
    let cached: Front;
    before(async function () {
      stack = await sharedStack(kind);
      redis = await startRedis();
      cached = await front(stack, { ...DEFAULT_RESPONSE_CACHE, enabled: true, redisUrl: redis.url });
      // node-redis connects in the background; wait until the store answers.
      for (let i = 0; i < 100 && !(await redisReady(cached)); i += 1) await new Promise((r) => setTimeout(r, 20));
    });
    after(async () => {
      await cached?.stop();
      await redis?.stop();
    });

    it('never serves one user’s private answer to another, and serves each their own from the cache', async () => {
      const alice = devCaller({ user: 'per-00001', roles: ['student'] });
      const bob = devCaller({ user: 'per-00002', roles: ['student'] });
      const aliceFirst = await cached.query(ME, {}, alice);
      const bobFirst = await cached.query(ME, {}, bob);
      let aliceAgain: GraphQLResponse | undefined;
      const statements = await stack.countStatements(async () => (aliceAgain = await cached.query(ME, {}, alice)));
      const bobAgain = await cached.query(ME, {}, bob);
      expect({
        alice: aliceFirst.data.me.id,
        bob: bobFirst.data.me.id,
        aliceAgain: aliceAgain!.data,
        bobAgain: bobAgain.data,
        headers: [seen(aliceFirst), seen(bobFirst), seen(aliceAgain!), seen(bobAgain)],
        sqlForTheHit: Object.values(statements).reduce((a, b) => a + b, 0),
      }).to.deep.equal({
        alice: 'per-00001',
        bob: 'per-00002',
        aliceAgain: aliceFirst.data,
        bobAgain: bobFirst.data,
        headers: [
          { age: false, cacheControl: 'max-age=30, private' },
          // Bob's first request is a miss although Alice's answer to the same query is stored.
          { age: false, cacheControl: 'max-age=30, private' },
          { age: true, cacheControl: 'max-age=30, private' },
          { age: true, cacheControl: 'max-age=30, private' },
        ],
        sqlForTheHit: 0,
      });
    });

    it('keys a private answer by the whole identity: the same user with other roles is another entry', async () => {
      const asStudent = await cached.query(ME, {}, devCaller({ user: 'per-00003', roles: ['student'] }));
      const asSupport = await cached.query(ME, {}, devCaller({ user: 'per-00003', roles: ['support'] }));
      expect([seen(asStudent).age, seen(asSupport).age, asSupport.data]).to.deep.equal([false, false, asStudent.data]);
    });

    it('serves a public answer to any caller without calling a subgraph', async () => {
      const variables = { code: 'OH', year: 2024, first: 50 };
      const first = await cached.query(DASHBOARD, variables);
      let again: GraphQLResponse | undefined;
      const statements = await stack.countStatements(async () => (again = await cached.query(DASHBOARD, variables, devCaller({ user: 'per-00002', roles: ['employer'], shop: 'shp-0001' }))));
      const otherState = await cached.query(DASHBOARD, { ...variables, code: 'TX' });
      expect({
        first: seen(first),
        again: seen(again!),
        same: JSON.stringify(again!.data) === JSON.stringify(first.data),
        sql: Object.values(statements).reduce((a, b) => a + b, 0),
        otherState: { ...seen(otherState), name: otherState.data.state.name },
      }).to.deep.equal({
        first: { age: false, cacheControl: 'max-age=60, public' },
        again: { age: true, cacheControl: 'max-age=60, public' },
        same: true,
        sql: 0,
        otherState: { age: false, cacheControl: 'max-age=60, public', name: 'Texas' },
      });
    });

    it('stores nothing an anonymous caller asks privately and nothing with errors', async () => {
      const anonymous = [await cached.query(ME), await cached.query(ME)];
      // A state that does not exist: a hinted query whose answer carries an error.
      const broken = '{ state(code: "OH") { name jobs(first: -1) { totalCount } } }';
      const withErrors = [await cached.query(broken), await cached.query(broken)];
      expect({
        anonymous: anonymous.map((r) => ({ ...seen(r), code: r.errors?.[0]?.extensions?.code })),
        withErrors: withErrors.map((r) => ({ ...seen(r), code: r.errors?.[0]?.extensions?.code })),
      }).to.deep.equal({
        anonymous: [
          { age: false, cacheControl: 'no-store', code: 'UNAUTHENTICATED' },
          { age: false, cacheControl: 'no-store', code: 'UNAUTHENTICATED' },
        ],
        withErrors: [
          { age: false, cacheControl: 'no-store', code: 'BAD_USER_INPUT' },
          { age: false, cacheControl: 'no-store', code: 'BAD_USER_INPUT' },
        ],
      });
    });

    it('answers every request while Redis is down, as misses', async () => {
      const down = await front(stack, { ...DEFAULT_RESPONSE_CACHE, enabled: true, redisUrl: `redis://127.0.0.1:${await freePort()}` });
      try {
        const variables = { code: 'OH', year: 2024, first: 5 };
        const answers = [await down.query(DASHBOARD, variables), await down.query(DASHBOARD, variables)];
        expect(answers.map((r) => ({ ...seen(r), name: r.data?.state?.name, errors: r.errors }))).to.deep.equal([
          { age: false, cacheControl: 'max-age=60, public', name: 'Ohio', errors: undefined },
          { age: false, cacheControl: 'max-age=60, public', name: 'Ohio', errors: undefined },
        ]);
      } finally {
        await down.stop();
      }
    });

    it('with the cache off (the default) sends Cache-Control and serves nothing stored', async () => {
      const off = await front(stack, DEFAULT_RESPONSE_CACHE);
      try {
        const variables = { code: 'OH', year: 2024, first: 5 };
        const answers = [await off.query(DASHBOARD, variables), await off.query(DASHBOARD, variables)];
        expect({ store: off.gateway.responseStore, seen: answers.map(seen) }).to.deep.equal({
          store: undefined,
          seen: [
            { age: false, cacheControl: 'max-age=60, public' },
            { age: false, cacheControl: 'max-age=60, public' },
          ],
        });
      } finally {
        await off.stop();
      }
    });

    it('in memory (no REDIS_URL) serves hits the same way', async () => {
      const memory = await front(stack, { ...DEFAULT_RESPONSE_CACHE, enabled: true });
      try {
        const alice = devCaller({ user: 'per-00001', roles: ['student'] });
        const bob = devCaller({ user: 'per-00002', roles: ['student'] });
        const answers = [await memory.query(ME, {}, alice), await memory.query(ME, {}, bob), await memory.query(ME, {}, alice)];
        expect({ kind: memory.gateway.responseStore?.kind, ids: answers.map((r) => r.data.me.id), age: answers.map((r) => seen(r).age) }).to.deep.equal({
          kind: 'memory',
          ids: ['per-00001', 'per-00002', 'per-00001'],
          age: [false, false, true],
        });
      } finally {
        await memory.stop();
      }
    });
  });
}

async function redisReady(f: Front): Promise<boolean> {
  const store = f.gateway.responseStore!;
  await store.set('tg:rc:probe', '1', 5);
  return (await store.get('tg:rc:probe')) === '1';
}
