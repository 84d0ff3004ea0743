import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, parseLogLevel, parsePort, parseSigningSecret, DEFAULT_PORTS, SUBGRAPH_NAMES, type CompressionOptions, type LogLevel } from '@talent-graph/platform/core';
import { DEV_JWT_SECRET, type AuthOptions } from './plugins/auth.ts';
import { TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from './plugins/trustedDocuments.ts';
import { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitOptions } from './plugins/rateLimit.ts';
import { DEFAULT_SUBGRAPH_CALLS, type SubgraphCallOptions } from './subgraphClient.ts';
import { DEFAULT_RESPONSE_CACHE, type ResponseCacheConfig } from './plugins/responseCache.ts';
import { DOCUMENT_STORE_MAX_BYTES } from './plugins/limits.ts';

/**
 * The gateway's configuration: the ONLY place in the gateway that reads process.env. Typed,
 * validated at start-up with a clear error per bad value, documented in docs/operations.md.
 * Command-line flags (cli.ts) override the matching variables.
 */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Path of the supergraph SDL file to serve. */
  supergraphPath: string;
  /** Routing URL overrides by subgraph name (SUBGRAPH_URL_<NAME>), e.g. for containers. */
  subgraphUrls: Record<string, string>;
  logLevel: LogLevel;
  production: boolean;
  /**
   * Progressive @override labels forced on or off (OVERRIDE_LABELS="percent(25)=on,beta=off").
   * A `percent(N)` label not listed here is on for N% of requests; any other label is off.
   */
  overrideLabels: Record<string, boolean>;
  /** Accept x-dev-* identity headers (development only; never in production). */
  devIdentityHeaders: boolean;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** How callers' JWTs are verified. */
  auth: AuthOptions;
  /** SUBGRAPH_SIGNING_SECRET: signs every subgraph request; required in production. */
  subgraphSigningSecret: string | undefined;
  /** TRUSTED_DOCUMENTS: off, audit, or enforce (the default in production); see trustedDocuments.ts. */
  trustedDocuments: TrustedDocumentsMode;
  /** PERSISTED_OPERATIONS_PATH: the manifest `npm run compose` writes. */
  persistedOperationsPath: string;
  /** Per-user and per-IP rate limits (REDIS_URL, RATE_LIMIT_*, TRUST_PROXY). */
  rateLimit: RateLimitOptions;
  /** Subgraph call deadlines, retries and circuit breakers (SUBGRAPH_TIMEOUT_MS, REQUEST_TIMEOUT_MS, SUBGRAPH_RETRIES, …). */
  subgraphCalls: SubgraphCallOptions;
  /** SHUTDOWN_DEADLINE_MS: how long in-flight requests may run after SIGTERM. */
  shutdownDeadlineMs: number;
  /** Where the supergraph is reloaded from while running (SUPERGRAPH_URL, SUPERGRAPH_WATCH, …). */
  supergraphReload: SupergraphReloadConfig;
  /** GATEWAY_WORKERS: processes serving one port (cluster.ts); one per core in production. */
  workers: number;
  /** The response cache (RESPONSE_CACHE, RESPONSE_CACHE_MAX_*, REDIS_URL); see docs/response-cache.md. */
  responseCache: ResponseCacheConfig;
  /** RESPONSE_COMPRESSION=on|off and RESPONSE_COMPRESSION_MIN_BYTES: Brotli or gzip for clients that accept it. */
  compression: CompressionOptions | undefined;
  /** PLAN_CACHE_SHARED=on|off (on when REDIS_URL is set): query plans shared through that Redis. */
  sharedPlansRedisUrl: string | undefined;
  /** DOCUMENT_CACHE_MAX_MB: heap the parsed-document cache may hold, estimated (plugins/limits.ts DocumentStore). */
  documentCacheBytes: number;
}

export interface SupergraphReloadConfig {
  /** SUPERGRAPH_URL: fetched at start-up and polled instead of reading the file. */
  url: string | undefined;
  /** SUPERGRAPH_WATCH=on|off: watch the supergraph file (on by default). */
  watchFile: boolean;
  /** SUPERGRAPH_POLL_INTERVAL_MS: URL poll interval, and the file's periodic mtime check. */
  pollIntervalMs: number;
  /** SUPERGRAPH_WATCH_DEBOUNCE_MS: quiet time after a file change before it is read. */
  debounceMs: number;
}

