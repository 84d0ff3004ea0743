import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createHttpHandler, createLogger, listen, type Listening, type Logger } from '@talent-graph/platform';
import { buildGateway, type BuiltGateway, type LoadedSupergraph } from '../src/server.ts';
import { watchSupergraphFile } from '../src/supergraphReload.ts';

/**
 * Live supergraph reload: a new supergraph written to the watched file is validated and swapped
 * in under load without failing a request; a broken one is rejected with one log line and the
 * old one keeps serving.
 */
const V1 = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { greeting: String! }
`);
const V2 = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { greeting: String! farewell: String! }
`);

function compose(url: string, typeDefs: ReturnType<typeof parse>): string {
  const composed = composeServices([{ name: 'words', url, typeDefs }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
  return composed.supergraphSdl;
}

async function post(url: string, query: string): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as never };
}

describe('live supergraph reload', function () {
  this.timeout(30_000);
  let words: Listening & { apollo: ApolloServer };
  let gateway: BuiltGateway;
  let front: Listening;
  let file: string;
  let stopWatching: () => void;
  const logged: string[] = [];
  const loads: LoadedSupergraph[] = [];

  before(async () => {
    // One subgraph that already resolves both fields; only the supergraph decides what is served.
    const apollo = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs: V2, resolvers: { Query: { greeting: () => 'hello', farewell: () => 'goodbye' } } }]) });
    await apollo.start();
    words = { ...(await listen(createHttpHandler({ apollo, context: async () => ({}) }), 0)), apollo };
    file = join(mkdtempSync(join(tmpdir(), 'tg-reload-')), 'supergraph.graphql');
    writeFileSync(file, compose(words.url, V1));
    const base = createLogger('gateway', 'silent');
    const logger: Logger = { ...base, info: (m) => logged.push(`info ${m}`), warn: (m) => logged.push(`warn ${m}`), error: (m, f) => logged.push(`error ${m} ${JSON.stringify(f)}`) };
    gateway = await buildGateway({ supergraphSdl: compose(words.url, V1), logger, onSupergraphLoaded: (l) => loads.push(l) });
    front = await listen(gateway.handler, 0);
    stopWatching = watchSupergraphFile(file, { debounceMs: 50, pollIntervalMs: 200 }, (sdl, origin) => void gateway.reload(sdl, origin), logger);
  });

  after(async () => {
    stopWatching();
    await front.close();
    await gateway.stop();
    await words.close();
    await words.apollo.stop();
  });

  it('swaps to a supergraph with a new field under load: no request fails, the new field answers after the swap', async () => {
    expect((await post(front.url, '{ farewell }')).body.errors?.[0]?.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) {
        const batch = await Promise.all(Array.from({ length: 10 }, () => post(front.url, '{ greeting }')));
        for (const r of batch) statuses.push(r.status === 200 && (r.body.data as { greeting?: string })?.greeting === 'hello' ? 200 : r.status);
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(file, compose(words.url, V2));
    const until = Date.now() + 5_000;
    let answer: unknown;
    while (Date.now() < until) {
      answer = (await post(front.url, '{ farewell }')).body;
      if ((answer as { data?: unknown }).data) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Keep the load on for two more batches after the swap was seen.
    const seen = statuses.length;
    while (statuses.length < seen + 20) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await load;
    expect(answer).to.deep.equal({ data: { farewell: 'goodbye' } });
    expect(statuses.length).to.be.at.least(30);
    expect(statuses.filter((s) => s !== 200)).to.deep.equal([]);
    // The hook others subscribe to (plan-cache warming) saw the initial load and the swap.
    expect(loads.map((l) => Object.keys(l.apiSchema.getQueryType()!.getFields()).sort())).to.deep.equal([['greeting'], ['farewell', 'greeting']]);
  });

  it('rejects a broken supergraph with one log line and keeps serving the current one', async () => {
    const before = gateway.currentSupergraph().id;
    logged.length = 0;
    writeFileSync(file, 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query } type Query { broken: Nope }');
    const until = Date.now() + 5_000;
    while (Date.now() < until && !logged.some((l) => l.startsWith('error'))) await new Promise((r) => setTimeout(r, 50));
    expect(logged.filter((l) => l.startsWith('error'))).to.have.length(1);
    expect(logged.find((l) => l.startsWith('error'))).to.match(/^error supergraph rejected; still serving the previous one/);
    expect(gateway.currentSupergraph().id).to.equal(before);
    expect((await post(front.url, '{ greeting farewell }')).body).to.deep.equal({ data: { greeting: 'hello', farewell: 'goodbye' } });
    // Offering the same broken content again (a URL poll) is rejected again, not applied, and not logged again.
    const broken = 'type Query { broken: Nope }';
    expect(gateway.reload(broken).outcome).to.equal('rejected');
    expect(gateway.reload(broken).outcome).to.equal('rejected');
    expect(logged.filter((l) => l.startsWith('error'))).to.have.length(2);
    expect(gateway.reload(gateway.currentSupergraph().supergraphSdl).outcome).to.equal('unchanged');
  });
});
