/**
 * `npm start`: migrate, seed if empty, start the five subgraphs and the gateway, wait until all
 * are healthy, print the URLs and a first query; restart a service that dies later. Ctrl-C or SIGTERM stops every child (each
 * finishes its in-flight requests and closes its pool) and exits; no orphan, no port left bound.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, parsePort } from '@talent-graph/platform';
import { formatCounts, isEmpty, migrateAll, seedAll, withDatabases } from './dataOps.ts';
import { describeTarget, toolTargets } from './config.ts';
import { ROOT as root, serviceScript, spawnService, waitHealthy as waitForHealth } from './services.ts';
const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function ports() {
  return {
    gateway: parsePort(process.env.GATEWAY_PORT, 'GATEWAY_PORT', DEFAULT_PORTS.gateway),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, parsePort(process.env[`${n.toUpperCase()}_PORT`], `${n.toUpperCase()}_PORT`, DEFAULT_PORTS[n])])),
  } as Record<string, number>;
}

/** The per-IP rate limit of the local stack `npm start` runs (docs/operations.md). */
const LOCAL_RATE_LIMIT_IP = '500/s,burst=1000';

/**
 * Starts a service and keeps it running: a service that dies after the stack is up (a crash, a
 * kill) is logged and started again with a growing delay (1 s, doubling to 30 s; back to 1 s
 * after a minute up), while the others keep serving — the gateway answers without its fields
 * meanwhile (docs/reliability.md). A service that dies while the stack is starting stops it all.
 */
function startChild(name: string, script: string, env: Record<string, string>, delayMs = RESTART_DELAY_MS.first): void {
  const child = spawnService(script, env);
  const startedAt = Date.now();
  const entry = { name, child };
  children.push(entry);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (!up) {
      console.error(`\n${name} exited unexpectedly (${signal ?? `code ${code}`}) while starting; stopping everything.`);
      void stopAll(1);
      return;
    }
    children.splice(children.indexOf(entry), 1);
    const delay = Date.now() - startedAt > 60_000 ? RESTART_DELAY_MS.first : delayMs;
    console.error(`\n${name} exited unexpectedly (${signal ?? `code ${code}`}); restarting it in ${delay / 1000} s.`);
    setTimeout(() => {
      if (!stopping) startChild(name, script, env, Math.min(delay * 2, RESTART_DELAY_MS.max));
    }, delay).unref();
  });
}

const RESTART_DELAY_MS = { first: 1_000, max: 30_000 };
let up = false;

const waitHealthy = (name: string, port: number) => waitForHealth(name, port, { aborted: () => stopping });

async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  const alive = children.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  for (const { child } of alive) child.kill('SIGTERM');
  await Promise.race([
    Promise.all(alive.map(({ child }) => new Promise((r) => child.once('exit', r)))),
    new Promise((r) => setTimeout(r, 12_000)),
  ]);
  for (const { child } of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const supergraph = `${root}schema/supergraph.graphql`;
  if (!existsSync(supergraph)) throw new Error('schema/supergraph.graphql is missing: run `npm run compose`');
  const p = ports();
  // The gateway signs every subgraph request with this; a fresh one per start unless set.
  const signing = { SUBGRAPH_SIGNING_SECRET: process.env.SUBGRAPH_SIGNING_SECRET || randomBytes(32).toString('hex') };
  console.log(`Data: ${describeTarget()}`);
  await withDatabases(toolTargets(), async (dbs) => {
    await migrateAll(dbs);
    const empty = await Promise.all(SUBGRAPH_NAMES.map((n) => isEmpty(dbs[n])));
    if (empty.every(Boolean)) {
      console.log('First start: seeding the demo data (deterministic, about 10 s)…');
      console.log(formatCounts(await seedAll(dbs, 1)));
    } else if (!empty.every((e) => !e)) {
      throw new Error('some databases hold data and some do not: run `npm run seed -- --reset`');
    } else {
      console.log('Reusing the existing demo data.');
    }
  });
  for (const name of SUBGRAPH_NAMES) {
    startChild(name, serviceScript(name), { [`${name.toUpperCase()}_PORT`]: String(p[name]), ...signing });
  }
  await Promise.all(SUBGRAPH_NAMES.map((name) => waitHealthy(name, p[name]!)));
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`SUBGRAPH_URL_${n.toUpperCase()}`, `http://127.0.0.1:${p[n]}/graphql`]));
  // Everything on a developer's machine (browser, scripts, load tools) shares 127.0.0.1, so the
  // production per-IP default (50/s) would throttle local work; set RATE_LIMIT_IP to override.
  const localRateLimit = { RATE_LIMIT_IP: process.env.RATE_LIMIT_IP ?? LOCAL_RATE_LIMIT_IP };
  startChild('gateway', serviceScript('gateway'), { GATEWAY_PORT: String(p.gateway), SUPERGRAPH_PATH: supergraph, ...subgraphUrls, ...signing, ...localRateLimit });
  await waitHealthy('gateway', p.gateway!);
  up = true;
  const url = `http://localhost:${p.gateway}/graphql`;
  console.log(`
Talent Graph is up.
  Explorer and API   ${url}   (open it in a browser)
  Subgraphs          ${SUBGRAPH_NAMES.map((n) => `${n} :${p[n]}`).join(', ')}

A first query, drawn from all four partners:
  curl -s ${url} -H 'content-type: application/json' \\
    --data '{"query":"{ state(code: \\"OH\\") { name schools(first: 2) { edges { node { name programs { name aseAccreditation { status } icarAcademy } crefTotals { grantsUsd } } } } jobs(first: 2) { edges { node { title shop { name } } } } pay(industry: COLLISION) { medianHourlyUsd } } }"}'

Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message}`);
  await stopAll(1);
}
