import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createClient } from 'redis';
import type { Listening } from '@talent-graph/platform';
import { databaseKinds, freePort, startRedis, type RedisServer } from '@talent-graph/platform/testing';
import type { BuiltGateway } from '@talent-graph/gateway';
import { gatewayOver, operationCaller, postGraphQL, ROOT, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Query plans shared through Redis (PLAN_CACHE_SHARED): a gateway process that has never planned
 * an operation answers it with the plan another process stored, exactly as that process answers
 * it, and without planning; a Redis that is down costs only the sharing.
 */
const OPERATIONS_DIR = `${ROOT}schema/operations`;
const queries = readdirSync(OPERATIONS_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.replace(/\.graphql$/, ''))
  .filter((name) => /^\s*query\b/m.test(readFileSync(`${OPERATIONS_DIR}/${name}.graphql`, 'utf8').replace(/#.*$/gm, '')))
  .sort()
  .map((name) => {
    const query = readFileSync(`${OPERATIONS_DIR}/${name}.graphql`, 'utf8');
    const file = `${OPERATIONS_DIR}/${name}.variables.json`;
    return { name, query, variables: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}, headers: operationCaller(query) };
  });
// An ad hoc query no manifest knows: what sharing is for.
const AD_HOC = '{ states { code name schools(first: 3) { edges { node { name programs { name aseAccreditation { status } } } } } } }';

interface Front {
  gateway: BuiltGateway;
  listening: Listening;
  /** How many plans this gateway's planner has built since it started. */
  planned(): number;
  stop(): Promise<void>;
}

async function front(stack: Stack, sharedPlansRedisUrl: string | undefined): Promise<Front> {
  // The same draw of the percent(25) override label in both processes: each draw has a plan of its own.
  const over = await gatewayOver(stack, { sharedPlansRedisUrl, random: () => 0.99 });
  // The planner is ApolloGateway's own (executor.ts reads it per request): count its calls.
  const planner = (over.gateway.gateway as unknown as { queryPlanner: { buildQueryPlan: (...args: unknown[]) => unknown } }).queryPlanner;
  let planned = 0;
  const build = planner.buildQueryPlan.bind(planner);
  planner.buildQueryPlan = (...args: unknown[]) => {
    planned += 1;
    return build(...args);
  };
  return { ...over, planned: () => planned };
}

async function ask(f: Front, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<string> {
  const r = await postGraphQL(f.listening.url, query, variables, headers);
  return JSON.stringify({ data: r.data, errors: r.errors });
}

for (const kind of databaseKinds()) {
  describe(`query plans shared through Redis [${kind}]`, function () {
    this.timeout(120_000);
    let stack: Stack;
    let redis: RedisServer;
    before(async () => {
      stack = await sharedStack(kind);
      redis = await startRedis();
    });
    after(async () => {
      await redis?.stop();
    });

    it('lets a process answer every canonical query and an ad hoc one with plans another process built, the same answers, planning nothing', async () => {
      const first = await front(stack, redis.url);
      const second = await front(stack, redis.url);
      try {
        // Both connect to Redis in the background; until then a plan is neither read nor stored.
        await waitForRedis(redis.url);
        await new Promise((r) => setTimeout(r, 200));
        const answersOfFirst: string[] = [];
        for (const q of [...queries, { name: 'adHoc', query: AD_HOC, variables: {}, headers: {} }]) answersOfFirst.push(await ask(first, q.query, q.variables, q.headers));
        const plannedBefore = second.planned();
        const answersOfSecond: string[] = [];
        for (const q of [...queries, { name: 'adHoc', query: AD_HOC, variables: {}, headers: {} }]) answersOfSecond.push(await ask(second, q.query, q.variables, q.headers));
        const keys = await redisKeys(redis.url, 'tg:qp:*');
        expect({
          same: answersOfSecond.map((a, i) => a === answersOfFirst[i]),
          errors: answersOfFirst.filter((a) => a.includes('"errors":[')).length,
          firstPlanned: first.planned() > 0,
          secondPlanned: second.planned() - plannedBefore,
          stored: keys.length >= queries.length + 1,
        }).to.deep.equal({ same: answersOfFirst.map(() => true), errors: 0, firstPlanned: true, secondPlanned: 0, stored: true });
      } finally {
        await first.stop();
        await second.stop();
      }
    });

    it('plans locally, and answers, while Redis is unreachable', async () => {
      const alone = await front(stack, `redis://127.0.0.1:${await freePort()}`);
      try {
        const answer = JSON.parse(await ask(alone, AD_HOC)) as { data: { states: unknown[] }; errors?: unknown };
        expect({ states: answer.data.states.length > 0, errors: answer.errors, planned: alone.planned() > 0 }).to.deep.equal({ states: true, errors: undefined, planned: true });
      } finally {
        await alone.stop();
      }
    });
  });
}

async function waitForRedis(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  await client.ping();
  client.destroy();
}

async function redisKeys(url: string, pattern: string): Promise<string[]> {
  const client = createClient({ url });
  await client.connect();
  try {
    return await client.keys(pattern);
  } finally {
    client.destroy();
  }
}
