import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Response compression, negotiated with the client's Accept-Encoding: gzip when it accepts it,
 * else Brotli, else none. gzip first because, measured on the export's 1.1 MB answers at 10 at a
 * time (bench/README.md), Brotli at quality 4 cost the same CPU (+12–16 ms per answer) but held
 * far more memory per answer (its 4 MB window: the gateway's peak went 188 → 252 MB, against 218
 * with gzip); Brotli's output is somewhat smaller. Only bodies of at least `minBytes` are
 * compressed: below about a kilobyte the headers and the CPU cost more than the bytes saved.
 * Compression runs on libuv's thread pool (zlib's asynchronous API), not on the event loop.
 */
export interface CompressionOptions {
  /** Smallest body compressed, in bytes. */
  minBytes: number;
}

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

/** The encoding to answer with, from an Accept-Encoding header (q=0 refuses; `*` accepts any). */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const accepts = (name: Encoding) => (weights.get(name) ?? weights.get('*') ?? 0) > 0;
  if (accepts('gzip')) return 'gzip';
  if (accepts('br')) return 'br';
  return undefined;
}

/**
 * The body compressed for this request, with its encoding; undefined to send it as it is. The
 * body is a string or an answer held as several byte ranges (rawJson.ts), joined only when compressed.
 */
export async function compressFor(req: IncomingMessage, body: string | readonly Uint8Array[], options: CompressionOptions): Promise<{ encoding: Encoding; bytes: Buffer } | undefined> {
  // The encoding first: most answers go to clients that accept none, and measuring a string's
  // UTF-8 length walks all of it.
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  if (!encoding) return undefined;
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.reduce((sum, piece) => sum + piece.length, 0);
  if (size < options.minBytes) return undefined;
  const input = typeof body === 'string' ? body : Buffer.concat(body, size);
  const bytes = encoding === 'br' ? await brotli(input, BROTLI_OPTIONS) : await gzipAsync(input);
  return { encoding, bytes };
}
