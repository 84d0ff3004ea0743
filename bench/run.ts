/**
 * `npm run bench [-- --quick] [--postgres] [--scale N] [--rounds N] [--duration S] [--only a,b]`
 *
 * Our gateway against stock @apollo/gateway on the same supergraph, the same subgraph processes
 * and the same freshly seeded data; see bench/README.md for what is measured and how.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Command, InvalidArgumentError } from 'commander';
import { SUBGRAPH_NAMES, type DatabaseTarget, type SubgraphName } from '@talent-graph/platform';
import { createDatabase, startPostgres, startRedis, type PostgresServer } from '@talent-graph/platform/testing';
import { migrateAll, seedAll, withDatabases } from '../scripts/dataOps.ts';
import { ALL_CORES, buildProcesses, CORES, HAS_TASKSET, pinSelf, ROOT, spawnSubgraphs, startOurs, startStock, stopProcess, type GatewayProcess, type SubgraphProcess } from './src/processes.ts';
import { CLIENT_HEADERS, REQUEST_STYLE, median, requestFor, round, runLoad, type RunResult } from './src/load.ts';
import { stockSupergraph } from './src/stockSupergraph.ts';
import { WORKLOAD, type Pools, type Workload } from './src/workload.ts';
import { writeResults, type BenchResults, type OperationResult } from './src/report.ts';
import { readFileSync } from 'node:fs';

// The load generator runs in this process, beside the seeding code and everything the bench keeps:
// a major collection of this heap while a run is on holds back every response autocannon has yet
// to read (one of 150 ms fell into a warm-up, 12–24 ms ones into measured runs), which lands on
// that run's p99 and not on the gateway it measures. Each run therefore starts from a collected
// heap; what autocannon itself allocates during 2–10 s stays in the young generation.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const positive = (what: string) => (v: string) => {
  const n = Number(v);
  if (!(n > 0)) throw new InvalidArgumentError(`${what} must be a number > 0`);
  return n;
};
const opts = new Command('bench')
  .option('--quick', 'fewer, shorter rounds (the whole run under 2 minutes)', false)
  .option('--postgres', 'subgraphs on a throw-away PostgreSQL instead of SQLite', false)
  .option('--scale <n>', 'demo world scale (4 makes the large passthrough exceed 1 MB)', positive('--scale'), 4)
  .option('--rounds <n>', 'rounds per gateway and operation (default 5, 3 with --quick)', positive('--rounds'))
  .option('--duration <s>', 'whole seconds per measurement (default 10, 2 with --quick)', positive('--duration'))
  .option('--connections <n>', 'concurrent connections (default 25: enough to keep every fan-out step busy, bench/README.md)', positive('--connections'), 25)
  .option('--only <names>', 'comma-separated operation names')
  .option('--ours-env <pairs>', 'extra environment for our gateway, KEY=VALUE,… (to measure one lever)')
  .option('--workers <n>', 'also measure our gateway in cluster mode with N workers on every core (default: one per core, none with --quick; 0 skips)', (v) => Number(v))
  .option('--subgraph-node <flags>', 'extra node flags for the subgraph processes, comma-separated (e.g. --max-semi-space-size=32)')
  .option('--cpu-prof <dir>', 'write V8 CPU profiles of both gateways into this directory and of the subgraphs into its subgraphs/ (node --cpu-prof)')
  .option('--ours-node <flags>', 'extra node flags for our gateway, comma-separated (e.g. --max-semi-space-size=64)')
  .option('--accept-encoding <value>', 'send Accept-Encoding with every gateway request (measures response compression; none by default, like most load generators)')
  .option('--by-hash', 'send our gateway each operation by its SHA-256 alone (APQ wire format, found in its persisted-operation manifest) instead of its text', false)
  .option('--no-response-cache', 'skip the run with the response cache on (never part of --quick)')
  .option('--no-write', 'print only; do not write bench/results or the README table')
  .parse()
  .opts<{ quick: boolean; postgres: boolean; scale: number; rounds?: number; duration?: number; connections: number; only?: string; oursEnv?: string; cpuProf?: string; oursNode?: string; subgraphNode?: string; workers?: number; acceptEncoding?: string; byHash: boolean; responseCache: boolean; write: boolean }>();
if (opts.acceptEncoding) CLIENT_HEADERS['accept-encoding'] = opts.acceptEncoding;
REQUEST_STYLE.byHash = opts.byHash;

const rounds = opts.rounds ?? (opts.quick ? 3 : 5);
// autocannon ends a timed run on its one-second tick: a run asked for 1.5 s lasts 2 s. A closed
// loop's window counts the requests it completes: those still running when it closes are lost,
// about latency / (2 × window) of them — 1–7% for the fan-outs in 2 s (bench/README.md, "Rounds").
const durationSec = opts.duration ?? (opts.quick ? 2 : 10);
const warmSec = opts.quick ? 1 : 3;
const WARM_RUNS_MAX = opts.quick ? 1 : 6;
const workload = opts.only ? WORKLOAD.filter((w) => opts.only!.split(',').includes(w.name.split(' ')[0]!)) : WORKLOAD;
const oursEnv = Object.fromEntries((opts.oursEnv ?? '').split(',').filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

pinSelf();
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup(): Promise<void> {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

/** A fresh database: temp SQLite files, or a new database on a throw-away PostgreSQL. */
async function prepareData(): Promise<(name: SubgraphName) => DatabaseTarget> {
  let targets: (name: SubgraphName) => DatabaseTarget;
  if (opts.postgres) {
    const pg: PostgresServer = await startPostgres();
    cleanups.push(() => pg.stop());
    const url = await createDatabase(pg.baseUrl, 'bench');
    targets = (name) => ({ kind: 'postgres', url, schema: name });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tg-bench-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    targets = (name) => ({ kind: 'sqlite', file: join(dir, `${name}.sqlite`) });
  }
  await withDatabases(targets, async (dbs) => {
    await migrateAll(dbs);
    await seedAll(dbs, opts.scale);
    log("seeded");
  });
  return targets;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return res.json();
}

