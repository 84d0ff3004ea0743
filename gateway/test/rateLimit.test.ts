import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { expect } from 'chai';
import { createLogger, listen, type Listening } from '@talent-graph/platform';
import { startRedis, type RedisServer } from '@talent-graph/platform/testing';
import { buildGateway, DEV_JWT_SECRET, mintToken, type BuiltGateway } from '../src/server.ts';
import { parseRateLimit, readRateLimitConfig } from '../src/config.ts';
import { addressBucket, clientAddress, connectRedis, MemoryStore, RedisStore, takeToken, userRateLimitFor, type RateLimitOptions } from '../src/plugins/rateLimit.ts';
import type { Role } from '@talent-graph/platform';

const SUPERGRAPH_SDL = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
// `{ __typename }` is answered by the gateway itself, so no subgraph needs to run.
const QUERY = JSON.stringify({ query: '{ __typename }' });

interface Answer {
  status: number;
  retryAfter: string | null;
  code: unknown;
  retryAfterSeconds: unknown;
}

async function post(url: string, headers: Record<string, string> = {}, body = QUERY): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code: json.errors?.[0]?.extensions?.code, retryAfterSeconds: json.errors?.[0]?.extensions?.retryAfterSeconds };
}

const OK: Answer = { status: 200, retryAfter: null, code: undefined, retryAfterSeconds: undefined };
const LIMITED: Answer = { status: 429, retryAfter: '1', code: 'RATE_LIMITED', retryAfterSeconds: 1 };

async function statuses(url: string, count: number, headers: Record<string, string> = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await post(url, headers)).status);
  return out;
}

const token = async (sub: string, roles: Role[] = ['student']) => ({
  authorization: `Bearer ${await mintToken({ sub, roles, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'talent-graph', audience: 'talent-graph-api' })}`,
});

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Slow refill (1 token per 10 s) so nothing refills while a test runs: counts are exact.
const SLOW = { perSecond: 0.1, burst: 3 };
const options = (extra: Partial<RateLimitOptions> = {}): RateLimitOptions => ({ user: SLOW, ip: SLOW, failure: 'open', trustProxy: false, ...extra });

const running: { gateway: BuiltGateway; front: Listening }[] = [];
async function gatewayWith(rateLimit: RateLimitOptions): Promise<{ url: string; gateway: BuiltGateway }> {
  const gateway = await buildGateway({ supergraphSdl: SUPERGRAPH_SDL, logger: createLogger('gateway', 'silent'), rateLimit });
  const front = await listen(gateway.handler, 0);
  running.push({ gateway, front });
  return { url: front.url, gateway };
}

async function stopGateways(): Promise<void> {
  for (const { gateway, front } of running.splice(0)) {
    await front.close();
    await gateway.stop();
  }
}

describe('rate limits: the token bucket', () => {
  const limit = { perSecond: 2, burst: 3 };

  it('starts full, takes one token a request, and refuses with the wait for the next token', () => {
    let bucket = takeToken(undefined, limit, 0).bucket;
    expect(bucket).to.deep.equal({ tokens: 2, atMs: 0 });
    bucket = takeToken(bucket, limit, 0).bucket;
    bucket = takeToken(bucket, limit, 0).bucket;
    expect(bucket).to.deep.equal({ tokens: 0, atMs: 0 });
    // 2 tokens a second: the next one is there after 500 ms; 200 ms in, 300 ms are left.
    expect(takeToken(bucket, limit, 0)).to.deep.equal({ decision: { allowed: false, retryAfterMs: 500 }, bucket: { tokens: 0, atMs: 0 } });
    expect(takeToken(bucket, limit, 200).decision).to.deep.equal({ allowed: false, retryAfterMs: 300 });
    expect(takeToken(bucket, limit, 500)).to.deep.equal({ decision: { allowed: true }, bucket: { tokens: 0, atMs: 500 } });
  });

  it('refills at the rate, never beyond the burst, and ignores a clock that goes back', () => {
    expect(takeToken({ tokens: 0, atMs: 0 }, limit, 60_000).bucket).to.deep.equal({ tokens: 2, atMs: 60_000 });
    expect(takeToken({ tokens: 1.5, atMs: 1_000 }, limit, 500).bucket).to.deep.equal({ tokens: 0.5, atMs: 500 });
  });

  it('keeps the in-memory store bounded, dropping the least recently used bucket', async () => {
    const store = new MemoryStore(2, () => 0);
    const one = { perSecond: 1, burst: 1 };
    const results = [await store.take('a', one), await store.take('b', one), await store.take('a', one), await store.take('c', one), await store.take('a', one), await store.take('b', one)];
    // 'b' was the least recently used when 'c' arrived, so it was dropped and starts full again.
    expect(results.map((d) => d.allowed)).to.deep.equal([true, true, false, true, false, true]);
    expect(store.size).to.equal(2);
  });

  it('gives analysts and partner admins more room per user, never less than the default', () => {
    const defaults = { perSecond: 20, burst: 60 };
    expect(userRateLimitFor({ sub: 'a', roles: ['student', 'analyst'], scopes: [] }, defaults)).to.deep.equal({ perSecond: 50, burst: 150 });
    expect(userRateLimitFor({ sub: 'b', roles: ['employer'], scopes: [] }, defaults)).to.deep.equal(defaults);
    expect(userRateLimitFor({ sub: 'c', roles: ['analyst'], scopes: [] }, undefined)).to.equal(undefined);
  });
});

