import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createLogger, listen, type Listening } from '@talent-graph/platform';
import { startRedis, type RedisServer } from '@talent-graph/platform/testing';
import { buildGateway, type BuiltGateway } from '../src/server.ts';
import { connectRedis, REDIS_COMMAND_TIMEOUT_MS, type RateLimitOptions } from '../src/plugins/rateLimit.ts';

/**
 * A Redis that hangs (frozen with SIGSTOP: connections open, no answers) is the worst case for
 * the rate limiter: only client-side timeouts bound the wait. Each request must stay within a
 * bounded delay, and once Redis answers again the shared buckets are used again.
 */
const SUPERGRAPH_SDL = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

async function timedPost(url: string): Promise<{ status: number; code: unknown; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, code: json.errors?.[0]?.extensions?.code, ms: performance.now() - started };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('rate limits while Redis hangs (real redis-server, frozen and thawed)', function () {
  this.timeout(60_000);
  let redis: RedisServer;
  const running: { gateway: BuiltGateway; front: Listening }[] = [];
  // Slow refill: each request visibly takes one token from the bucket in Redis.
  const limits = (failure: 'open' | 'closed'): RateLimitOptions => ({ user: { perSecond: 1_000, burst: 1_000 }, ip: { perSecond: 0.01, burst: 1_000 }, redisUrl: redis.url, failure, trustProxy: false });

  async function gatewayWith(rateLimit: RateLimitOptions): Promise<{ url: string; gateway: BuiltGateway }> {
    const gateway = await buildGateway({ supergraphSdl: SUPERGRAPH_SDL, logger: createLogger('gateway', 'silent'), rateLimit });
    const front = await listen(gateway.handler, 0);
    running.push({ gateway, front });
    await until(() => gateway.rateLimiter!.backend() === 'redis', 'the gateway to use Redis');
    return { url: front.url, gateway };
  }

  async function tokensInRedis(): Promise<number | undefined> {
    const client = connectRedis(redis.url);
    await client.connect();
    try {
      const tokens = await client.hGet('tg:rl:ip:127.0.0.1', 'tokens');
      return tokens === null || tokens === undefined ? undefined : Number(tokens);
    } finally {
      client.destroy();
    }
  }

  before(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const { gateway, front } of running.splice(0)) {
      await front.close();
      await gateway.stop();
    }
    if (redis.running()) redis.resume();
  });
  after(async () => {
    await redis.stop();
  });

  it('fail-open: every request is served within the command timeout plus a margin; Redis is used again once it answers', async () => {
    const { url } = await gatewayWith(limits('open'));
    expect((await timedPost(url)).status).to.equal(200);
    const before = await tokensInRedis();
    expect(before).to.be.a('number');

    redis.pause();
    const sequential = [];
    for (let i = 0; i < 8; i++) sequential.push(await timedPost(url));
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => timedPost(url)));
    const all = [...sequential, ...concurrent];
    expect(all.map((r) => r.status)).to.deep.equal(all.map(() => 200));
    // The bound: one Redis command timeout (250 ms) plus request handling on a busy, shared
    // machine (20 at once queue behind each other). Without it the first request never ends.
    expect(Math.max(...sequential.map((r) => r.ms))).to.be.lessThan(REDIS_COMMAND_TIMEOUT_MS + 750);
    expect(Math.max(...concurrent.map((r) => r.ms))).to.be.lessThan(REDIS_COMMAND_TIMEOUT_MS + 1_500);
    // After a timeout Redis is skipped for a while (1 s): most requests never wait on it at all.
    expect(sequential.filter((r) => r.ms >= REDIS_COMMAND_TIMEOUT_MS).length).to.be.at.most(2);

    redis.resume();
    // Back: requests take tokens from the shared bucket in Redis again.
    await until(async () => {
      await timedPost(url);
      const now = await tokensInRedis();
      return now !== undefined && now < before! - 0.5;
    }, 'requests to be counted in Redis again');
  });

  it('fail-closed: refused with 503 RATE_LIMITER_UNAVAILABLE within the same bound, served again once Redis answers', async () => {
    const { url } = await gatewayWith(limits('closed'));
    expect((await timedPost(url)).status).to.equal(200);
    redis.pause();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await timedPost(url));
    expect(answers.map((a) => [a.status, a.code])).to.deep.equal(answers.map(() => [503, 'RATE_LIMITER_UNAVAILABLE']));
    expect(Math.max(...answers.map((r) => r.ms))).to.be.lessThan(REDIS_COMMAND_TIMEOUT_MS + 750);
    redis.resume();
    await until(async () => (await timedPost(url)).status === 200, 'requests to be served again');
  });
});
