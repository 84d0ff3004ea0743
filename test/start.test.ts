import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { freePort } from '@talent-graph/platform/testing';
import { ROOT, postGraphQL } from './support/stack.ts';

/**
 * `npm start` as a new user runs it: a fresh data directory, every port chosen by the test (never
 * the defaults 4000–4005, which a developer's own `npm start` may hold). The script runs in its
 * own process group, as under a terminal, so Ctrl-C (SIGINT to the group) reaches it and its
 * children alike. SQLite only: `npm start` never uses PostgreSQL.
 */
type Ports = Record<'gateway' | (typeof SUBGRAPH_NAMES)[number], number>;

interface Started {
  process: ChildProcess;
  ports: Ports;
  /** stdout and stderr together, as the user's terminal shows them. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const OHIO_AT_A_GLANCE = `query OhioAtAGlance {
  state(code: "OH") {
    name
    schools(first: 3) {
      edges { node {
        name
        programs { name discipline aseAccreditation { status expiresOn } icarAcademy }
        crefTotals { grantsUsd }
      } }
    }
    icarAcademy { enrollmentCount averageActivePercent }
    jobs(first: 3) { edges { node { title shop { name } } } }
    pay(industry: COLLISION) { medianHourlyUsd sampleSize suppressed }
  }
}`;

async function choosePorts(): Promise<Ports> {
  const ports = { gateway: await freePort() } as Ports;
  for (const name of SUBGRAPH_NAMES) ports[name] = await freePort();
  return ports;
}

function npmStart(dataDir: string, ports: Ports): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', GATEWAY_PORT: String(ports.gateway) };
  // A developer's shell may point at another database; a new user's does not.
  delete env.DATABASE_URL;
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { process: child, ports, output: () => output, exited };
}

/** Resolves once the output matches; fails with the output so far if it exits or times out first. */
async function waitForOutput(started: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void started.exited.then(() => (exited = true));
  while (!pattern.test(started.output())) {
    if (exited) throw new Error(`npm start exited before printing ${pattern}:\n${started.output()}`);
    if (Date.now() > until) throw new Error(`npm start did not print ${pattern} within ${timeoutMs / 1000} s:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function pids(command: string, args: string[]): number[] {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.stdout.split('\n').map((s) => Number(s.trim())).filter((pid) => pid > 0);
}

/** The command lines of the start script's own children. */
function directChildren(pid: number): string[] {
  const result = spawnSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' });
  return result.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

/** Every process in the group but its leader (the children and whatever they started). */
function groupMembers(pgid: number): number[] {
  return pids('pgrep', ['-g', String(pgid)]).filter((pid) => pid !== pgid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** How a TCP connect to the port ends: 'connected' or the error code (ECONNREFUSED when free). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function stopWithCtrlC(started: Started): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'still running'> {
  process.kill(-started.process.pid!, 'SIGINT');
  return Promise.race([started.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000))]);
}

describe('npm start (SQLite)', function () {
  this.timeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'tg-start-'));
  let first: Started;
  let second: Started | undefined;

  after(async () => {
    // Only if a test failed half-way: never leave the processes this file started running.
    for (const started of [first, second]) {
      if (started && started.process.exitCode === null && started.process.signalCode === null) {
        try {
          process.kill(-started.process.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        await started.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds on first start and prints the explorer URL with the gateway port', async () => {
    first = npmStart(dataDir, await choosePorts());
    await waitForOutput(first, /Press Ctrl-C to stop\./, 170_000);
    expect(first.output()).to.include('First start: seeding the demo data');
    expect(first.output()).to.not.include('Reusing the existing demo data');
    expect(first.output()).to.include(`Explorer and API   http://localhost:${first.ports.gateway}/graphql`);
  });

  it('answers GET /health with 200 on the gateway and on every subgraph', async () => {
    const statuses: Record<string, number> = {};
    for (const [name, port] of Object.entries(first.ports)) statuses[name] = (await fetch(`http://127.0.0.1:${port}/health`)).status;
    expect(statuses).to.deep.equal({ gateway: 200, directory: 200, ase: 200, icar: 200, cref: 200, wrenchway: 200 });
  });

  it("answers the README's first query with data from every partner", async () => {
    const res = await postGraphQL(`http://127.0.0.1:${first.ports.gateway}/graphql`, OHIO_AT_A_GLANCE);
    expect(res.errors).to.equal(undefined);
    const state = res.data.state;
    expect(state.name).to.equal('Ohio');
    const schools = state.schools.edges.map((e: { node: unknown }) => e.node) as {
      name: string;
      programs: { aseAccreditation: { status: string } | null; icarAcademy: boolean }[];
      crefTotals: { grantsUsd: number } | null;
    }[];
    expect(schools).to.have.length.greaterThan(0);
    const programs = schools.flatMap((s) => s.programs);
    // ase: at least one accredited program; icar: a yes/no for every program.
    expect(programs.some((p) => p.aseAccreditation !== null && typeof p.aseAccreditation.status === 'string')).to.equal(true);
    expect(programs.every((p) => typeof p.icarAcademy === 'boolean')).to.equal(true);
    expect(state.icarAcademy.enrollmentCount).to.be.greaterThan(0);
    // cref: totals for every school.
    expect(schools.every((s) => typeof s.crefTotals?.grantsUsd === 'number')).to.equal(true);
    // wrenchway: jobs with their shop's name, and pay.
    const jobs = state.jobs.edges.map((e: { node: unknown }) => e.node) as { title: string; shop: { name: string } }[];
    expect(jobs).to.have.length(3);
    expect(jobs.every((j) => j.title.length > 0 && j.shop.name.length > 0)).to.equal(true);
    expect(state.pay.suppressed).to.equal(false);
    expect(state.pay.medianHourlyUsd).to.be.greaterThan(0);
  });

  it('serves the explorer page on GET /graphql to a browser', async () => {
    const res = await fetch(`http://127.0.0.1:${first.ports.gateway}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect(await res.text()).to.include('<title>Talent Graph explorer</title>');
  });

  it('stops on Ctrl-C: exits 0 within 15 s, leaves no child process and frees every port', async () => {
    // Only the node processes it spawned: tsx may briefly run an esbuild helper beside them.
    const scripts = directChildren(first.process.pid!).flatMap((args) => /node --import tsx (\S+)$/.exec(args)?.slice(1) ?? []);
    expect(scripts.sort(), 'the five subgraphs and the gateway').to.deep.equal([...SUBGRAPH_NAMES.map((n) => `subgraphs/${n}/src/index.ts`), 'gateway/src/main.ts'].sort());
    const children = groupMembers(first.process.pid!);
    expect(await stopWithCtrlC(first)).to.deep.equal({ code: 0, signal: null });
    // The six are reaped before it exits; a helper of theirs may take a moment to notice.
    for (let wait = 0; wait < 20 && children.some(isAlive); wait++) await new Promise((r) => setTimeout(r, 100));
    expect(children.filter(isAlive), 'children still running').to.deep.equal([]);
    const ports = Object.values(first.ports);
    expect(await Promise.all(ports.map(tryConnect))).to.deep.equal(ports.map(() => 'ECONNREFUSED'));
  });

  it('reuses the data on a second start with the same DATA_DIR, without seeding', async () => {
    second = npmStart(dataDir, await choosePorts());
    await waitForOutput(second, /Press Ctrl-C to stop\./, 120_000);
    expect(second.output()).to.include('Reusing the existing demo data.');
    expect(second.output()).to.not.include('seeding');
    const res = await postGraphQL(`http://127.0.0.1:${second.ports.gateway}/graphql`, '{ state(code: "OH") { name jobs(first: 1) { totalCount } } }');
    // The errors themselves in the message: once (under a loaded foundation check) this query failed.
    expect(res.errors, JSON.stringify(res.errors)).to.equal(undefined);
    expect(res.data.state.name).to.equal('Ohio');
    expect(res.data.state.jobs.totalCount).to.be.greaterThan(0);
    expect(await stopWithCtrlC(second)).to.deep.equal({ code: 0, signal: null });
  });
});