/** Valid ids read from the seeded graph through our gateway: what the variables are drawn from. */
async function readPools(gateway: GatewayProcess): Promise<Pools> {
  const q = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    post(gateway.url, JSON.stringify({ query, variables }), { 'content-type': 'application/json', ...headers }) as Promise<{ data: Record<string, unknown> }>;
  const states = ((await q('{ states { code } }')).data.states as { code: string }[]).map((s) => s.code);
  const page = await q(readFileSync(`${ROOT}schema/operations/analystJobExport.graphql`, 'utf8'), { filter: { openOnly: true }, first: 5000 }, { 'x-dev-roles': 'analyst' });
  const jobs = (page.data.jobs as { edges: { node: { id: string; zip: string } }[] }).edges.map((e) => e.node);
  // Anonymous callers see a person only with a PUBLIC_PROFILE consent: probe ids, 10 per request (the root-field limit).
  const publicPeople: string[] = [];
  for (let start = 1; start <= 1000 && publicPeople.length < 200; start += 10) {
    const ids = Array.from({ length: 10 }, (_, k) => `per-${String(start + k).padStart(5, '0')}`);
    const res = await q(`{ ${ids.map((id, k) => `p${k}: person(id: "${id}") { id }`).join(' ')} }`);
    for (const v of Object.values(res.data ?? {})) if (v) publicPeople.push((v as { id: string }).id);
  }
  return { states, jobIds: jobs.map((j) => j.id), zips: [...new Set(jobs.map((j) => j.zip))].sort(), publicPeople };
}

