import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES, type DatabaseTarget, type SubgraphName } from '@talent-graph/platform';
import { freePort } from '@talent-graph/platform/testing';
import { buildAll, bundle, GATEWAY_NODE_FLAGS } from '../../scripts/build.ts';
import type { FromSubgraph, ToSubgraph } from './subgraphProcess.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * CPU placement: each gateway alone on core 0 (`taskset`), the subgraphs and the load generator
 * on the other cores, so a gateway's throughput is one core's and its CPU time is its own.
 */
export const HAS_TASKSET = spawnSync('sh', ['-c', 'command -v taskset'], { encoding: 'utf8' }).stdout.trim() !== '';
export const CORES = availableParallelism();
export const GATEWAY_CORES = '0';
export const ALL_CORES = `0-${CORES - 1}`;
export const OTHER_CORES = CORES > 1 ? `1-${CORES - 1}` : '0';
/** Where the processes start (see pin): all cores, as nothing is measured yet. */
const STARTUP_CORES = ALL_CORES;

/**
 * Moves a started process (every thread of it) onto `cores`. Processes start on every core, where
 * the seven Node start-ups (module loading, the gateways' plan warm-up)
 * share the machine with the bench process seeding the data (5–6 s of work since seeding writes
 * whole chunks per statement), and are pinned once they answer, before anything is measured.
 */
function pin(child: ChildProcess, cores: string): void {
  if (HAS_TASKSET) spawnSync('taskset', ['-a', '-p', '-c', cores, String(child.pid)], { stdio: 'ignore' });
}

export function pinSelf(): void {
  if (HAS_TASKSET) spawnSync('taskset', ['-a', '-p', '-c', OTHER_CORES, String(process.pid)], { stdio: 'ignore' });
}

function spawnPinned(cores: string, args: string[], env: Record<string, string>, ipc = false): ChildProcess {
  const command = HAS_TASKSET ? 'taskset' : process.execPath;
  const argv = HAS_TASKSET ? ['-c', cores, process.execPath, ...args] : args;
  // taskset execs node in place: the child's pid is node's, whose /proc/<pid>/stat we read.
  return spawn(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', ...(ipc ? ['ipc' as const] : [])] });
}

export interface SubgraphProcess {
  name: SubgraphName;
  url: string;
  child: ChildProcess;
  /** SQL statements, GraphQL requests and CPU milliseconds (user + system) since the last reset. */
  counts(reset?: boolean): Promise<{ statements: number; requests: number; cpuMs: number }>;
}

/**
 * Spawns one subgraph process on a port chosen now, so its URL is known (and the gateways can be
 * started) while the database is still being seeded: the process loads its code at once and
 * opens the database and listens when `open` hands it the target.
 */
export async function spawnSubgraph(name: SubgraphName, signingSecret: string, nodeOptions: string[] = []): Promise<SubgraphProcess & { open(target: DatabaseTarget): Promise<void> }> {
  const port = await freePort();
  const child = spawnPinned(STARTUP_CORES, [...nodeOptions, 'bench/dist/subgraphProcess.js', name, String(port)], { SUBGRAPH_SIGNING_SECRET: signingSecret }, true);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`bench: subgraph ${name} exited (code ${code}) before listening`))));
  exited.catch(() => {});
  const listening = new Promise<void>((resolve) => child.on('message', (m: FromSubgraph) => m.type === 'ready' && resolve()));
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    child,
    open: async (target) => {
      child.send({ type: 'open', target } satisfies ToSubgraph);
      await Promise.race([listening, exited]);
      child.removeAllListeners('exit');
      pin(child, OTHER_CORES);
    },
    counts: (reset = false) =>
      new Promise((resolve) => {
        const onMessage = (m: FromSubgraph) => {
          if (m.type !== 'counts') return;
          child.off('message', onMessage);
          resolve({ statements: m.statements, requests: m.requests, cpuMs: m.cpuMs });
        };
        child.on('message', onMessage);
        child.send({ type: reset ? 'reset' : 'counts' } satisfies ToSubgraph);
      }),
  };
}

/** The five subgraph processes, spawned at once; `open` starts them serving once the data is ready. */
export async function spawnSubgraphs(signingSecret: string, nodeOptions: string[] = []) {
  const spawned = await Promise.all(SUBGRAPH_NAMES.map((n) => spawnSubgraph(n, signingSecret, nodeOptions)));
  const processes = {} as Record<SubgraphName, SubgraphProcess>;
  for (const s of spawned) processes[s.name] = s;
  return {
    processes,
    open: async (targets: (name: SubgraphName) => DatabaseTarget) => void (await Promise.all(spawned.map((s) => s.open(targets(s.name))))),
  };
}

