import { readFileSync, writeFileSync } from 'node:fs';
import type { SubgraphName } from '@talent-graph/platform';
import { ROOT } from './processes.ts';

interface Summary {
  rps: number;
  p50Ms: number | null;
  p99Ms: number | null;
  cpuMsPerRequest: number | null;
  maxRssMb: number;
  failures: number;
}

export interface OperationResult {
  name: string;
  shape: string;
  mutation: boolean;
  ours: Summary;
  stock: Summary;
  /** ours.rps / stock.rps (medians across rounds). */
  ratio: number | null;
  /** ours.cpuMsPerRequest / stock.cpuMsPerRequest. */
  cpuRatio: number | null;
  responseBytes: number;
  subgraphRequests: number;
  stockSubgraphRequests: number;
  sqlStatements: number;
  sqlStatementsBySubgraph: Record<SubgraphName, number>;
  /** CPU milliseconds all subgraphs together spend per request under load through our gateway (median round). */
  subgraphCpuMs: number;
  /** The same through the stock gateway (the same subgraph calls: a check that neither gateway is favoured). */
  stockSubgraphCpuMs: number;
  subgraphCpuMsBySubgraph: Record<SubgraphName, number>;
  /** Subgraph HTTP requests per client request under load (median round), ours and stock: below subgraphRequests when fetches are batched across requests. */
  subgraphCallsUnderLoad: number;
  stockSubgraphCallsUnderLoad: number;
  ceiling: { subgraph: SubgraphName; rps: number; p50Ms: number | null; p99Ms: number | null; oursOverhead: number | null; stockOverhead: number | null } | null;
}

