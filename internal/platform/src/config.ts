import { DEFAULT_PORTS, type SubgraphName } from './subgraphs.ts';
import { LOG_LEVELS, type LogLevel } from './logging.ts';
import { isIsoDate } from './dates.ts';

/**
 * Configuration of a subgraph process, read from the environment in this one place, validated
 * at start-up. Every variable is documented in docs/operations.md.
 */
export interface SubgraphConfig {
  name: SubgraphName;
  port: number;
  host: string;
  /** postgres://… or sqlite:DIR; unset means SQLite files under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  /** A fixed "today" (YYYY-MM-DD) for demos and tests; unset means the real date. */
  today: string | undefined;
  production: boolean;
  /** SUBGRAPH_SIGNING_SECRET: shared with the gateway; required to serve (not to migrate or seed). */
  signingSecret: string | undefined;
  /** REDIS_URL: replay nonces of gateway signatures shared by every process; in memory when unset. */
  redisUrl: string | undefined;
  /** Connections in the PostgreSQL pool (<NAME>_DATABASE_POOL_SIZE, else DATABASE_POOL_SIZE); unset means the default. */
  databasePoolSize: number | undefined;
}

/** Largest pool a subgraph may ask for: PostgreSQL's default max_connections is 100 for all of them. */
export const MAX_POOL_SIZE = 100;

export function parsePoolSize(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_POOL_SIZE) throw new ConfigError(`${name} must be a whole number of connections from 1 to ${MAX_POOL_SIZE}, got "${raw}"`);
  return n;
}

export function parseSigningSecret(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new ConfigError('SUBGRAPH_SIGNING_SECRET must be at least 32 characters');
  return raw;
}

export class ConfigError extends Error {}

export function parseRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^rediss?:\/\/./.test(raw)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${raw}"`);
  return raw;
}

export function parsePort(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name} must be a port number 0–65535, got "${raw}"`);
  return n;
}

export function parseLogLevel(raw: string | undefined): LogLevel {
  if (!raw) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

export function parseToday(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!isIsoDate(raw)) throw new ConfigError(`TALENT_GRAPH_TODAY must be a date YYYY-MM-DD, got "${raw}"`);
  return raw;
}

export function readSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const portVar = `${name.toUpperCase()}_PORT`;
  const poolVar = `${name.toUpperCase()}_DATABASE_POOL_SIZE`;
  return {
    name,
    port: parsePort(env[portVar] ?? env.PORT, env[portVar] !== undefined ? portVar : 'PORT', DEFAULT_PORTS[name]),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? 'data',
    logLevel: parseLogLevel(env.LOG_LEVEL),
    today: parseToday(env.TALENT_GRAPH_TODAY),
    production: env.NODE_ENV === 'production',
    signingSecret: parseSigningSecret(env.SUBGRAPH_SIGNING_SECRET),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    databasePoolSize: env[poolVar] ? parsePoolSize(env[poolVar], poolVar) : parsePoolSize(env.DATABASE_POOL_SIZE, 'DATABASE_POOL_SIZE'),
  };
}