/** Both gateways must answer every operation identically before any timing counts. */
async function checkIdentical(w: Workload, pools: Pools, ours: GatewayProcess, stock: GatewayProcess): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < 3; i += 1) {
    const oursReq = requestFor(w, pools, i, { kind: 'gateway', gateway: ours });
    // A mutation changes state: apply it once, then both gateways must report the same settled state.
    if (w.mutation) await post(ours.url, oursReq.body, oursReq.headers);
    const a = JSON.stringify(await post(ours.url, oursReq.body, oursReq.headers));
    const stockReq = requestFor(w, pools, i, { kind: 'gateway', gateway: stock });
    const b = JSON.stringify(await post(stock.url, stockReq.body, stockReq.headers));
    if (a !== b) throw new Error(`bench: ${w.name} (request ${i}): the gateways answer differently\n ours:  ${a.slice(0, 600)}\n stock: ${b.slice(0, 600)}`);
    if (a.includes('"errors"')) throw new Error(`bench: ${w.name} (request ${i}) answered with errors: ${a.slice(0, 600)}`);
    bytes = Math.max(bytes, Buffer.byteLength(a));
  }
  return bytes;
}

/** Subgraph requests and SQL statements per operation, read from the subgraph processes. */
async function countPerOperation(w: Workload, pools: Pools, gateway: GatewayProcess, subgraphs: Record<SubgraphName, SubgraphProcess>) {
  // One request at a time, so no cross-request batching folds them together. Five with --quick:
  // ten 5,000-job pages one after another cost stock about 5 s, a twentieth of the quick budget.
  const n = opts.quick ? 5 : 10;
  await Promise.all(SUBGRAPH_NAMES.map((s) => subgraphs[s].counts(true)));
  for (let i = 0; i < n; i += 1) {
    const { body, headers } = requestFor(w, pools, 50 + i, { kind: 'gateway', gateway });
    await post(gateway.url, body, headers);
  }
  const counts = await Promise.all(SUBGRAPH_NAMES.map((s) => subgraphs[s].counts()));
  const bySubgraph = Object.fromEntries(SUBGRAPH_NAMES.map((s, k) => [s, round(counts[k]!.statements / n, 2)])) as Record<SubgraphName, number>;
  return {
    subgraphRequests: round(counts.reduce((sum, c) => sum + c.requests, 0) / n, 2),
    sqlStatements: round(counts.reduce((sum, c) => sum + c.statements, 0) / n, 2),
    sqlStatementsBySubgraph: bySubgraph,
  };
}

/** Subgraph CPU per request under load through one gateway: the median round, per subgraph and in total. */
function subgraphCpuOf(runs: RunResult[]) {
  const bySubgraph = Object.fromEntries(SUBGRAPH_NAMES.map((s) => [s, round(median(runs.map((r) => r.subgraphCpuMs?.[s] ?? 0)), 2)])) as Record<SubgraphName, number>;
  return { total: round(median(runs.map((r) => SUBGRAPH_NAMES.reduce((sum, s) => sum + (r.subgraphCpuMs?.[s] ?? 0), 0))), 2), bySubgraph };
}

function summarise(runs: RunResult[]) {
  const timed = runs.filter((r) => r.requests > 0);
  return {
    rps: round(median(runs.map((r) => r.rps)), 1),
    // Latency and CPU per request only from runs that completed requests (JSON null otherwise).
    p50Ms: timed.length ? round(median(timed.map((r) => r.p50Ms)), 2) : null,
    p99Ms: timed.length ? round(median(timed.map((r) => r.p99Ms)), 2) : null,
    cpuMsPerRequest: timed.length ? round(median(timed.map((r) => r.cpuMsPerRequest ?? 0)), 3) : null,
    maxRssMb: round(Math.max(...runs.map((r) => r.rssMb ?? 0)), 1),
    failures: runs.reduce((s, r) => s + r.failures, 0),
    rounds: runs.map((r) => ({ rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms, cpuMsPerRequest: r.cpuMsPerRequest })),
  };
}