export interface BenchResults {
  date: string;
  command: string;
  machine: { cores: number; taskset: boolean; node: string };
  settings: Record<string, unknown>;
  /** rssAt100ConnectionsMb is null for --quick runs, which skip that run. */
  memory: { idleRssMb: Record<string, number>; rssAt100ConnectionsMb: Record<string, number> | null; peakRssInRoundsMb: Record<string, number> };
  /**
   * Our gateway again with RESPONSE_CACHE=on and its entries in Redis (one run per operation after
   * a warm-up run), apart from every cache-off figure above; null when skipped (--quick,
   * --no-response-cache). `policy` is the operation's cache policy from the supergraph's hints.
   */
  responseCache?: { store: string; operations: { name: string; policy: string; rps: number; p50Ms: number | null; p99Ms: number | null; cpuMsPerRequest: number | null; subgraphCallsUnderLoad: number; vsCacheOff: number | null; vsStock: number | null }[] } | null;
  /** Our gateway in cluster mode against its one-worker figures from the rounds. */
  workers?: { workers: number; operations: { name: string; oneWorker: { rps: number; p50Ms: number | null; p99Ms: number | null }; nWorkers: { rps: number; p50Ms: number | null; p99Ms: number | null; cpuMsPerRequest: number | null } }[] };
  operations: OperationResult[];
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

export function table(results: BenchResults): string[] {
  const lines = [
    `Last run: ${results.date.slice(0, 16).replace('T', ' ')} UTC, \`${results.command}\` (${results.settings.database}, scale ${results.settings.scale}, ${results.settings.rounds} rounds × ${results.settings.durationSec} s, ${results.settings.connections} connections; ${results.machine.cores} cores, taskset ${results.machine.taskset ? 'on' : 'unavailable'}, Node ${results.machine.node}).`,
    '',
    '| operation | ours rps | stock rps | ratio | p50 ours / stock (ms) | p99 ours / stock (ms) | CPU ms/req ours / stock | subgraph req (under load ours / stock) | SQL | subgraph CPU ms/req under load ours / stock | response | ceiling rps (overhead ours / stock) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const o of results.operations) {
    const ceiling = o.ceiling ? `${o.ceiling.rps} (${o.ceiling.oursOverhead}× / ${o.ceiling.stockOverhead}×)` : '—';
    lines.push(`| ${o.name} | ${o.ours.rps} | ${o.stock.rps} | **${o.ratio}×** | ${o.ours.p50Ms} / ${o.stock.p50Ms} | ${o.ours.p99Ms} / ${o.stock.p99Ms} | ${o.ours.cpuMsPerRequest} / ${o.stock.cpuMsPerRequest} | ${o.subgraphRequests} (${o.subgraphCallsUnderLoad} / ${o.stockSubgraphCallsUnderLoad}) | ${o.sqlStatements} | ${o.subgraphCpuMs} / ${o.stockSubgraphCpuMs} | ${(o.responseBytes / 1024).toFixed(o.responseBytes > 100_000 ? 0 : 1)} KB | ${ceiling} |`);
  }
  const m = results.memory;
  const at100 = m.rssAt100ConnectionsMb ? `peak at 100 connections ours ${m.rssAt100ConnectionsMb.ours} MB / stock ${m.rssAt100ConnectionsMb.stock} MB` : 'the run at 100 connections is not part of --quick';
  lines.push('', `Gateway RSS: idle ours ${m.idleRssMb.ours} MB / stock ${m.idleRssMb.stock} MB; peak during the rounds ours ${m.peakRssInRoundsMb.ours} MB / stock ${m.peakRssInRoundsMb.stock} MB; ${at100}.`);
  if (results.responseCache) {
    lines.push('', `Response cache on (RESPONSE_CACHE=on, entries in ${results.responseCache.store}; one ${results.settings.durationSec} s run per operation after a warm-up run; not part of the figures above):`, '');
    lines.push('| operation | policy | rps | × cache off | × stock | p50 / p99 (ms) | CPU ms/req | subgraph req under load |', '|---|---|---:|---:|---:|---:|---:|---:|');
    for (const o of results.responseCache.operations) lines.push(`| ${o.name} | ${o.policy} | ${o.rps} | ${o.vsCacheOff}× | ${o.vsStock}× | ${o.p50Ms} / ${o.p99Ms} | ${o.cpuMsPerRequest} | ${o.subgraphCallsUnderLoad} |`);
  }
  if (results.workers) {
    lines.push('', `Our gateway with ${results.workers.workers} workers (gateway/src/cluster.ts, every core, ${Number(results.settings.connections) * 2} connections, one run) against one worker (median of the rounds):`, '');
    lines.push('| operation | 1 worker rps | p99 ms | ' + `${results.workers.workers} workers rps | p99 ms |`, '|---|---:|---:|---:|---:|');
    for (const o of results.workers.operations) lines.push(`| ${o.name} | ${o.oneWorker.rps} | ${o.oneWorker.p99Ms} | ${o.nWorkers.rps} | ${o.nWorkers.p99Ms} |`);
  }
  const failures = results.operations.filter((o) => o.ours.failures + o.stock.failures > 0).map((o) => `${o.name} ${o.ours.failures}/${o.stock.failures}`);
  if (failures.length) lines.push('', `Failed responses (ours/stock): ${failures.join(', ')}.`);
  return lines;
}

/** Writes bench/results/<date>.json and regenerates the table in bench/README.md. */
export function writeResults(results: BenchResults, write: boolean): string[] {
  const lines = table(results);
  if (!write) return lines;
  const file = `bench/results/${results.date.slice(0, 10)}.json`;
  writeFileSync(`${ROOT}${file}`, `${JSON.stringify(results, null, 2)}\n`);
  const readme = readFileSync(`${ROOT}bench/README.md`, 'utf8');
  const at = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (at >= 0 && end > at) writeFileSync(`${ROOT}bench/README.md`, `${readme.slice(0, at + START.length)}\n${lines.join('\n')}\n${readme.slice(end)}`);
  return [...lines, '', `wrote ${file}${at >= 0 ? ' and the table in bench/README.md' : ''}`];
}
