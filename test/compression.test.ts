import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { negotiateEncoding, type Listening } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { gatewayOver, ROOT, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Response compression at the gateway (RESPONSE_COMPRESSION, on by default): an answer of at
 * least the threshold goes out in gzip or Brotli when the client accepts it, byte for byte the
 * same JSON once decoded; smaller answers and clients that accept neither get plain JSON.
 */
const DASHBOARD = readFileSync(`${ROOT}schema/operations/stateDashboard.graphql`, 'utf8');

interface Raw {
  encoding: string | undefined;
  vary: string | undefined;
  length: number;
  json: unknown;
}

/** POST through node:http, so the bytes on the wire are seen as sent (fetch would decode them). */
function post(url: string, query: string, variables: Record<string, unknown>, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, variables });
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const text = encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;
        resolve({ encoding, vary: res.headers.vary, length: bytes.length, json: JSON.parse(text.toString('utf8')) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Accept-Encoding negotiation', () => {
  it('prefers gzip, then Brotli, honours q=0 and *', () => {
    expect([
      negotiateEncoding('gzip, deflate, br'),
      negotiateEncoding('gzip, deflate'),
      negotiateEncoding('br;q=0, gzip;q=0.5'),
      negotiateEncoding('identity'),
      negotiateEncoding('*'),
      negotiateEncoding('*;q=0'),
      negotiateEncoding(undefined),
      negotiateEncoding('GZIP;q=1.0'),
      negotiateEncoding('br'),
      negotiateEncoding('gzip;q=0, br'),
    ]).to.deep.equal(['gzip', 'gzip', 'gzip', undefined, 'gzip', undefined, undefined, 'gzip', 'br', 'br']);
  });
});

for (const kind of databaseKinds()) {
  describe(`response compression [${kind}]`, function () {
    this.timeout(60_000);
    let stack: Stack;
    let front: Awaited<ReturnType<typeof gatewayOver>>;
    let listening: Listening;
    before(async () => {
      stack = await sharedStack(kind);
      front = await gatewayOver(stack, { compression: { minBytes: 1024 } });
      listening = front.listening;
    });
    after(async () => {
      await front?.stop();
    });

    it('sends a large answer in Brotli or gzip as the client accepts, the same JSON once decoded', async () => {
      const variables = { code: 'OH', year: 2024, first: 50 };
      const plain = await post(listening.url, DASHBOARD, variables);
      const br = await post(listening.url, DASHBOARD, variables, 'br');
      const gz = await post(listening.url, DASHBOARD, variables, 'gzip, deflate, br');
      expect({
        encodings: [plain.encoding, br.encoding, gz.encoding],
        vary: [plain.vary, br.vary, gz.vary].map((v) => v?.includes('accept-encoding')),
        same: [br.json, gz.json].every((j) => JSON.stringify(j) === JSON.stringify(plain.json)),
        smaller: br.length * 3 < plain.length && gz.length * 3 < plain.length,
        state: (plain.json as { data: { state: { name: string } } }).data.state.name,
      }).to.deep.equal({ encodings: [undefined, 'br', 'gzip'], vary: [true, true, true], same: true, smaller: true, state: 'Ohio' });
    });

    it('leaves an answer below the threshold as it is', async () => {
      const small = await post(listening.url, '{ state(code: "OH") { name } }', {}, 'br, gzip');
      expect([small.encoding, small.json]).to.deep.equal([undefined, { data: { state: { name: 'Ohio' } } }]);
    });
  });
}