/** `auto` (one per core) or a whole number from 1 to 64. */
export function parseWorkers(raw: string | undefined, production: boolean, cores: number): number {
  const value = raw ?? (production ? 'auto' : '1');
  if (value === 'auto') return cores;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`GATEWAY_WORKERS must be auto or a whole number from 1 to 64, got "${value}"`);
  return n;
}

/**
 * JWT verification keys: JWKS_URL or JWKS_FILE (RS256/ES256) in production; otherwise an HS256
 * JWT_SECRET, which defaults to the public development secret — refused in production.
 */
export function readAuthConfig(env: NodeJS.ProcessEnv, production: boolean): AuthOptions {
  const issuer = env.JWT_ISSUER ?? 'talent-graph';
  const audience = env.JWT_AUDIENCE ?? 'talent-graph-api';
  const sources = [env.JWKS_URL, env.JWKS_FILE, env.JWT_SECRET].filter(Boolean).length;
  if (sources > 1) throw new ConfigError('set only one of JWKS_URL, JWKS_FILE and JWT_SECRET');
  if (env.JWKS_URL) {
    if (!/^https?:\/\//.test(env.JWKS_URL)) throw new ConfigError(`JWKS_URL must be an http(s) URL, got "${env.JWKS_URL}"`);
    return { keys: { kind: 'jwks-url', url: env.JWKS_URL }, issuer, audience };
  }
  if (env.JWKS_FILE) return { keys: { kind: 'jwks-file', path: resolve(env.JWKS_FILE) }, issuer, audience };
  const secret = env.JWT_SECRET ?? DEV_JWT_SECRET;
  if (production && secret === DEV_JWT_SECRET) throw new ConfigError('the development JWT secret is refused when NODE_ENV=production: set JWKS_URL, JWKS_FILE or JWT_SECRET');
  if (secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  return { keys: { kind: 'secret', secret }, issuer, audience };
}

export function parseOverrideLabels(raw: string | undefined): Record<string, boolean> {
  const labels: Record<string, boolean> = {};
  if (!raw) return labels;
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(.+)=(on|off)$/.exec(part);
    if (!match) throw new ConfigError(`OVERRIDE_LABELS entries must look like label=on or label=off, got "${part}"`);
    labels[match[1]!] = match[2] === 'on';
  }
  return labels;
}

/** `20/s,burst=60` (burst defaults to 3 s worth), or `off`. */
export function parseRateLimit(name: string, raw: string | undefined, fallback: RateLimit): RateLimit | undefined {
  if (raw === undefined) return fallback;
  if (raw === 'off') return undefined;
  const match = /^(\d+(?:\.\d+)?)\/s(?:,burst=(\d+))?$/.exec(raw);
  const perSecond = Number(match?.[1]);
  const burst = match?.[2] !== undefined ? Number(match[2]) : Math.ceil(perSecond * 3);
  if (!match || !(perSecond > 0) || burst < 1) throw new ConfigError(`${name} must look like 20/s or 20/s,burst=60 (rate > 0, burst ≥ 1) or be off, got "${raw}"`);
  return { perSecond, burst };
}

export function readRateLimitConfig(env: NodeJS.ProcessEnv): RateLimitOptions {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl}"`);
  const failure = env.RATE_LIMIT_FAIL ?? 'open';
  if (failure !== 'open' && failure !== 'closed') throw new ConfigError(`RATE_LIMIT_FAIL must be open or closed, got "${failure}"`);
  return {
    user: parseRateLimit('RATE_LIMIT_USER', env.RATE_LIMIT_USER, DEFAULT_RATE_LIMITS.user),
    ip: parseRateLimit('RATE_LIMIT_IP', env.RATE_LIMIT_IP, DEFAULT_RATE_LIMITS.ip),
    redisUrl,
    failure,
    trustProxy: parseOnOff('TRUST_PROXY', env.TRUST_PROXY, false),
  };
}

function signingSecret(env: NodeJS.ProcessEnv, production: boolean): string | undefined {
  const secret = parseSigningSecret(env.SUBGRAPH_SIGNING_SECRET);
  if (production && !secret) throw new ConfigError('SUBGRAPH_SIGNING_SECRET is required when NODE_ENV=production');
  return secret;
}

