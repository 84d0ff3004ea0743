import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { freePort } from '@talent-graph/platform/testing';
import { parseWorkers } from '../src/config.ts';

/** One gateway worker per core (cluster.ts): real processes sharing one port. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const workersOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

describe('GATEWAY_WORKERS', () => {
  it('is one per core for auto, and in production by default; one otherwise', () => {
    expect([parseWorkers('auto', false, 8), parseWorkers(undefined, true, 8), parseWorkers(undefined, false, 8), parseWorkers('3', true, 8)]).to.deep.equal([8, 8, 1, 3]);
  });

  it('refuses anything else with the variable named', () => {
    expect(() => parseWorkers('0', false, 2)).to.throw('GATEWAY_WORKERS must be auto or a whole number from 1 to 64, got "0"');
    expect(() => parseWorkers('two', false, 2)).to.throw('GATEWAY_WORKERS must be auto or a whole number from 1 to 64, got "two"');
  });
});

describe('gateway/src/cluster.ts', function () {
  this.timeout(120_000);
  let child: ChildProcess;
  let port: number;
  before(async () => {
    port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/cluster.ts'], {
      cwd: ROOT,
      env: { ...process.env, GATEWAY_WORKERS: '2', GATEWAY_PORT: String(port), LOG_LEVEL: 'error', SUPERGRAPH_PATH: `${ROOT}schema/supergraph.graphql` },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 100_000;
    while (Date.now() < until) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
      if (ok && workersOf(child.pid!).length === 2) break;
      await new Promise((r) => setTimeout(r, 300));
    }
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves one port from two worker processes', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect({ status: res.status, body: await res.json(), workers: workersOf(child.pid!).length }).to.deep.equal({ status: 200, body: { data: { __typename: 'Query' } }, workers: 2 });
  });

  it('replaces a worker that dies', async () => {
    const [first] = workersOf(child.pid!);
    process.kill(first!, 'SIGKILL');
    const until = Date.now() + 60_000;
    let now: number[] = [];
    while (Date.now() < until) {
      now = workersOf(child.pid!);
      if (now.length === 2 && !now.includes(first!)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect({ count: now.length, replaced: !now.includes(first!) }).to.deep.equal({ count: 2, replaced: true });
  });

  it('stops every worker and exits 0 on SIGTERM', async () => {
    const workers = workersOf(child.pid!);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    const alive = workers.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect({ code, alive }).to.deep.equal({ code: 0, alive: [] });
  });
});