try {
  log(`seeding scale ${opts.scale} on ${opts.postgres ? 'PostgreSQL' : 'SQLite'}; ${CORES} cores, taskset ${HAS_TASKSET ? 'yes' : 'no'}`);
  const signingSecret = randomBytes(32).toString('hex');
  const profile = opts.cpuProf ? [`--cpu-prof`, `--cpu-prof-dir=${opts.cpuProf}`] : [];
  const subgraphNode = (opts.subgraphNode ?? '').split(',').filter(Boolean);
  // The seven processes load their code while the data is seeded: the subgraphs on ports chosen
  // now, waiting for the database; the gateways need no subgraph to start.
  await buildProcesses();
  const spawned = await spawnSubgraphs(signingSecret, [...subgraphNode, ...(opts.cpuProf ? [`--cpu-prof`, `--cpu-prof-dir=${opts.cpuProf}/subgraphs`] : [])]);
  const subgraphs = spawned.processes;
  cleanups.push(async () => void (await Promise.all(Object.values(subgraphs).map((s) => stopProcess(s.child)))));
  const dir = mkdtempSync(join(tmpdir(), 'tg-bench-sdl-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const supergraphSdl = readFileSync(`${ROOT}schema/supergraph.graphql`, 'utf8');
  writeFileSync(join(dir, 'stock.graphql'), stockSupergraph(supergraphSdl));
  const start = { subgraphs, signingSecret, nodeOptions: profile };
  const oursNode = (opts.oursNode ?? '').split(',').filter(Boolean);
  const oursStarting = startOurs({ ...start, nodeOptions: [...profile, ...oursNode], supergraphPath: `${ROOT}schema/supergraph.graphql`, env: oursEnv });
  const stockStarting = startStock({ ...start, supergraphPath: join(dir, 'stock.graphql') });
  // Stopped on any failure below, once started.
  for (const starting of [oursStarting, stockStarting]) starting.then((g) => cleanups.push(() => stopProcess(g.child)), () => {});
  const targets = await prepareData();
  await spawned.open(targets);
  log('subgraphs up');
  // A gateway does not cancel its subgraph fetches when the load generator stops, and finishes the
  // requests it has in hand: on a busy machine the subgraphs and the gateway may still be working
  // through the last run's backlog, which would then slow (and expire the signatures of) the next
  // run, or give its gateway's core a share of the other's work. Wait until all have gone quiet.
  const gateways: GatewayProcess[] = [];
  const drain = async () => {
    // Quiet: for two readings 50 ms apart, no new subgraph request and no gateway busier than
    // 10 ms of CPU (one clock tick) since the reading before.
    let previous = -1;
    let previousCpu = gateways.map((g) => g.cpuMs());
    let quiet = 0;
    for (const until = Date.now() + 120_000; Date.now() < until; ) {
      const total = (await Promise.all(SUBGRAPH_NAMES.map((n) => subgraphs[n].counts()))).reduce((sum, c) => sum + c.requests, 0);
      const cpu = gateways.map((g) => g.cpuMs());
      const idle = cpu.every((ms, k) => ms - previousCpu[k]! <= 10);
      quiet = total === previous && idle ? quiet + 1 : 0;
      if (quiet === 2) return;
      previous = total;
      previousCpu = cpu;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // Subgraph CPU and calls per request under load: what all subgraph processes spent and received
  // from the start of a run until it settled, over the requests the load generator sent (a gateway
  // that batches fetches across requests, gateway/src/entityBatching.ts, makes fewer calls than
  // its plans hold).
  const subgraphCounts = () => Promise.all(SUBGRAPH_NAMES.map((n) => subgraphs[n].counts()));
  const measure = async (...[w, p, target, options, first]: Parameters<typeof runLoad>): Promise<RunResult> => {
    const before = await subgraphCounts();
    collectGarbage();
    const r = await runLoad(w, p, target, { ...options, settle: drain }, first);
    const after = await subgraphCounts();
    const perRequest = (total: number) => (r.sent > 0 ? round(total / r.sent, 2) : 0);
    return {
      ...r,
      subgraphCpuMs: Object.fromEntries(SUBGRAPH_NAMES.map((n, k) => [n, perRequest(after[k]!.cpuMs - before[k]!.cpuMs)])) as Record<SubgraphName, number>,
      subgraphCalls: perRequest(after.reduce((sum, c, k) => sum + c.requests - before[k]!.requests, 0)),
    };
  };
  const ours = await oursStarting;
  const stock = await stockStarting;
  gateways.push(ours, stock);
  const idleRss = { ours: round(ours.rssMb(), 1), stock: round(stock.rssMb(), 1) };
  log(`subgraphs and both gateways up (ours ${ours.url}, stock ${stock.url})`);

  const pools = await readPools(ours);
  log(`pools: ${pools.jobIds.length} jobs, ${pools.zips.length} ZIPs, ${pools.states.length} states, ${pools.publicPeople.length} public people`);
  const responseBytes = new Map<string, number>();
  for (const w of workload) responseBytes.set(w.name, await checkIdentical(w, pools, ours, stock));
  log(`identical responses from both gateways for ${workload.length} operations`);

  // Warm both gateways and the subgraphs behind them (V8's optimising compiler, plan and document
  // caches, the subgraphs' per-process caches) before anything is timed or counted, until each
  // gateway's throughput settles: a warm-up run within 10% of its previous one, or at most
  // WARM_RUNS_MAX runs. The five subgraph processes take a few thousand calls each to reach steady
  // state; a fixed short warm-up timed them half-cold, which capped both gateways alike
  // (bench/README.md, "Reading the numbers").
  let requestNo = 1000;
  for (const w of workload) {
    const last: Record<string, number> = {};
    const settled = new Set<string>();
    let runsDone = 0;
    while (runsDone < WARM_RUNS_MAX && settled.size < 2) {
      if (opts.quick) {
        // Quick: one run of both gateways at once (sharing core 0). The warm-up is for V8 in all
        // seven processes, not a measurement, and this halves its time.
        // No drain between operations: one's backlog running into the next warm-up does no harm.
        await Promise.all([ours, stock].map((g, k) => runLoad(w, pools, { kind: 'gateway', gateway: g }, { connections: opts.connections, durationSec: warmSec }, requestNo + k * 5_000)));
      } else {
        for (const g of [ours, stock]) {
          const r = await runLoad(w, pools, { kind: 'gateway', gateway: g }, { connections: opts.connections, durationSec: warmSec, settle: drain }, requestNo);
          const previous = last[g.label];
          if (previous !== undefined && Math.abs(r.rps - previous) <= 0.1 * previous) settled.add(g.label);
          last[g.label] = r.rps;
          requestNo += 5_000;
        }
      }
      requestNo += 10_000;
      runsDone += 1;
    }
    log(`${w.name}: warmed in ${runsDone} runs per gateway${opts.quick ? ' (both at once)' : settled.size < 2 ? ' (throughput still moving: cap reached)' : ''}`);
  }
  await drain();
  const facts = new Map<string, { responseBytes: number; counts: Awaited<ReturnType<typeof countPerOperation>>; stockCounts: Awaited<ReturnType<typeof countPerOperation>> }>();
  for (const w of workload) {
    facts.set(w.name, { responseBytes: responseBytes.get(w.name)!, counts: await countPerOperation(w, pools, ours, subgraphs), stockCounts: await countPerOperation(w, pools, stock, subgraphs) });
  }
  const runs = new Map<string, { ours: RunResult[]; stock: RunResult[]; ceiling: RunResult[] }>(workload.map((w) => [w.name, { ours: [], stock: [], ceiling: [] }]));
  for (let r = 0; r < rounds; r += 1) {
    for (const w of workload) {
      // Alternate which gateway goes first, so drift on a shared machine hits both alike.
      const order = r % 2 === 0 ? [ours, stock] : [stock, ours];
      for (const g of order) {
        runs.get(w.name)![g.label as 'ours' | 'stock'].push(await measure(w, pools, { kind: 'gateway', gateway: g }, { connections: opts.connections, durationSec }, requestNo));
        requestNo += 100_000;
      }
    }
    log(`round ${r + 1}/${rounds} done`);
  }
  // The ceiling: the same requests straight to the owning subgraph, no gateway in the path.
  for (const w of workload.filter((x) => x.ceiling)) {
    for (let r = 0; r < (opts.quick ? 1 : Math.min(rounds, 3)); r += 1) {
      runs.get(w.name)!.ceiling.push(await measure(w, pools, { kind: 'subgraph', url: subgraphs[w.ceiling!].url, signingSecret }, { connections: opts.connections, durationSec }, requestNo));
      requestNo += 100_000;
    }
  }
  // Memory under 100 concurrent connections, on the heaviest fan-out (not in --quick: its backlog
  // takes seconds to drain; the quick table shows the peak during the rounds instead).
  const heavy = workload.find((w) => w.name === 'stateDashboard') ?? workload[0]!;
  let rss100: Record<'ours' | 'stock', number> | null = null;
  if (!opts.quick) {
    rss100 = { ours: 0, stock: 0 };
    for (const g of [ours, stock]) {
      const r = await measure(heavy, pools, { kind: 'gateway', gateway: g }, { connections: 100, durationSec }, requestNo);
      requestNo += 100_000;
      rss100[g.label as 'ours' | 'stock'] = r.rssMb ?? 0;
    }
  }
  // The response cache, reported apart from every figure above (those are all cache off): ours
  // restarted with RESPONSE_CACHE=on and its entries in a Redis started here, one warm-up run and
  // one measured run per operation. Variables vary per request as in the rounds, so the hit rate is
  // the workload's own (bench/README.md, "Response cache").
  let responseCache: BenchResults['responseCache'] = null;
  if (!opts.quick && opts.responseCache) {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    await stopProcess(ours.child);
    const cached = await startOurs({ ...start, nodeOptions: [...profile, ...oursNode], supergraphPath: `${ROOT}schema/supergraph.graphql`, env: { ...oursEnv, RESPONSE_CACHE: 'on', REDIS_URL: redis.url } }, 'ours+cache');
    cleanups.push(() => stopProcess(cached.child));
    gateways.splice(0, gateways.length, cached, stock);
    responseCache = { store: 'Redis', operations: [] };
    for (const w of workload) {
      const probe = requestFor(w, pools, 0, { kind: 'gateway', gateway: cached });
      const policy = (await fetch(cached.url, { method: 'POST', headers: probe.headers, body: probe.body })).headers.get('cache-control') ?? 'none';
      await runLoad(w, pools, { kind: 'gateway', gateway: cached }, { connections: opts.connections, durationSec: warmSec, settle: drain }, requestNo);
      requestNo += 100_000;
      const r = await measure(w, pools, { kind: 'gateway', gateway: cached }, { connections: opts.connections, durationSec }, requestNo);
      requestNo += 100_000;
      const off = summarise(runs.get(w.name)!.ours);
      const stockRps = summarise(runs.get(w.name)!.stock).rps;
      responseCache.operations.push({ name: w.name, policy, rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms, cpuMsPerRequest: r.cpuMsPerRequest, subgraphCallsUnderLoad: r.subgraphCalls ?? 0, vsCacheOff: off.rps ? round(r.rps / off.rps, 2) : null, vsStock: stockRps ? round(r.rps / stockRps, 2) : null });
    }
    await stopProcess(cached.child);
    await redis.stop();
  }
  // Multi-core: our gateway in cluster mode (gateway/dist/cluster.js), N workers free to use every
  // core — which on a small machine are the cores the subgraphs and load generator use too. Not
  // part of --quick unless --workers asks for it.
  const workers = opts.workers ?? (opts.quick ? 0 : CORES);
  let cluster: BenchResults['workers'];
  if (workers > 0) {
    await stopProcess(ours.child);
    await stopProcess(stock.child);
    const many = await startOurs({ ...start, supergraphPath: `${ROOT}schema/supergraph.graphql`, env: { ...oursEnv, GATEWAY_WORKERS: String(workers) }, workers }, `ours×${workers}`, 'gateway/dist/cluster.js', ALL_CORES);
    cleanups.push(() => stopProcess(many.child));
    gateways.splice(0, gateways.length, many);
    const clusterOps = workload.filter((w) => !w.mutation && (!opts.quick || w.name === 'stateDashboard'));
    cluster = { workers, operations: [] };
    for (const w of clusterOps) {
      const r = await measure(w, pools, { kind: 'gateway', gateway: many }, { connections: opts.connections * 2, durationSec }, requestNo);
      requestNo += 100_000;
      const one = summarise(runs.get(w.name)!.ours);
      cluster.operations.push({ name: w.name, oneWorker: { rps: one.rps, p50Ms: one.p50Ms, p99Ms: one.p99Ms }, nWorkers: { rps: r.rps, p50Ms: r.requests ? r.p50Ms : null, p99Ms: r.requests ? r.p99Ms : null, cpuMsPerRequest: r.cpuMsPerRequest } });
    }
    await stopProcess(many.child);
  }
  log('measured');

  const operations: OperationResult[] = workload.map((w) => {
    const m = runs.get(w.name)!;
    const f = facts.get(w.name)!;
    const oursSummary = summarise(m.ours);
    const stockSummary = summarise(m.stock);
    const ceiling = m.ceiling.length ? summarise(m.ceiling) : null;
    return {
      name: w.name,
      shape: w.shape,
      mutation: w.mutation,
      ours: oursSummary,
      stock: stockSummary,
      ratio: stockSummary.rps ? round(oursSummary.rps / stockSummary.rps, 2) : null,
      cpuRatio: oursSummary.cpuMsPerRequest !== null && stockSummary.cpuMsPerRequest ? round(oursSummary.cpuMsPerRequest / stockSummary.cpuMsPerRequest, 2) : null,
      responseBytes: f.responseBytes,
      subgraphRequests: f.counts.subgraphRequests,
      stockSubgraphRequests: f.stockCounts.subgraphRequests,
      sqlStatements: f.counts.sqlStatements,
      sqlStatementsBySubgraph: f.counts.sqlStatementsBySubgraph,
      subgraphCpuMs: subgraphCpuOf(m.ours).total,
      stockSubgraphCpuMs: subgraphCpuOf(m.stock).total,
      subgraphCpuMsBySubgraph: subgraphCpuOf(m.ours).bySubgraph,
      subgraphCallsUnderLoad: round(median(m.ours.map((r) => r.subgraphCalls ?? 0)), 2),
      stockSubgraphCallsUnderLoad: round(median(m.stock.map((r) => r.subgraphCalls ?? 0)), 2),
      ceiling: ceiling && { subgraph: w.ceiling!, rps: ceiling.rps, p50Ms: ceiling.p50Ms, p99Ms: ceiling.p99Ms, oursOverhead: oursSummary.rps ? round(ceiling.rps / oursSummary.rps, 2) : null, stockOverhead: stockSummary.rps ? round(ceiling.rps / stockSummary.rps, 2) : null },
    };
  });
  const results: BenchResults = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { cores: CORES, taskset: HAS_TASKSET, node: process.version },
    settings: { database: opts.postgres ? 'postgres' : 'sqlite', scale: opts.scale, rounds, durationSec, connections: opts.connections, oursEnv, oursNodeFlags: oursNode, acceptEncoding: opts.acceptEncoding ?? null, byHash: opts.byHash },
    memory: { idleRssMb: idleRss, rssAt100ConnectionsMb: rss100, peakRssInRoundsMb: { ours: Math.max(...operations.map((o) => o.ours.maxRssMb)), stock: Math.max(...operations.map((o) => o.stock.maxRssMb)) } },
    responseCache,
    workers: cluster,
    operations,
  };
  for (const line of writeResults(results, opts.write)) console.log(line);
  log('done');
} catch (error) {
  console.error(String((error as Error).stack ?? error));
  process.exitCode = 1;
} finally {
  await cleanup();
}
