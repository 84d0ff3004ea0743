import autocannon from 'autocannon';
import { CALLER_HEADER, SIGNATURE_HEADER, documentHash, signRequest, type SubgraphName } from '@talent-graph/platform';
import type { GatewayProcess } from './processes.ts';
import { callerHeaderValue, type Pools, type Workload } from './workload.ts';

export interface LoadOptions {
  connections: number;
  durationSec: number;
  /** Waits until the work the run started has finished (the gateway's CPU for it included). */
  settle?: () => Promise<void>;
}

export interface RunResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Requests the load generator sent (every one is served in the end, some after it stopped waiting). */
  sent: number;
  /** CPU ms each subgraph process spent per request sent, from the run's start until it settled (set by the bench). */
  subgraphCpuMs?: Record<SubgraphName, number>;
  /** HTTP requests the subgraphs received per request sent, over the same span (set by the bench). */
  subgraphCalls?: number;
  /** Gateway CPU (user + system) per completed request; null when no gateway is in the path. */
  cpuMsPerRequest: number | null;
  /** Responses that were not 2xx, or whose body carried GraphQL errors. */
  failures: number;
  rssMb: number | null;
  bytesPerResponse: number;
}

/** Where requests go: a gateway, or (the ceiling) the owning subgraph with a signed request. */
export type Target = { kind: 'gateway'; gateway: GatewayProcess } | { kind: 'subgraph'; url: string; signingSecret: string };

/** The JSON body and headers of request number i of a workload, for a gateway or a subgraph. */
/**
 * Headers every request to a gateway carries besides the workload's own: `--accept-encoding`
 * puts Accept-Encoding here to measure response compression (autocannon sends none by default).
 */
export const CLIENT_HEADERS: Record<string, string> = {};

/**
 * `--by-hash`: our gateway is sent each operation by its SHA-256 alone (APQ's wire format,
 * `extensions.persistedQuery`), which it finds in its persisted-operation manifest; the stock one
 * still gets the text (it knows no manifest, and APQ would first answer PersistedQueryNotFound).
 */
export const REQUEST_STYLE = { byHash: false };
const hashes = new Map<string, string>();
const hashOf = (query: string): string => hashes.get(query) ?? hashes.set(query, documentHash(query)).get(query)!;

export function requestFor(workload: Workload, pools: Pools, i: number, target: Target): { body: string; headers: Record<string, string> } {
  const variables = workload.variables(pools, i);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.kind === 'gateway') {
    const byHash = REQUEST_STYLE.byHash && target.gateway.label.startsWith('ours');
    const sent = byHash ? { extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(workload.query) } }, variables } : { query: workload.query, variables };
    return { body: JSON.stringify(sent), headers: { ...headers, ...CLIENT_HEADERS, ...workload.callerHeaders(variables) } };
  }
  const body = JSON.stringify({ query: workload.query, variables });
  // Straight to the subgraph: signed like the gateway signs, a fresh nonce per request.
  const caller = callerHeaderValue(workload.caller(variables));
  return { body, headers: { ...headers, [CALLER_HEADER]: caller, [SIGNATURE_HEADER]: signRequest(target.signingSecret, caller, body) } };
}

/** Answers larger than this (characters) are checked for GraphQL errors one in LARGE_BODY_SAMPLE. */
const LARGE_BODY = 256 * 1024;
const LARGE_BODY_SAMPLE = 4;

