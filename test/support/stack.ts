import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { createLogger, fixedClock, listen, migrate, serveSubgraph, SqlCounter, SUBGRAPH_NAMES, type Listening, type SubgraphName } from '@talent-graph/platform';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { createTestDatabase, type DatabaseKind } from '@talent-graph/platform/testing';
import { buildGateway, type BuiltGateway, type GatewayOptions } from '@talent-graph/gateway';
import { seedAll } from '../../scripts/dataOps.ts';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphModules.ts';

/**
 * The whole supergraph for cross-subgraph tests: five subgraphs and the gateway, each on a free
 * port (port 0), over a freshly migrated and seeded database of the given kind, with "today"
 * fixed to the seed date so expected values never drift.
 */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SUPERGRAPH_SDL = readFileSync(`${ROOT}schema/supergraph.graphql`, 'utf8');

export interface GraphQLResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface Stack {
  kind: DatabaseKind;
  /** The secret the gateway signs subgraph requests with. */
  signingSecret: string;
  url: string;
  subgraphUrls: Record<SubgraphName, string>;
  counters: Record<SubgraphName, SqlCounter>;
  dbs: Record<SubgraphName, DataSource>;
  gateway: BuiltGateway;
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  /** SQL statements per subgraph while running fn. */
  countStatements(fn: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
  stop(): Promise<void>;
}

export interface StackOptions {
  scale?: number;
  overrideLabels?: Record<string, boolean>;
}

export async function postGraphQL(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: GraphQLResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

export async function startStack(kind: DatabaseKind, options: StackOptions = {}): Promise<Stack> {
  const created = await createTestDatabase(kind);
  const counters = {} as Record<SubgraphName, SqlCounter>;
  const dbs = {} as Record<SubgraphName, DataSource>;
  const servers: Listening[] = [];
  for (const name of SUBGRAPH_NAMES) {
    counters[name] = new SqlCounter();
    dbs[name] = SUBGRAPH_MODULES[name].openDatabase(created.target(name), counters[name]);
    await dbs[name].initialize();
    await migrate(dbs[name]);
  }
  await seedAll(dbs, options.scale ?? 1);
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const signingSecret = randomBytes(32).toString('hex');
  for (const name of SUBGRAPH_NAMES) {
    const server = await serveSubgraph(SUBGRAPH_MODULES[name].definition, { db: dbs[name], clock: fixedClock(SEED_DATE), logger: createLogger(name, 'silent'), signingSecret }, 0);
    servers.push(server);
    subgraphUrls[name] = server.url;
  }
  const gateway = await buildGateway({ supergraphSdl: SUPERGRAPH_SDL, subgraphUrls, devIdentityHeaders: true, logger: createLogger('gateway', 'silent'), overrideLabels: options.overrideLabels, subgraphSigningSecret: signingSecret });
  const front = await listen(gateway.handler, 0);
  for (const c of Object.values(counters)) c.reset();
  return {
    kind,
    signingSecret,
    url: front.url,
    subgraphUrls,
    counters,
    dbs,
    gateway,
    query: (query, variables, headers) => postGraphQL(front.url, query, variables, headers),
    async countStatements(fn) {
      for (const c of Object.values(counters)) c.reset();
      await fn();
      return Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, counters[n].count])) as Record<SubgraphName, number>;
    },
    async stop() {
      await front.close();
      await gateway.stop();
      for (const s of servers) await s.close();
      for (const db of Object.values(dbs)) await db.destroy();
    },
  };
}

/** Headers naming a development caller (x-dev-*), until JWT authentication lands. */
export function devCaller(caller: { user?: string; roles?: string[]; school?: string; shop?: string; partner?: string; wards?: string[] }): Record<string, string> {
  const h: Record<string, string> = {};
  if (caller.user) h['x-dev-user'] = caller.user;
  if (caller.roles) h['x-dev-roles'] = caller.roles.join(',');
  if (caller.school) h['x-dev-school'] = caller.school;
  if (caller.shop) h['x-dev-shop'] = caller.shop;
  if (caller.partner) h['x-dev-partner'] = caller.partner;
  if (caller.wards) h['x-dev-wards'] = caller.wards.join(',');
  return h;
}

/**
 * The caller headers an operation file names in its leading comment (`x-dev-roles: analyst`…):
 * the canonical caller of that operation, used by the tests and the benchmark. None: anonymous.
 */
export function operationCaller(source: string): Record<string, string> {
  const lines = source.split('\n');
  const end = lines.findIndex((l) => !l.startsWith('#'));
  const comment = lines.slice(0, end < 0 ? lines.length : end).join('\n');
  return Object.fromEntries([...comment.matchAll(/\b(x-dev-[a-z]+):\s*(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

/**
 * Another gateway over a running stack's subgraphs (same signing secret, dev identity headers,
 * silent log), listening on a free port, with `options` on top: for tests of gateway settings
 * (response cache, compression, shared plans) that need a second or differently configured one.
 */
export async function gatewayOver(stack: Stack, options: Partial<GatewayOptions> = {}): Promise<{ gateway: BuiltGateway; listening: Listening; stop(): Promise<void> }> {
  const gateway = await buildGateway({ supergraphSdl: SUPERGRAPH_SDL, subgraphUrls: stack.subgraphUrls, devIdentityHeaders: true, logger: createLogger('gateway', 'silent'), subgraphSigningSecret: stack.signingSecret, ...options });
  const listening = await listen(gateway.handler, 0);
  return {
    gateway,
    listening,
    async stop() {
      await listening.close();
      await gateway.stop();
    },
  };
}
