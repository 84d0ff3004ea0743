import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { freePort } from '@talent-graph/platform/testing';
import { buildAll, GATEWAY_NODE_FLAGS, LOW_MEMORY_NODE_FLAGS } from '../../scripts/build.ts';

/**
 * `npm run build` and what production runs: `node <GATEWAY_NODE_FLAGS> gateway/dist/main.js`,
 * without tsx. The build must load nothing of the platform kit's database half, serve the real
 * supergraph, its explorer assets (resolved from node_modules at run time) and stop cleanly.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the production build (npm run build)', function () {
  this.timeout(60_000);

  it('runs with plain node: health, a query planned over the real supergraph, the explorer, exit 0 on SIGTERM', async () => {
    await buildAll();
    const bundle = readFileSync(`${ROOT}gateway/dist/main.js`, 'utf8');
    const port = await freePort();
    const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, 'gateway/dist/main.js', '--supergraph', 'schema/supergraph.graphql', '--port', String(port)], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', SUPERGRAPH_WATCH: 'off', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const until = Date.now() + 30_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the built gateway exited: ${output}`);
        if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
        if (Date.now() > until) throw new Error(`the built gateway never became healthy: ${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const answer = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      const page = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
      const asset = await fetch(`http://127.0.0.1:${port}/explorer/graphiql.min.js`);
      const listening = output.split('\n').filter((l) => l.includes('"listening"')).map((l) => JSON.parse(l) as { heapLimitMb: number });
      expect({
        // Production's heap limit is in force (V8 adds the young generation to the old one's 1 GB).
        heapLimit: listening.map((l) => l.heapLimitMb >= 1024 && l.heapLimitMb < 1200),
        imports: ['typeorm', 'better-sqlite3', 'pg', '@apollo/subgraph', 'redis'].filter((p) => bundle.includes(`from "${p}"`)),
        tsx: bundle.includes('tsx'),
        answer: await answer.json(),
        page: [page.status, (await page.text()).includes('graphiql')],
        asset: [asset.status, asset.headers.get('content-type')],
      }).to.deep.equal({
        heapLimit: [true],
        imports: [],
        tsx: false,
        answer: { data: { __typename: 'Query' } },
        page: [200, true],
        asset: [200, 'text/javascript; charset=utf-8'],
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).to.equal(0);
  });

  it('accepts the opt-in low-memory flags (LOW_MEMORY_NODE_FLAGS)', () => {
    const run = spawnSync(process.execPath, [...LOW_MEMORY_NODE_FLAGS, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).to.deep.equal({ status: 0, stdout: 'ok', stderr: '' });
  });
});
