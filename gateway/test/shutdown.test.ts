import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createHttpHandler, listen, type Listening } from '@talent-graph/platform';
import { freePort } from '@talent-graph/platform/testing';

/**
 * Graceful shutdown of the real gateway process (`npm run gateway -- --supergraph … --port N`):
 * 300 concurrent POSTs, SIGTERM 30 ms later (as /work/shared/checks/lib/sigterm-under-load.mjs
 * does). A request either was never accepted (ECONNREFUSED) or is answered 2xx; nothing else.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Gateway {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function startGateway(supergraph: string, env: Record<string, string> = {}): Promise<Gateway> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts', '--supergraph', supergraph, '--port', String(port)], {
    cwd: ROOT,
    // Per-IP limits off: 300 requests from one address would otherwise be refused with 429 by design.
    env: { ...process.env, LOG_LEVEL: 'info', RATE_LIMIT_IP: 'off', RATE_LIMIT_USER: 'off', SUPERGRAPH_WATCH: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited early: ${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`gateway never became healthy: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => out, exited };
}

/** What sigterm-under-load.mjs does, returning its tally. */
async function sigtermUnderLoad(gateway: Gateway, query: string, count = 300, killAfterMs = 30): Promise<{ sent: number; ok: number; refused: number; failed: string[] }> {
  const url = `http://127.0.0.1:${gateway.port}/graphql`;
  const body = JSON.stringify({ query });
  const tally = { sent: 0, ok: 0, refused: 0, failed: [] as string[] };
  const one = async () => {
    tally.sent++;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      if (res.ok) tally.ok++;
      else tally.failed.push(`HTTP ${res.status} ${text.slice(0, 200)}`);
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED') tally.refused++;
      else tally.failed.push(String((error as { cause?: unknown }).cause ?? error));
    }
  };
  const inflight = Array.from({ length: count }, one);
  await new Promise((r) => setTimeout(r, killAfterMs));
  gateway.child.kill('SIGTERM');
  await Promise.all(inflight);
  return tally;
}

function writeSupergraph(services: { name: string; url: string; typeDefs: ReturnType<typeof parse> }[]): string {
  const composed = composeServices(services);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
  const file = join(mkdtempSync(join(tmpdir(), 'tg-shutdown-')), 'supergraph.graphql');
  writeFileSync(file, composed.supergraphSdl);
  return file;
}

describe('gateway graceful shutdown (SIGTERM under load, real process)', function () {
  this.timeout(90_000);

  it('answers every accepted request of 300 concurrent ones with 2xx, refuses the rest, and exits 0', async () => {
    const gateway = await startGateway(join(ROOT, 'schema/supergraph.graphql'));
    const tally = await sigtermUnderLoad(gateway, '{ __typename }');
    const code = await gateway.exited;
    expect({ failed: tally.failed, exit: code }, gateway.output()).to.deep.equal({ failed: [], exit: 0 });
    expect(tally.ok + tally.refused).to.equal(300);
    expect(tally.ok).to.be.greaterThan(0);
    expect(gateway.output()).to.match(/"stopped"|stopped/);
  });

  describe('with a slow subgraph (each answer takes 400 ms)', () => {
    let slow: Listening & { apollo: ApolloServer };
    const typeDefs = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Query { slowAnswer: String! }
    `);
    before(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test resolvers
      const resolvers: any = { Query: { slowAnswer: () => new Promise((resolve) => setTimeout(() => resolve('done'), 400)) } };
      const apollo = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers }]) });
      await apollo.start();
      slow = { ...(await listen(createHttpHandler({ apollo, context: async () => ({}) }), 0)), apollo };
    });
    after(async () => {
      await slow.close();
      await slow.apollo.stop();
    });

    it('finishes the requests in flight at SIGTERM (they answer the data), closes new connections, exits 0', async () => {
      const gateway = await startGateway(writeSupergraph([{ name: 'slow', url: slow.url, typeDefs }]));
      const url = `http://127.0.0.1:${gateway.port}/graphql`;
      const inflight = Array.from({ length: 40 }, () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ slowAnswer }' }) }).then(async (r) => ({ status: r.status, connection: r.headers.get('connection'), body: await r.json() })));
      await new Promise((r) => setTimeout(r, 150));
      gateway.child.kill('SIGTERM');
      const answers = await Promise.all(inflight.map((p) => p.catch((e: { cause?: unknown }) => ({ status: 0, connection: null, body: String(e.cause) }))));
      expect(answers.map((a) => [a.status, a.body])).to.deep.equal(Array.from({ length: 40 }, () => [200, { data: { slowAnswer: 'done' } }]));
      // Once stopped accepting, a new connection is refused outright.
      await new Promise((r) => setTimeout(r, 50));
      const late = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: '{"query":"{ __typename }"}' }).then(
        () => 'answered',
        (e: { cause?: { code?: string } }) => e.cause?.code,
      );
      expect(late).to.equal('ECONNREFUSED');
      expect(await gateway.exited).to.equal(0);
    });

    it('cuts requests still running at SHUTDOWN_DEADLINE_MS and still exits 0', async () => {
      const gateway = await startGateway(writeSupergraph([{ name: 'slow', url: slow.url, typeDefs }]), { SHUTDOWN_DEADLINE_MS: '100' });
      const url = `http://127.0.0.1:${gateway.port}/graphql`;
      const pending = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ slowAnswer }' }) }).then(
        (r) => r.status,
        () => 'cut',
      );
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      gateway.child.kill('SIGTERM');
      expect(await pending).to.equal('cut');
      expect(await gateway.exited).to.equal(0);
      expect(Date.now() - started).to.be.lessThan(3_000);
    });
  });
});
