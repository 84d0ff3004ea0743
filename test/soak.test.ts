import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { ROOT } from '../scripts/services.ts';

/**
 * A short soak (`npm run soak -- --minutes 0.5`): the whole stack as processes on its own
 * PostgreSQL and Redis, under load while subgraphs, Redis and PostgreSQL are killed and restarted;
 * every invariant must hold and the run must exit 0. The seed is fixed so a failure can be
 * replayed with the same chaos schedule.
 */
describe('soak: 30 s of load with subgraphs, Redis and PostgreSQL killed and restarted', function () {
  this.timeout(300_000);
  let output = '';
  let code: number | null = null;

  before(async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/soak.ts', '--minutes', '0.5', '--seed', '20261125', '--concurrency', '4'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  });

  it('exits 0 with every invariant holding', () => {
    expect({ code, result: /^result: (.*)$/m.exec(output)?.[1] }, output).to.deep.equal({ code: 0, result: 'all invariants hold' });
  });

  it('checks each invariant the issue names', () => {
    const checked = [...output.matchAll(/^ {2}(ok {2}|FAIL) (.+?) — /gm)].map((m) => [m[1]!.trim(), m[2]]);
    expect(checked, output).to.deep.equal([
      ['ok', 'no offer over-claimed; claimed units = sum of claims'],
      ['ok', 'no duplicate application (person, job)'],
      ['ok', 'no duplicate hour log (apprenticeship, day)'],
      ['ok', 'every acknowledged write is stored exactly once'],
      ['ok', 'idempotent retries wrote once (rows written = keys stored; retries answered alike)'],
      ['ok', 'consent audit log complete (each acknowledged change has its row; each current consent its event)'],
    ]);
  });

  it('served load and killed a subgraph, Redis and PostgreSQL at least once each', () => {
    // Throughput depends on the machine (a busy CI box serves a few requests a second): the bar
    // is that load ran and writes were acknowledged, not a rate.
    const served = Number(/^requests served: (\d+)/m.exec(output)?.[1] ?? 0);
    const acknowledged = /^acknowledged writes: (\d+) claims, (\d+) applications, (\d+) hour logs, (\d+) consent changes/m.exec(output)?.slice(1).map(Number) ?? [];
    expect(served, output).to.be.at.least(20);
    expect(acknowledged.reduce((a, b) => a + b, 0), output).to.be.greaterThan(0);
    expect(/^ {2}chaos .* kill -9 (directory|ase|icar|cref|wrenchway),/m.test(output), output).to.equal(true);
    expect(output).to.match(/^ {2}chaos .* kill -9 redis,/m);
    expect(output).to.match(/^ {2}chaos .* kill postgres/m);
  });
});
