import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { nodeRedis, type Caller, type HttpRefusal, type Logger, type Role } from '@talent-graph/platform/core';
import { withinDeadline } from '../redisDeadline.ts';

/**
 * Rate limits, per authenticated user (`sub`) and per client IP, checked at the HTTP layer before
 * a request's body is even read: a refused request costs no parsing, planning or subgraph call.
 *
 * Each caller has a token bucket: it holds up to `burst` tokens, refills at `perSecond`, and a
 * request takes one. An authenticated caller is counted by their `sub` only, so a school's whole
 * class behind one NAT address is not one bucket; everything without a verified identity
 * (anonymous, or a token that fails verification) is counted by its IP, so guessing tokens is
 * limited too. Buckets live in Redis (`tg:rl:` keys, updated atomically by one Lua script, with
 * Redis's clock) so every gateway process on that Redis shares them; without REDIS_URL, or while
 * Redis is unreachable, an in-memory store with the same interface counts for this process alone.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface RateLimitOptions {
  /** Per authenticated user; `undefined` turns the per-user limit off. */
  user: RateLimit | undefined;
  /** Per client IP for requests without a verified identity; `undefined` turns it off. */
  ip: RateLimit | undefined;
  /** Shared buckets in this Redis; in-memory buckets when absent. */
  redisUrl?: string | undefined;
  /**
   * While Redis is configured but unreachable: `open` keeps serving with this process's own
   * buckets; `closed` refuses with 503 RATE_LIMITER_UNAVAILABLE.
   */
  failure: 'open' | 'closed';
  /** Honour the last address in X-Forwarded-For (set by the one proxy in front of us). */
  trustProxy: boolean;
}

// 20/s sustained with room for a page that fires a few dozen operations at once.
export const DEFAULT_RATE_LIMITS: { user: RateLimit; ip: RateLimit } = {
  user: { perSecond: 20, burst: 60 },
  // Larger than a user's: one address may be a whole school or shop behind NAT.
  ip: { perSecond: 50, burst: 150 },
};

/** Analysts and partner admins run reports and integrations: more room per user. */
export const ROLE_RATE_LIMITS: Partial<Record<Role, RateLimit>> = {
  analyst: { perSecond: 50, burst: 150 },
  partner_admin: { perSecond: 50, burst: 150 },
};

export const KEY_PREFIX = 'tg:rl:';
/** How long a Redis command may take before the request falls back (it never waits longer, even on a hung Redis). */
export const REDIS_COMMAND_TIMEOUT_MS = 250;
/** After a Redis error, how long to count locally before trying Redis again. */
export const REDIS_RETRY_AFTER_ERROR_MS = 1_000;
/** The in-memory store forgets the oldest buckets beyond this many (bounded memory). */
export const MEMORY_MAX_BUCKETS = 100_000;

/** A caller's per-user limit: the most generous of their roles', never less than the default. */
export function userRateLimitFor(caller: Caller, defaults: RateLimit | undefined, perRole = ROLE_RATE_LIMITS): RateLimit | undefined {
  if (!defaults) return undefined;
  const limit = { ...defaults };
  for (const role of caller.roles) {
    const more = perRole[role];
    if (!more) continue;
    limit.perSecond = Math.max(limit.perSecond, more.perSecond);
    limit.burst = Math.max(limit.burst, more.burst);
  }
  return limit;
}

// ---------------------------------------------------------------------------------------------
// The bucket math (the Lua script below is the same, line for line)

export interface Bucket {
  tokens: number;
  /** When `tokens` was last computed, in ms. */
  atMs: number;
}