export interface GatewayProcess {
  label: string;
  url: string;
  child: ChildProcess;
  /** CPU time used so far (user + system), in ms, from /proc/<pid>/stat. */
  cpuMs(): number;
  /** Resident set size now, in MB, from /proc/<pid>/status. */
  rssMb(): number;
  /** CPU time and RSS summed over this process and its workers (cluster mode). */
  pids(): number[];
}

const CLOCK_TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended
    }
  }
  return ticks * CLOCK_TICK_MS;
}

export function rssMbOf(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended
    }
  }
  return kb / 1024;
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bench: ${what} exited (${child.signalCode ?? `code ${child.exitCode}`}) before it was ready`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bench: ${what} was not ready within ${timeoutMs / 1000} s`);
}

function gatewayProcess(label: string, url: string, child: ChildProcess): GatewayProcess {
  const pids = () => [child.pid!, ...childPids(child.pid!)];
  return { label, url, child, pids, cpuMs: () => cpuMsOf(pids()), rssMb: () => rssMbOf(pids()) };
}

export interface GatewayStart {
  supergraphPath: string;
  subgraphs: Record<SubgraphName, SubgraphProcess>;
  signingSecret: string;
  /** Extra environment (levers, worker count). */
  env?: Record<string, string>;
  nodeOptions?: string[];
  /** Cluster mode: wait until this many workers run. */
  workers?: number;
}

export function subgraphUrlEnv(subgraphs: Record<SubgraphName, SubgraphProcess>): Record<string, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`SUBGRAPH_URL_${n.toUpperCase()}`, subgraphs[n].url]));
}

/**
 * Both gateways run compiled, as production runs them (`npm run build`, scripts/build.ts): under
 * tsx each would carry tsx's transformer in memory (about 55 MB) and pay its resolver hook on
 * every import. buildProcesses() writes ours into gateway/dist and the stock one into bench/dist.
 * The subgraph process is compiled too (bench/dist/subgraphProcess.js, run in place): under tsx
 * each of the five took 2.2 s of CPU to load against 0.75 s compiled, and they load while the
 * data is seeded on the same two cores — seeding ended 4 s later (13 s against 9 s), time the
 * 2-minute --quick run then lacks for its warm-up. Once loaded, the code they run is the same.
 */
export async function buildProcesses(): Promise<void> {
  await buildAll();
  await bundle('bench/stockGateway.ts', 'bench/dist/stockGateway.js');
  await bundle('bench/src/subgraphProcess.ts', 'bench/dist/subgraphProcess.js', { inPlace: true });
}

/**
 * Ours: gateway/dist/main.js as production runs it, with production's Node flags
 * (scripts/build.ts GATEWAY_NODE_FLAGS; any --ours-node flags come after them, so they win),
 * rate limits off (one IP sends it all). The stock one runs with Node's defaults, its own.
 */
export async function startOurs(start: GatewayStart, label = 'ours', script = 'gateway/dist/main.js', cores = GATEWAY_CORES): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawnPinned(STARTUP_CORES, [...GATEWAY_NODE_FLAGS, ...(start.nodeOptions ?? []), script], {
    GATEWAY_PORT: String(port),
    SUPERGRAPH_PATH: start.supergraphPath,
    SUBGRAPH_SIGNING_SECRET: start.signingSecret,
    RATE_LIMIT_USER: 'off',
    RATE_LIMIT_IP: 'off',
    LOG_LEVEL: 'warn',
    ...subgraphUrlEnv(start.subgraphs),
    ...start.env,
  });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok && (!start.workers || childPids(child.pid!).length >= start.workers), label, child);
  pin(child, cores);
  return gatewayProcess(label, `http://127.0.0.1:${port}/graphql`, child);
}

export async function startStock(start: GatewayStart): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawnPinned(STARTUP_CORES, [...(start.nodeOptions ?? []), 'bench/dist/stockGateway.js'], {
    STOCK_PORT: String(port),
    STOCK_SUPERGRAPH_PATH: start.supergraphPath,
    SUBGRAPH_SIGNING_SECRET: start.signingSecret,
    ...subgraphUrlEnv(start.subgraphs),
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const probe = async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).ok;
  await waitFor(probe, 'stock gateway', child);
  pin(child, GATEWAY_CORES);
  return gatewayProcess('stock', url, child);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  // Longer than the gateway's own 10 s shutdown deadline, so it exits by itself (and --cpu-prof
  // profiles get written).
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
