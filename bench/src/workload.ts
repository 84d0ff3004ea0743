import { existsSync, readFileSync } from 'node:fs';
import { ANONYMOUS, encodeCaller, type Caller, type SubgraphName } from '@talent-graph/platform';

/**
 * The benchmark's workload: canonical operations from schema/operations, each with variables
 * drawn per request from lists of valid ids read from the seeded graph (Pools), so a cache of
 * identical responses cannot decide the result.
 */
export const OPERATIONS_DIR = new URL('../../schema/operations/', import.meta.url);

export interface Pools {
  jobIds: string[];
  zips: string[];
  states: string[];
  /** People whose profile anonymous callers may see (adults with a PUBLIC_PROFILE consent). */
  publicPeople: string[];
}

export interface Workload {
  /** Name in the results (the file in schema/operations, or a variant of it). */
  name: string;
  /** What it exercises, for the README table. */
  shape: string;
  query: string;
  mutation: boolean;
  /** Variables for request number i (deterministic: both gateways get the same sequence). */
  variables(pools: Pools, i: number): Record<string, unknown>;
  /** x-dev-* headers naming the caller (the gateways read them in development). */
  callerHeaders(variables: Record<string, unknown>): Record<string, string>;
  /** The caller as a subgraph sees it, for the ceiling run straight to the subgraph. */
  caller(variables: Record<string, unknown>): Caller;
  /** The one subgraph that owns all the data, when there is one: the ceiling is measured there. */
  ceiling?: SubgraphName;
  /** At most this many connections, whatever --connections says (see the export). */
  maxConnections?: number;
}

export function readOperation(name: string): string {
  const file = new URL(`${name}.graphql`, OPERATIONS_DIR);
  if (!existsSync(file)) throw new Error(`schema/operations/${name}.graphql is missing`);
  return readFileSync(file, 'utf8');
}

const pick = <T>(list: T[], i: number): T => {
  if (list.length === 0) throw new Error('bench: an id pool is empty (the seeded graph has no such records)');
  return list[i % list.length]!;
};
const anonymous = () => ({});
const ANALYST: Caller = { sub: null, roles: ['analyst'], scopes: [] };

export const WORKLOAD: Workload[] = [
  {
    name: 'jobPost',
    shape: 'one-subgraph entity lookup (wrenchway)',
    query: readOperation('jobPost'),
    mutation: false,
    variables: (p, i) => ({ id: pick(p.jobIds, i * 7) }),
    callerHeaders: anonymous,
    caller: () => ANONYMOUS,
    ceiling: 'wrenchway',
  },
  {
    name: 'jobSearch',
    shape: 'three-subgraph fan-out with @requires (wrenchway, directory, ase, icar)',
    query: readOperation('jobSearch'),
    mutation: false,
    variables: (p, i) => ({
      filter: { zip: pick(p.zips, i), radiusMiles: 75, industry: i % 2 === 0 ? 'COLLISION' : 'AUTOMOTIVE' },
      first: 20,
      candidateId: pick(p.publicPeople, i * 3),
    }),
    callerHeaders: anonymous,
    caller: () => ANONYMOUS,
  },
  {
    name: 'stateDashboard',
    shape: 'five-subgraph dashboard, nested lists of 50',
    query: readOperation('stateDashboard'),
    mutation: false,
    variables: (p, i) => ({ code: pick(p.states, i), year: 2022 + (i % 3), first: 50 }),
    callerHeaders: anonymous,
    caller: () => ANONYMOUS,
  },
  {
    name: 'analystJobExport',
    shape: 'large passthrough (> 1 MB JSON, wrenchway)',
    query: readOperation('analystJobExport'),
    mutation: false,
    // 2,991–3,000 open jobs per page (about 1.2 MB): every request a different response, all of
    // about the same size (the bench seeds scale 4: about 3,900 open jobs).
    variables: (_p, i) => ({ filter: { openOnly: true }, first: 3000 - (i % 10) }),
    callerHeaders: () => ({ 'x-dev-roles': 'analyst' }),
    caller: () => ANALYST,
    ceiling: 'wrenchway',
    // Each answer is 1.1 MB and takes WrenchWay ~50 ms: 10 connections already keep both gateways
    // and WrenchWay saturated, more only lengthen the queue — and the backlog each gateway works
    // through after a run (stock's was ~3 s at 25), which the bench must wait out.
    maxConnections: 10,
  },
  {
    name: 'grantConsent (mutation)',
    shape: 'mutation (directory), a different person each request',
    query: readOperation('grantConsent'),
    mutation: true,
    // RESEARCH and MARKETING only: EMPLOYER_VISIBILITY and PUBLIC_PROFILE would change what the
    // queries above return between rounds.
    variables: (p, i) => ({ input: { personId: pick(p.publicPeople, i), purpose: Math.floor(i / p.publicPeople.length) % 2 === 0 ? 'RESEARCH' : 'MARKETING' } }),
    callerHeaders: (v) => ({ 'x-dev-user': (v.input as { personId: string }).personId, 'x-dev-roles': 'student' }),
    caller: (v) => ({ sub: (v.input as { personId: string }).personId, roles: ['student'], scopes: [] }),
  },
];

export const callerHeaderValue = (caller: Caller): string => encodeCaller(caller);