describe('rate limits: configuration', () => {
  it('has documented defaults and reads each variable', () => {
    expect(readRateLimitConfig({})).to.deep.equal({ user: { perSecond: 20, burst: 60 }, ip: { perSecond: 50, burst: 150 }, redisUrl: undefined, failure: 'open', trustProxy: false });
    expect(readRateLimitConfig({ REDIS_URL: 'redis://redis:6379', RATE_LIMIT_FAIL: 'closed', TRUST_PROXY: 'on', RATE_LIMIT_USER: '5/s', RATE_LIMIT_IP: 'off' })).to.deep.equal({
      user: { perSecond: 5, burst: 15 },
      ip: undefined,
      redisUrl: 'redis://redis:6379',
      failure: 'closed',
      trustProxy: true,
    });
    expect(parseRateLimit('RATE_LIMIT_USER', '0.5/s,burst=10', { perSecond: 1, burst: 1 })).to.deep.equal({ perSecond: 0.5, burst: 10 });
  });

  it('refuses bad values, naming the variable', () => {
    const message = (env: Record<string, string>) => {
      try {
        readRateLimitConfig(env);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect([message({ REDIS_URL: 'localhost:6379' }), message({ RATE_LIMIT_FAIL: 'maybe' }), message({ TRUST_PROXY: 'yes' }), message({ RATE_LIMIT_IP: '0/s' }), message({ RATE_LIMIT_USER: '20 per second' })]).to.deep.equal([
      'REDIS_URL must be a redis:// or rediss:// URL, got "localhost:6379"',
      'RATE_LIMIT_FAIL must be open or closed, got "maybe"',
      'TRUST_PROXY must be on or off, got "yes"',
      'RATE_LIMIT_IP must look like 20/s or 20/s,burst=60 (rate > 0, burst ≥ 1) or be off, got "0/s"',
      'RATE_LIMIT_USER must look like 20/s or 20/s,burst=60 (rate > 0, burst ≥ 1) or be off, got "20 per second"',
    ]);
  });
});

describe('rate limits: who is counted', () => {
  const req = (remoteAddress: string, forwarded?: string) => ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

  it('counts IPv4 by address and IPv6 by its /64', () => {
    expect(['10.1.2.3', '::ffff:10.1.2.3', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::9', '2001:db8::1', '::1'].map(addressBucket)).to.deep.equal(['10.1.2.3', '10.1.2.3', '2001:db8:1:2::/64', '2001:db8:1:2::/64', '2001:db8:0:0::/64', '0:0:0:0::/64']);
  });

  it('honours X-Forwarded-For only with TRUST_PROXY=on, and then only its last (proxy-added) entry', () => {
    expect([
      clientAddress(req('127.0.0.1', '203.0.113.9'), false),
      clientAddress(req('127.0.0.1', '198.51.100.1, 203.0.113.9'), true),
      clientAddress(req('127.0.0.1', 'not-an-address'), true),
    ]).to.deep.equal(['127.0.0.1', '203.0.113.9', '127.0.0.1']);
  });
});

describe('rate limits over HTTP (in-memory buckets)', () => {
  after(stopGateways);

  it('refuses a user over their limit with 429, Retry-After and RATE_LIMITED; other users are not affected', async () => {
    const { url, gateway } = await gatewayWith(options({ user: { perSecond: 1, burst: 3 } }));
    const alice = await token('per-00001');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(url, alice));
    expect(answers).to.deep.equal([OK, OK, OK, LIMITED]);
    expect(await post(url, await token('per-00002'))).to.deep.equal(OK);
    expect(gateway.rateLimiter?.backend()).to.equal('memory');
  });

  it('refuses before the body is parsed: an over-limit caller gets 429, not a JSON error', async () => {
    const { url } = await gatewayWith(options({ ip: { perSecond: 1, burst: 1 } }));
    expect([(await post(url)).status, await post(url, {}, '{ not json')]).to.deep.equal([200, LIMITED]);
  });

  it('counts anonymous callers, and callers whose token fails, by IP', async () => {
    const { url } = await gatewayWith(options());
    const bad = { authorization: 'Bearer not.a.jwt' };
    expect([(await post(url)).status, (await post(url, bad)).status, (await post(url)).status, await post(url, bad), await post(url)]).to.deep.equal([200, 401, 200, { ...LIMITED, retryAfter: '10', retryAfterSeconds: 10 }, { ...LIMITED, retryAfter: '10', retryAfterSeconds: 10 }]);
    // A verified user has their own bucket, whatever their address has used.
    expect((await post(url, await token('per-00003'))).status).to.equal(200);
  });

  it('gives each forwarded client its own bucket only behind a trusted proxy', async () => {
    const trusted = await gatewayWith(options({ trustProxy: true }));
    const untrusted = await gatewayWith(options());
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    expect([...(await statuses(trusted.url, 4, from('203.0.113.1'))), ...(await statuses(trusted.url, 1, from('203.0.113.2')))]).to.deep.equal([200, 200, 200, 429, 200]);
    expect([...(await statuses(untrusted.url, 3, from('203.0.113.1'))), ...(await statuses(untrusted.url, 1, from('203.0.113.2')))]).to.deep.equal([200, 200, 200, 429]);
  });
});

describe('rate limits shared through Redis', function () {
  this.timeout(30_000);
  let redis: RedisServer;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await stopGateways();
    await redis.stop();
  });

  it('takes tokens atomically in Redis with the same bucket math, under tg:rl: keys', async () => {
    const client = connectRedis(redis.url);
    await client.connect();
    try {
      const store = new RedisStore(client);
      const limit = { perSecond: 0.5, burst: 2 };
      const decisions = [await store.take('tg:rl:test:lua', limit), await store.take('tg:rl:test:lua', limit), await store.take('tg:rl:test:lua', limit)];
      expect(decisions.slice(0, 2)).to.deep.equal([{ allowed: true }, { allowed: true }]);
      // Empty at 0.5 tokens/s: the next one is about 2 s away.
      expect(decisions[2]!.allowed).to.equal(false);
      expect((decisions[2] as { retryAfterMs: number }).retryAfterMs).to.be.within(1_900, 2_000);
      expect(Number(await client.pTTL('tg:rl:test:lua'))).to.be.within(1, 5_000);
    } finally {
      client.destroy();
    }
  });

  it('shares one user limit between two gateway processes; falls back to local limits while Redis is down (fail-open); uses Redis again when it is back', async () => {
    const a = await gatewayWith(options({ redisUrl: redis.url }));
    const b = await gatewayWith(options({ redisUrl: redis.url }));
    await until(() => a.gateway.rateLimiter!.backend() === 'redis' && b.gateway.rateLimiter!.backend() === 'redis', 'both gateways to use Redis');
    const carol = await token('per-00010');
    expect([...(await statuses(a.url, 2, carol)), ...(await statuses(b.url, 1, carol)), await post(a.url, carol), await post(b.url, carol)]).to.deep.equal([200, 200, 200, { ...LIMITED, retryAfter: '10', retryAfterSeconds: 10 }, { ...LIMITED, retryAfter: '10', retryAfterSeconds: 10 }]);

    await redis.stop();
    await until(() => a.gateway.rateLimiter!.backend() === 'memory', 'gateway a to notice Redis is gone');
    // Fail-open: served on a's own buckets (Carol's local bucket is fresh), still limited.
    expect(await statuses(a.url, 4, carol)).to.deep.equal([200, 200, 200, 429]);
    // A gateway started while Redis is down serves too, and connects once Redis is there.
    const c = await gatewayWith(options({ redisUrl: redis.url }));
    expect((await post(c.url, carol)).status).to.equal(200);

    await redis.start();
    await until(() => [a, b, c].every((g) => g.gateway.rateLimiter!.backend() === 'redis'), 'the gateways to reconnect', 10_000);
    // The restarted Redis is empty: a fresh shared bucket, counted across both gateways again.
    expect([...(await statuses(b.url, 2, carol)), ...(await statuses(a.url, 1, carol)), (await post(c.url, carol)).status]).to.deep.equal([200, 200, 200, 429]);
    const client = connectRedis(redis.url);
    await client.connect();
    try {
      expect(await client.keys('*')).to.deep.equal(['tg:rl:user:per-00010']);
    } finally {
      client.destroy();
    }
  });

  it('refuses with 503 RATE_LIMITER_UNAVAILABLE while Redis is down when set to fail closed', async () => {
    const { url, gateway } = await gatewayWith(options({ redisUrl: redis.url, failure: 'closed' }));
    await until(() => gateway.rateLimiter!.backend() === 'redis', 'the gateway to use Redis');
    expect((await post(url)).status).to.equal(200);
    await redis.stop();
    await until(() => gateway.rateLimiter!.backend() === 'memory', 'the gateway to notice Redis is gone');
    expect(await post(url)).to.deep.equal({ status: 503, retryAfter: '1', code: 'RATE_LIMITER_UNAVAILABLE', retryAfterSeconds: 1 });
    await redis.start();
    await until(() => gateway.rateLimiter!.backend() === 'redis', 'the gateway to reconnect', 10_000);
    expect((await post(url)).status).to.equal(200);
  });
});