export function parseTrustedDocumentsMode(raw: string | undefined, production: boolean): TrustedDocumentsMode {
  const mode = raw ?? (production ? 'enforce' : 'audit');
  if (!(TRUSTED_DOCUMENTS_MODES as readonly string[]).includes(mode)) throw new ConfigError(`TRUSTED_DOCUMENTS must be one of ${TRUSTED_DOCUMENTS_MODES.join(', ')}, got "${mode}"`);
  return mode as TrustedDocumentsMode;
}

/** An on/off switch, or the fallback when unset. */
export function parseOnOff(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'on' && raw !== 'off') throw new ConfigError(`${name} must be on or off, got "${raw}"`);
  return raw === 'on';
}

/** A whole number of milliseconds (or count) within [min, max], or the fallback when unset. */
export function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

export function readSubgraphCallConfig(env: NodeJS.ProcessEnv): SubgraphCallOptions {
  const d = DEFAULT_SUBGRAPH_CALLS;
  const callTimeoutMs = parseInteger('SUBGRAPH_TIMEOUT_MS', env.SUBGRAPH_TIMEOUT_MS, d.callTimeoutMs, 10, 600_000);
  const requestTimeoutMs = parseInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, d.requestTimeoutMs, 10, 600_000);
  if (requestTimeoutMs < callTimeoutMs) throw new ConfigError(`REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must not be shorter than SUBGRAPH_TIMEOUT_MS (${callTimeoutMs})`);
  const baseDelayMs = parseInteger('SUBGRAPH_RETRY_BACKOFF_MS', env.SUBGRAPH_RETRY_BACKOFF_MS, d.retry.baseDelayMs, 1, 60_000);
  const maxDelayMs = parseInteger('SUBGRAPH_RETRY_BACKOFF_MAX_MS', env.SUBGRAPH_RETRY_BACKOFF_MAX_MS, d.retry.maxDelayMs, 1, 60_000);
  if (maxDelayMs < baseDelayMs) throw new ConfigError(`SUBGRAPH_RETRY_BACKOFF_MAX_MS (${maxDelayMs}) must not be smaller than SUBGRAPH_RETRY_BACKOFF_MS (${baseDelayMs})`);
  return {
    callTimeoutMs,
    requestTimeoutMs,
    retry: { retries: parseInteger('SUBGRAPH_RETRIES', env.SUBGRAPH_RETRIES, d.retry.retries, 0, 10), baseDelayMs, maxDelayMs },
    breaker: {
      failureThreshold: parseInteger('BREAKER_FAILURE_THRESHOLD', env.BREAKER_FAILURE_THRESHOLD, d.breaker.failureThreshold, 1, 1_000),
      coolDownMs: parseInteger('BREAKER_COOLDOWN_MS', env.BREAKER_COOLDOWN_MS, d.breaker.coolDownMs, 10, 600_000),
    },
    batchEntityFetches: parseOnOff('SUBGRAPH_ENTITY_BATCHING', env.SUBGRAPH_ENTITY_BATCHING, d.batchEntityFetches),
    deduplicateFetches: parseOnOff('SUBGRAPH_DEDUPLICATION', env.SUBGRAPH_DEDUPLICATION, d.deduplicateFetches),
  };
}

export function readResponseCacheConfig(env: NodeJS.ProcessEnv): ResponseCacheConfig {
  const d = DEFAULT_RESPONSE_CACHE;
  return {
    enabled: parseOnOff('RESPONSE_CACHE', env.RESPONSE_CACHE, d.enabled),
    // Validated by readRateLimitConfig, which reads the same variable.
    redisUrl: env.REDIS_URL || undefined,
    maxEntries: parseInteger('RESPONSE_CACHE_MAX_ENTRIES', env.RESPONSE_CACHE_MAX_ENTRIES, d.maxEntries, 1, 10_000_000),
    maxBytes: parseInteger('RESPONSE_CACHE_MAX_MB', env.RESPONSE_CACHE_MAX_MB, d.maxBytes / 1048576, 1, 65_536) * 1048576,
    maxEntryBytes: parseInteger('RESPONSE_CACHE_MAX_ENTRY_KB', env.RESPONSE_CACHE_MAX_ENTRY_KB, d.maxEntryBytes / 1024, 1, 1_048_576) * 1024,
  };
}

