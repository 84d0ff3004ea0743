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
 * `npm run gateway -- --supergraph FILE --port N` serves ANY valid Federation 2 supergraph, not
 * only ours: two unrelated subgraphs (a library's books and reviews) are composed here and the
 * gateway binary is started as a real process against them.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const books = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
  type Query { books: [Book!]! }
`);
const reviews = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! stars: Int! }
`);

async function serve(typeDefs: ReturnType<typeof parse>, resolvers: Record<string, unknown>): Promise<Listening & { apollo: ApolloServer }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test resolvers
  const apollo = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as any }]) });
  await apollo.start();
  const listening = await listen(createHttpHandler({ apollo, context: async () => ({}) }), 0);
  return { ...listening, apollo };
}

function startGateway(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForHealth(port: number, timeoutMs = 30_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return res.status;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error('gateway never answered /health');
}

describe('gateway CLI with an arbitrary Federation 2 supergraph', function () {
  let bookServer: Awaited<ReturnType<typeof serve>>;
  let reviewServer: Awaited<ReturnType<typeof serve>>;
  let supergraphFile: string;

  before(async () => {
    bookServer = await serve(books, { Query: { books: () => [{ isbn: '978-0', title: 'Auto Body Repair Technology' }] } });
    reviewServer = await serve(reviews, { Book: { __resolveReference: (ref: { isbn: string }) => ({ ...ref, stars: 5 }) } });
    const composed = composeServices([
      { name: 'books', url: bookServer.url, typeDefs: books },
      { name: 'reviews', url: reviewServer.url, typeDefs: reviews },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
    supergraphFile = join(mkdtempSync(join(tmpdir(), 'tg-gw-')), 'library.graphql');
    writeFileSync(supergraphFile, composed.supergraphSdl);
  });

  after(async () => {
    await bookServer.close();
    await reviewServer.close();
  });

  it('serves /health, answers a query planned across both subgraphs, serves the explorer, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const gw = startGateway(['--supergraph', supergraphFile, '--port', String(port)]);
    try {
      expect(await waitForHealth(port)).to.equal(200);
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ books { isbn title stars } }' }),
      });
      expect(await res.json()).to.deep.equal({ data: { books: [{ isbn: '978-0', title: 'Auto Body Repair Technology', stars: 5 }] } });
      const page = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).to.equal(200);
      const html = await page.text();
      expect(html).to.include('/explorer/graphiql.min.js');
      expect(html).to.not.match(/https?:\/\/(?!localhost)[a-z]/i);
      const script = await fetch(`http://127.0.0.1:${port}/explorer/graphiql.min.js`);
      expect(script.status).to.equal(200);
      expect((await script.arrayBuffer()).byteLength).to.be.greaterThan(100_000);
    } finally {
      gw.child.kill('SIGTERM');
    }
    expect(await gw.exited).to.equal(0);
  });

  it('exits 2 with a clear message when the supergraph file does not exist', async () => {
    const gw = startGateway(['--supergraph', '/nonexistent/supergraph.graphql', '--port', String(await freePort())]);
    expect(await gw.exited).to.equal(2);
    expect(gw.output()).to.include('cannot read the supergraph /nonexistent/supergraph.graphql');
  });

  it('exits 2 when the file is not a valid supergraph', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'tg-gw-')), 'bad.graphql');
    writeFileSync(bad, 'type Query { hello: String }');
    const gw = startGateway(['--supergraph', bad, '--port', String(await freePort())]);
    expect(await gw.exited).to.equal(2);
    expect(gw.output()).to.include('could not be loaded');
  });

  it('exits 2 on a bad --port', async () => {
    const gw = startGateway(['--supergraph', supergraphFile, '--port', 'eighty']);
    expect(await gw.exited).to.equal(2);
    expect(gw.output()).to.include('must be a port number');
  });
});