export type Decision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Refills a bucket to `nowMs` and takes one token, or says how long until one is there. */
export function takeToken(bucket: Bucket | undefined, limit: RateLimit, nowMs: number): { decision: Decision; bucket: Bucket | undefined } {
  const level = bucket ? Math.min(limit.burst, bucket.tokens + (Math.max(0, nowMs - bucket.atMs) * limit.perSecond) / 1000) : limit.burst;
  // A refused request takes nothing, so retrying after retryAfterMs succeeds.
  if (level < 1) return { decision: { allowed: false, retryAfterMs: Math.ceil(((1 - level) * 1000) / limit.perSecond) }, bucket };
  return { decision: { allowed: true }, bucket: { tokens: level - 1, atMs: nowMs } };
}

/** Where buckets live. Both stores take a token or refuse atomically per key. */
export interface RateLimitStore {
  take(key: string, limit: RateLimit): Promise<Decision>;
}

/** This process's buckets. Bounded: beyond `maxBuckets`, the least recently used are dropped. */
export class MemoryStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly maxBuckets = MEMORY_MAX_BUCKETS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  async take(key: string, limit: RateLimit): Promise<Decision> {
    const { decision, bucket } = takeToken(this.buckets.get(key), limit, this.now());
    if (bucket) {
      // Re-inserting keeps the Map in least-recently-used order, oldest first.
      this.buckets.delete(key);
      this.buckets.set(key, bucket);
      // A dropped bucket starts full again: at worst, one caller gets one more burst.
      for (const oldest of this.buckets.keys()) {
        if (this.buckets.size <= this.maxBuckets) break;
        this.buckets.delete(oldest);
      }
    }
    return decision;
  }
}

// Redis's clock, not the gateways': processes with skewed clocks still share one bucket fairly.
// Tokens are kept as text with 6 decimals; the key expires once the bucket would be full anyway.
const TAKE_TOKEN_LUA = `
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local per_second = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local level = burst
if saved[1] and saved[2] then
  level = math.min(burst, tonumber(saved[1]) + math.max(0, now_ms - tonumber(saved[2])) * per_second / 1000)
end
if level < 1 then
  return {0, math.ceil((1 - level) * 1000 / per_second)}
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', level - 1), 'at', now_ms)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / per_second) + 1000)
return {1, 0}
`;

export function connectRedis(url: string) {
  const redis = nodeRedis();
  const takeToken = redis.defineScript({
    SCRIPT: TAKE_TOKEN_LUA,
    NUMBER_OF_KEYS: 1,
    parseCommand(parser, key: string, perSecond: number, burst: number) {
      parser.pushKey(key);
      parser.push(String(perSecond), String(burst));
    },
    transformReply: (reply: unknown) => reply as [number, number],
  });
  return redis.createClient({
    url,
    scripts: { takeToken },
    // Fail at once while disconnected instead of queueing: the request falls back right away.
    disableOfflineQueue: true,
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000) },
  });
}

type Redis = ReturnType<typeof connectRedis>;

export class RedisStore implements RateLimitStore {
  constructor(
    private readonly client: Redis,
    private readonly timeoutMs = REDIS_COMMAND_TIMEOUT_MS,
  ) {}
  async take(key: string, limit: RateLimit): Promise<Decision> {
    const [allowed, retryAfterMs] = await withinDeadline(this.client.takeToken(key, limit.perSecond, limit.burst), this.timeoutMs);
    return Number(allowed) === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Number(retryAfterMs) };
  }
}

// ---------------------------------------------------------------------------------------------
// Who is counted

/**
 * The bucket for a client address: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64 —
 * one host usually holds a whole /64, so per-address buckets would be free to multiply.
 */
export function addressBucket(address: string): string {
  const bare = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (isIP(bare) !== 6) return bare;
  const [head = '', tail] = bare.split('::');
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups = tail === undefined ? first : [...first, ...Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0'), ...last];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** The client's address: the socket's, or with trustProxy the last X-Forwarded-For entry. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim());
    // The last entry is the one our proxy added; earlier ones are whatever the client claimed.
    const last = hops.at(-1);
    if (last && isIP(last)) address = last;
  }
  return addressBucket(address);
}

// ---------------------------------------------------------------------------------------------
// The limiter the gateway calls

