import { randomUUID } from 'node:crypto';

/**
 * A JSON value carried as the bytes it arrived in, through code that builds a response as
 * objects (Apollo Server and its plugins) and then serialises it. JSON.stringify writes a marker
 * in its place; the HTTP front (http.ts) sends the response with the marker replaced by the
 * bytes. The gateway's single-fetch passthrough uses it so that an answer of a megabyte is
 * neither parsed nor serialised again (gateway/src/plans/passthrough.ts).
 *
 * Only a request whose context the HTTP front has marked (acceptRawJson) may carry one: a caller
 * of Apollo's executeOperation, which serialises nothing itself, must get plain objects.
 */
export class RawJson {
  /**
   * Random per value: no text a response could otherwise contain (a subgraph's strings, a
   * client's variables echoed in an error) can be taken for it.
   */
  readonly marker = `\u0000raw-json:${randomUUID()}`;

  /** `parts` hold one JSON value's UTF-8 text, in order; they are never written to. */
  constructor(
    readonly parts: readonly Uint8Array[],
    readonly byteLength: number,
  ) {}

  toJSON(): string {
    return this.marker;
  }

  /** The JSON text (for the rare consumer that needs a string, e.g. a response cache entry). */
  text(): string {
    return Buffer.concat(this.parts, this.byteLength).toString('utf8');
  }
}

/** The bytes [start, end) of consecutive chunks, as views into them (nothing copied). */
export function sliceChunks(chunks: readonly Uint8Array[], start: number, end: number): Uint8Array[] {
  const views: Uint8Array[] = [];
  let base = 0;
  for (const chunk of chunks) {
    const from = Math.max(start - base, 0);
    const to = Math.min(end - base, chunk.length);
    if (to > from) views.push(chunk.subarray(from, to));
    base += chunk.length;
    if (base >= end) break;
  }
  return views;
}

/**
 * The raw values a request's response carries, kept on its context under a symbol: Apollo Server
 * hands each operation a shallow copy of the context (Object.assign copies symbol keys too), so
 * the list is the same array on the copy. An empty list: none yet, but allowed.
 */
const CARRIED = Symbol('rawJson.carried');
type Carrier = { [CARRIED]?: RawJson[] };

/** Marks a request's context as answered through the HTTP front, which splices raw values back in. */
export function acceptRawJson(context: object): void {
  (context as Carrier)[CARRIED] ??= [];
}

/** Whether a raw value may be put in this request's response. */
export function acceptsRawJson(context: unknown): boolean {
  return typeof context === 'object' && context !== null && Array.isArray((context as Carrier)[CARRIED]);
}

/** Records that this request's response carries `raw` (the context must accept raw values). */
export function carryRawJson(context: object, raw: RawJson): void {
  const list = (context as Carrier)[CARRIED];
  if (!list) throw new Error('carryRawJson: this request context does not accept raw JSON');
  list.push(raw);
}

/**
 * The response text with every carried value's marker replaced by its bytes, as the pieces to
 * send in order; undefined when the request carries none. JSON.stringify writes a marker as one
 * JSON string, which is what is replaced, wherever (and however often) it stands.
 */
export function spliceRawJson(text: string, context: object): Uint8Array[] | undefined {
  const list = (context as Carrier)[CARRIED];
  if (!list || list.length === 0) return undefined;
  const found: { raw: RawJson; token: string; at: number }[] = [];
  for (const raw of list) {
    const token = JSON.stringify(raw.marker);
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) found.push({ raw, token, at });
  }
  found.sort((a, b) => a.at - b.at);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const { raw, token, at } of found) {
    pieces.push(Buffer.from(text.slice(from, at)), ...raw.parts);
    from = at + token.length;
  }
  pieces.push(Buffer.from(text.slice(from)));
  return pieces;
}
