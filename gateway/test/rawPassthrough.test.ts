import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { ANONYMOUS, createLogger, listen, RawJson, type Listening } from '@talent-graph/platform';
import { buildGateway, type BuiltGateway } from '../src/server.ts';

/**
 * The single-fetch passthrough sends a plain subgraph answer's `data` to the client as the
 * subgraph's own bytes (plans/responseBytes.ts, platform rawJson.ts). A scripted subgraph answers
 * with text chosen per test, so what the gateway sends can be compared byte for byte: `1.50` and
 * `\u00e9` survive only when nothing was parsed and serialised again.
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book { title: String pages: Float }
  type Query { book: Book }
`);
const QUERY = '{ book { title pages } }';

describe('raw single-fetch passthrough (the subgraph bytes sent as they are)', function () {
  this.timeout(30_000);
  let reply: Buffer;
  let calls = 0;
  let subgraph: Server;
  let gateway: BuiltGateway;
  let front: Listening;

  const post = async (headers: Record<string, string> = {}) =>
    fetch(front.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });
  /** node:http, not fetch: no Accept-Encoding unless given, and the body exactly as sent. */
  const postBytes = (headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const r = request(front.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      });
      r.on('error', reject);
      r.end(JSON.stringify({ query: QUERY }));
    });

  before(async () => {
    subgraph = createServer(async (req, res) => {
      for await (const _ of req); // the request body is not needed
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(reply);
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(subgraph.address() as { port: number }).port}/graphql`;
    const composed = composeServices([{ name: 'books', url, typeDefs }]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
    gateway = await buildGateway({ supergraphSdl: composed.supergraphSdl, logger: createLogger('gateway', 'silent'), compression: { minBytes: 1 } });
    front = await listen(gateway.handler, 0);
  });
  after(async () => {
    await front.close();
    await gateway.stop();
    await new Promise<void>((resolve) => subgraph.close(() => resolve()));
  });
  beforeEach(() => (calls = 0));

  it("answers with the subgraph's data bytes, unchanged, and the right Content-Length", async () => {
    const data = '{"book":{"title":"Caf\\u00e9 — Técnico 🚗","pages":1.50}}';
    reply = Buffer.from(`{"data":${data},"extensions":{"subgraphOnly":true}}`);
    const res = await postBytes();
    expect({ status: res.status, text: res.body.toString('utf8'), length: res.headers['content-length'], calls }).to.deep.equal({ status: 200, text: `{"data":${data}}\n`, length: String(res.body.length), calls: 1 });
  });

  it('sends the same bytes gzip-compressed to a client that accepts it', async () => {
    const data = '{"book":{"title":"Gold Class","pages":2.50}}';
    reply = Buffer.from(`{"data":${data}}`);
    const res = await postBytes({ 'accept-encoding': 'gzip' });
    expect([res.headers['content-encoding'], gunzipSync(res.body).toString('utf8')]).to.deep.equal(['gzip', `{"data":${data}}\n`]);
  });

  it('leaves every other answer to the full path, as before: errors, invalid UTF-8, invalid JSON', async () => {
    reply = Buffer.from('{"data":{"book":{"title":"Half","pages":null}},"errors":[{"message":"pages unavailable","path":["book","pages"]}]}');
    expect(await (await post()).json()).to.deep.equal({ data: { book: { title: 'Half', pages: null } }, errors: [{ message: 'pages unavailable', path: ['book', 'pages'], extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'books' } }] });
    expect(calls, 'one call, replayed to the full path').to.equal(1);

    // A byte that is not UTF-8: decoded as stock @apollo/gateway decodes it (U+FFFD), never passed on.
    reply = Buffer.concat([Buffer.from('{"data":{"book":{"title":"A'), Buffer.from([0xff]), Buffer.from('B","pages":1.50}}}')]);
    expect(await (await post()).text()).to.equal('{"data":{"book":{"title":"A\uFFFDB","pages":1.5}}}\n');

    reply = Buffer.from('{"data":{"book":{"title":"cut');
    const broken = (await (await post()).json()) as { data: unknown; errors: { extensions: { code: string; reason: string } }[] };
    expect([broken.data, broken.errors.map((e) => [e.extensions.code, e.extensions.reason])]).to.deep.equal([{ book: null }, [['SUBGRAPH_UNAVAILABLE', 'bad_response']]]);
  });

  it("gives plain objects to Apollo's executeOperation, which serialises nothing itself", async () => {
    reply = Buffer.from('{"data":{"book":{"title":"Direct","pages":3.50}}}');
    const result = await gateway.apollo.executeOperation({ query: QUERY }, { contextValue: { caller: ANONYMOUS } });
    const single = result.body.kind === 'single' ? result.body.singleResult : undefined;
    expect(single?.data).not.to.be.instanceOf(RawJson);
    expect(single?.data).to.deep.equal({ book: { title: 'Direct', pages: 3.5 } });
  });
});
