import { resolve } from 'node:path';
import { ConfigError, parseLogLevel, parsePort, parseSigningSecret, DEFAULT_PORTS, SUBGRAPH_NAMES, type LogLevel } from '@talent-graph/platform';
import { DEV_JWT_SECRET, type AuthOptions } from './plugins/auth.ts';

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

function signingSecret(env: NodeJS.ProcessEnv, production: boolean): string | undefined {
  const secret = parseSigningSecret(env.SUBGRAPH_SIGNING_SECRET);
  if (production && !secret) throw new ConfigError('SUBGRAPH_SIGNING_SECRET is required when NODE_ENV=production');
  return secret;
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
  };
}