const refusal = (status: number, code: string, message: string, retryAfterSeconds: number): HttpRefusal => ({
  status,
  headers: { 'retry-after': String(retryAfterSeconds) },
  body: { errors: [{ message, extensions: { code, retryAfterSeconds } }] },
});

export class RateLimiter {
  private readonly memory: MemoryStore;
  private readonly client: Redis | undefined;
  private readonly redis: RedisStore | undefined;
  /** Until when Redis is skipped after an error (ms). */
  private redisPausedUntil = 0;
  /** Last logged state of Redis, so each change is logged once, not once per retry. */
  private redisState: 'unknown' | 'up' | 'down' = 'unknown';

  constructor(
    private readonly options: RateLimitOptions,
    private readonly logger: Logger,
    now: () => number = Date.now,
  ) {
    this.memory = new MemoryStore(MEMORY_MAX_BUCKETS, now);
    if (options.redisUrl) {
      this.client = connectRedis(options.redisUrl);
      // Errors also arrive as rejected commands; this listener only keeps them from crashing the
      // process and logs the change of state once (below), not once per reconnect attempt.
      this.client.on('error', (error: unknown) => this.note(false, error));
      this.client.on('ready', () => this.note(true));
      // Not awaited: the gateway serves (on local buckets) until Redis answers; node-redis keeps
      // reconnecting with backoff, also when Redis is down at start.
      this.client.connect().catch((error: unknown) => logger.warn('rate limiter: Redis connection given up', { error: String(error) }));
      this.redis = new RedisStore(this.client);
    }
  }

  /** Where the next request is counted: `redis` (shared) or `memory` (this process). */
  backend(): 'redis' | 'memory' {
    return this.redisUsable() ? 'redis' : 'memory';
  }

  /** Undefined to let the request through; otherwise the 429 (or 503) to send instead. */
  async check(req: IncomingMessage, caller: Caller | undefined): Promise<HttpRefusal | undefined> {
    const byUser = caller?.sub != null;
    const limit = byUser ? userRateLimitFor(caller!, this.options.user) : this.options.ip;
    if (!limit) return undefined;
    const key = byUser ? `${KEY_PREFIX}user:${caller!.sub}` : `${KEY_PREFIX}ip:${clientAddress(req, this.options.trustProxy)}`;
    const decision = await this.take(key, limit);
    if (decision === 'unavailable') return refusal(503, 'RATE_LIMITER_UNAVAILABLE', 'The rate limiter is unavailable; try again shortly', 1);
    if (decision.allowed) return undefined;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    return refusal(429, 'RATE_LIMITED', `Too many requests ${byUser ? 'for this user' : 'from this address'}; retry after ${seconds} s`, seconds);
  }

  async close(): Promise<void> {
    if (!this.client) return;
    try {
      this.client.destroy();
    } catch {
      // Never connected: nothing to close.
    }
  }

  private redisUsable(): boolean {
    return this.client !== undefined && this.client.isReady && Date.now() >= this.redisPausedUntil;
  }

  private async take(key: string, limit: RateLimit): Promise<Decision | 'unavailable'> {
    if (this.redis && this.redisUsable()) {
      try {
        return await this.redis.take(key, limit);
      } catch (error) {
        // Timed out or failed: count locally for a while rather than wait on Redis per request.
        this.redisPausedUntil = Date.now() + REDIS_RETRY_AFTER_ERROR_MS;
        this.note(false, error);
      }
    }
    if (this.client && this.options.failure === 'closed') return 'unavailable';
    return this.memory.take(key, limit);
  }

  private note(up: boolean, error?: unknown): void {
    const state = up ? 'up' : 'down';
    if (state === this.redisState) return;
    this.redisState = state;
    if (up) this.logger.info('rate limiter: using Redis (shared limits)');
    else this.logger.warn(`rate limiter: Redis unreachable, ${this.options.failure === 'open' ? 'counting in this process only' : 'refusing requests'} until it is back`, { error: error === undefined ? undefined : String(error) });
  }
}