export async function runLoad(workload: Workload, pools: Pools, target: Target, options: LoadOptions, firstRequest = 0): Promise<RunResult> {
  let i = firstRequest;
  let largeBodies = 0;
  let rssMb = 0;
  const url = target.kind === 'gateway' ? target.gateway.url : target.url;
  const cpuBefore = target.kind === 'gateway' ? target.gateway.cpuMs() : 0;
  const startedAt = Date.now();
  const ownCpu = process.cpuUsage();
  const sampler = target.kind === 'gateway' ? setInterval(() => (rssMb = Math.max(rssMb, target.gateway.rssMb())), 250) : undefined;
  // BENCH_TIMELINE: every response's latency and when it completed, to tell a run's slowest
  // requests apart — the first burst on fresh connections, or a stall that held every request in
  // flight (bench/README.md, "Reading the numbers").
  const timeline: [atMs: number, latencyMs: number][] = [];
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: Math.min(options.connections, workload.maxConnections ?? Infinity),
        duration: options.durationSec,
        requests: [
          {
            setupRequest: (request) => {
              const { body, headers } = requestFor(workload, pools, i++, target);
              return { ...request, method: 'POST', body, headers };
            },
          },
        ],
        // A mutation's repeated grant is not an error; any GraphQL error in a query is. Apollo Server
        // (stock, ours) and the subgraphs' direct path all put `errors` first in the JSON. verifyBody
        // rather than a per-response onResponse: autocannon builds a header object per response for
        // onResponse. Looking at a body at all makes V8 flatten the string autocannon has
        // concatenated from the socket's chunks: 3–4 ms for a 1.1 MB export page, and with the
        // garbage it leaves half of the load generator's CPU on the export, taken from the subgraphs'
        // core. So answers over LARGE_BODY are checked one in LARGE_BODY_SAMPLE (their length alone
        // is free); every smaller one is checked. Statuses other than 2xx are counted apart (non2xx).
        verifyBody: (body) => {
          if (typeof body !== 'string') return false;
          if (body.length > LARGE_BODY && largeBodies++ % LARGE_BODY_SAMPLE !== 0) return true;
          return !body.startsWith('{"errors"');
        },
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    if (process.env.BENCH_TIMELINE) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => timeline.push([performance.now() - t0, ms]));
  });
  if (process.env.BENCH_TIMELINE) {
    const slowest = [...timeline].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(timeline.length / 100));
    console.log(`    slowest 1% (latency ms @ ms into the run): ${slowest.map(([at, ms]) => `${Math.round(ms)}@${Math.round(at)}`).join(' ')}`);
  }
  clearInterval(sampler);
  await options.settle?.();
  const cpuMs = target.kind === 'gateway' ? target.gateway.cpuMs() - cpuBefore : 0;
  const requests = result.requests.total;
  // Every request sent is served in the end (the gateway finishes what the load generator gave up
  // waiting for), and its CPU is counted up to the settled point: divide by what was sent.
  const sent = Math.max(result.requests.sent, requests);
  if (process.env.BENCH_VERBOSE) {
    const own = process.cpuUsage(ownCpu);
    const l = result.latency;
    console.log(
      `  [${startedAt}–${Date.now()}] ${workload.name} → ${target.kind === 'gateway' ? target.gateway.label : 'subgraph'}: ${requests} requests in ${result.duration} s, ` +
        `latency ms p10 ${l.p10} p50 ${l.p50} p90 ${l.p90} p97.5 ${l.p97_5} p99 ${l.p99} max ${l.max}, non-2xx ${result.non2xx}, GraphQL errors ${result.mismatches}, ` +
        `errors ${result.errors}, timeouts ${result.timeouts}, sent ${result.requests.sent}, load generator CPU ${((own.user + own.system) / 1000 / Math.max(1, result.requests.sent)).toFixed(3)} ms/request`,
    );
  }
  if (target.kind === 'gateway') rssMb = Math.max(rssMb, target.gateway.rssMb());
  return {
    rps: round(requests / result.duration, 1),
    // No completed request means no latency to report (not a latency of zero).
    p50Ms: requests > 0 ? result.latency.p50 : Number.NaN,
    p99Ms: requests > 0 ? result.latency.p99 : Number.NaN,
    requests,
    sent,
    cpuMsPerRequest: target.kind === 'gateway' && requests > 0 ? round(cpuMs / sent, 3) : null,
    failures: result.non2xx + result.mismatches + result.errors + result.timeouts + (requests === 0 ? 1 : 0),
    rssMb: target.kind === 'gateway' ? round(rssMb, 1) : null,
    bytesPerResponse: requests > 0 ? Math.round(result.throughput.total / requests) : 0,
  };
}

export const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