export function readSupergraphReloadConfig(env: NodeJS.ProcessEnv): SupergraphReloadConfig {
  const url = env.SUPERGRAPH_URL || undefined;
  if (url && !/^https?:\/\//.test(url)) throw new ConfigError(`SUPERGRAPH_URL must be an http(s) URL, got "${url}"`);
  return {
    url,
    watchFile: parseOnOff('SUPERGRAPH_WATCH', env.SUPERGRAPH_WATCH, true),
    pollIntervalMs: parseInteger('SUPERGRAPH_POLL_INTERVAL_MS', env.SUPERGRAPH_POLL_INTERVAL_MS, 10_000, 100, 3_600_000),
    debounceMs: parseInteger('SUPERGRAPH_WATCH_DEBOUNCE_MS', env.SUPERGRAPH_WATCH_DEBOUNCE_MS, 200, 0, 60_000),
  };
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const subgraphUrls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`SUBGRAPH_URL_${name.toUpperCase()}`];
    if (url) {
      if (!/^https?:\/\//.test(url)) throw new ConfigError(`SUBGRAPH_URL_${name.toUpperCase()} must be an http(s) URL, got "${url}"`);
      subgraphUrls[name] = url;
    }
  }
  const devHeaders = env.DEV_IDENTITY_HEADERS ?? (production ? 'off' : 'on');
  if (devHeaders !== 'on' && devHeaders !== 'off') throw new ConfigError(`DEV_IDENTITY_HEADERS must be on or off, got "${devHeaders}"`);
  if (production && devHeaders === 'on') throw new ConfigError('DEV_IDENTITY_HEADERS=on is refused when NODE_ENV=production');
  const maxBody = Number(env.MAX_BODY_BYTES ?? 1_000_000);
  if (!Number.isInteger(maxBody) || maxBody < 1024) throw new ConfigError(`MAX_BODY_BYTES must be an integer ≥ 1024, got "${env.MAX_BODY_BYTES}"`);
  return {
    port: parsePort(env.GATEWAY_PORT ?? env.PORT, env.GATEWAY_PORT !== undefined ? 'GATEWAY_PORT' : 'PORT', DEFAULT_PORTS.gateway),
    host: env.HOST ?? '127.0.0.1',
    supergraphPath: resolve(env.SUPERGRAPH_PATH ?? 'schema/supergraph.graphql'),
    subgraphUrls,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    production,
    overrideLabels: parseOverrideLabels(env.OVERRIDE_LABELS),
    devIdentityHeaders: devHeaders === 'on',
    maxBodyBytes: maxBody,
    auth: readAuthConfig(env, production),
    subgraphSigningSecret: signingSecret(env, production),
    trustedDocuments: parseTrustedDocumentsMode(env.TRUSTED_DOCUMENTS, production),
    persistedOperationsPath: resolve(env.PERSISTED_OPERATIONS_PATH ?? 'schema/persisted-operations.json'),
    rateLimit: readRateLimitConfig(env),
    subgraphCalls: readSubgraphCallConfig(env),
    shutdownDeadlineMs: parseInteger('SHUTDOWN_DEADLINE_MS', env.SHUTDOWN_DEADLINE_MS, 10_000, 0, 600_000),
    supergraphReload: readSupergraphReloadConfig(env),
    workers: parseWorkers(env.GATEWAY_WORKERS, production, availableParallelism()),
    responseCache: readResponseCacheConfig(env),
    compression: parseOnOff('RESPONSE_COMPRESSION', env.RESPONSE_COMPRESSION, true)
      ? { minBytes: parseInteger('RESPONSE_COMPRESSION_MIN_BYTES', env.RESPONSE_COMPRESSION_MIN_BYTES, 1024, 0, 100_000_000) }
      : undefined,
    sharedPlansRedisUrl: sharedPlans(env),
    documentCacheBytes: parseInteger('DOCUMENT_CACHE_MAX_MB', env.DOCUMENT_CACHE_MAX_MB, DOCUMENT_STORE_MAX_BYTES / 1048576, 1, 4096) * 1048576,
  };
}

function sharedPlans(env: NodeJS.ProcessEnv): string | undefined {
  const redisUrl = env.REDIS_URL || undefined;
  const on = parseOnOff('PLAN_CACHE_SHARED', env.PLAN_CACHE_SHARED, redisUrl !== undefined);
  if (on && !redisUrl) throw new ConfigError('PLAN_CACHE_SHARED=on needs REDIS_URL: plans are shared through Redis');
  return on ? redisUrl : undefined;
}
