import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { compressFor, type CompressionOptions } from './compression.ts';
import { acceptRawJson, spliceRawJson } from './rawJson.ts';

/**
 * The HTTP front of every process (subgraphs and gateway): `POST|GET /graphql` through Apollo
 * Server, `GET /health`, and any extra routes. Plain node:http: no framework to keep in step.
 */
export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Extra routes by exact path, e.g. `/ready`, or `GET /graphql` for an explorer page. */
  routes?: Record<string, Route>;
  /** Answers GET /graphql for browsers (Accept: text/html) instead of Apollo. */
  explorer?: Route;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Called for each request that fails outside GraphQL execution (bad JSON, too large). */
  onError?: (error: Error) => void;
  /**
   * Checks a /graphql request before it runs, with its raw body (empty for GET); a returned
   * string refuses it with 401 UNAUTHENTICATED and that message.
   */
  authorize?: (req: IncomingMessage, rawBody: string) => string | undefined | Promise<string | undefined>;
  /**
   * Runs for each /graphql request before its body is read or parsed (e.g. rate limits); a
   * returned refusal is sent as it is and Apollo never sees the request.
   */
  beforeGraphQL?: (req: IncomingMessage) => Promise<HttpRefusal | undefined>;
  /**
   * Tries a POST /graphql request (its parsed JSON body) before Apollo Server: the JSON text of a
   * complete 200 answer in pieces (jsonPieces.ts), or undefined to let Apollo answer
   * (subgraphExecutor.ts).
   */
  fastPath?: (req: IncomingMessage, body: unknown) => Promise<readonly string[] | undefined>;
  /** Compress GraphQL answers the client accepts compressed (compression.ts); none when absent. */
  compression?: CompressionOptions;
}

/** A response sent instead of running a request: status, extra headers and a JSON body. */
export interface HttpRefusal {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Sends an answer held as several byte ranges in one write, without joining them first. */
function sendPieces(res: ServerResponse, pieces: readonly Uint8Array[]): void {
  res.setHeader('content-length', pieces.reduce((sum, piece) => sum + piece.length, 0));
  res.cork();
  for (const piece of pieces) res.write(piece);
  res.end();
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createHttpHandler<TContext extends BaseContext>(options: HttpOptions<TContext>) {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      const route = options.routes?.[url.pathname];
      if (route) return await route(req, res);
      if (url.pathname !== '/graphql') {
        if (url.pathname === '/') return sendJson(res, 200, { graphql: '/graphql', health: '/health' });
        return sendJson(res, 404, { errors: [{ message: `No route ${url.pathname}`, extensions: { code: 'NOT_FOUND' } }] });
      }
      if (req.method === 'GET' && options.explorer && (req.headers.accept ?? '').includes('text/html') && !url.searchParams.has('query')) {
        return await options.explorer(req, res);
      }
      const refusal = await options.beforeGraphQL?.(req);
      if (refusal) return sendJson(res, refusal.status, refusal.body, refusal.headers);
      let body: unknown = undefined;
      const text = req.method === 'POST' ? await readBody(req, limit) : '';
      const refused = await options.authorize?.(req, text);
      if (refused) return sendJson(res, 401, { errors: [{ message: refused, extensions: { code: 'UNAUTHENTICATED' } }] });
      if (req.method === 'POST') {
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      if (req.method === 'POST' && options.fastPath) {
        const answer = await options.fastPath(req, body);
        if (answer?.length === 1) {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer[0]!) });
          res.end(answer[0]);
          return;
        }
        if (answer !== undefined) {
          // Encoded piece by piece: no megabyte-sized string or buffer is ever made (jsonPieces.ts).
          res.setHeader('content-type', 'application/json; charset=utf-8');
          return sendPieces(res, answer.map((piece) => Buffer.from(piece)));
        }
      }
      // Apollo's own header map, built only for requests the fast path leaves to Apollo.
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let contextValue: TContext | undefined;
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => {
          contextValue = await options.context(req);
          // This front serialises the answer itself, so values in it may be raw JSON (rawJson.ts).
          acceptRawJson(contextValue);
          return contextValue;
        },
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        const pieces = contextValue && spliceRawJson(response.body.string, contextValue);
        if (!options.compression) return pieces ? sendPieces(res, pieces) : void res.end(response.body.string);
        // The answer depends on Accept-Encoding: caches in between must key on it too.
        const vary = res.getHeader('vary');
        res.setHeader('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
        const compressed = await compressFor(req, pieces ?? response.body.string, options.compression);
        if (!compressed) return pieces ? sendPieces(res, pieces) : void res.end(response.body.string);
        res.setHeader('content-encoding', compressed.encoding);
        res.setHeader('content-length', compressed.bytes.length);
        res.end(compressed.bytes);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        // The rest of the body is never read: close the connection so it cannot poison the next request on it.
        return sendJson(res, 413, { errors: [{ message: `Request body is larger than ${limit} bytes`, extensions: { code: 'BAD_REQUEST', limitBytes: limit } }] }, { connection: 'close' });
      }
      options.onError?.(error as Error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  };
}

export interface Listening {
  server: Server;
  port: number;
  url: string;
  /**
   * Graceful stop: stops accepting connections, serves the requests that still arrive on open
   * connections (answering them with `Connection: close`), waits for in-flight requests up to
   * `deadlineMs`, then cuts whatever is left. Resolves once every connection is closed.
   */
  close(options?: CloseOptions): Promise<void>;
  /** True once close() has begun. */
  draining(): boolean;
}

export interface CloseOptions {
  /** How long in-flight requests may still run; connections left after it are destroyed. */
  deadlineMs?: number;
}

export const DEFAULT_SHUTDOWN_DEADLINE_MS = 8_000;
/**
 * A connection accepted just before close() whose request has not arrived yet gets this long to
 * send it (as Go's http.Server.Shutdown does): cutting it would fail a request the client sent.
 */
const NEW_CONNECTION_GRACE_MS = 2_000;
const DRAIN_CHECK_MS = 20;
const ACCEPT_QUIET_MS = 100;

interface Connection {
  /** Requests on it whose response has not finished. */
  active: number;
  /** Responses already sent on it (0: its first request is still to come). */
  served: number;
  acceptedAt: number;
}

/** Listens on host:port (port 0 picks a free one); see Listening.close for the graceful stop. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, port: number, host = '127.0.0.1'): Promise<Listening> {
  const connections = new Map<Socket, Connection>();
  let draining = false;
  let accepted = 0;
  let lastAcceptedAt = 0;
  const responses = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const connection = connections.get(req.socket);
    if (connection) {
      connection.active += 1;
      responses.add(res);
      res.once('close', () => {
        connection.active -= 1;
        connection.served += 1;
        responses.delete(res);
      });
    }
    // While draining, every answer tells the client not to reuse the connection: Node closes it
    // once the response is sent, so it cannot carry a next request we would have to cut.
    if (draining) res.setHeader('connection', 'close');
    void handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    lastAcceptedAt = Date.now();
    connections.set(socket, { active: 0, served: 0, acceptedAt: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = async (options: CloseOptions = {}): Promise<void> => {
    const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS);
    draining = true;
    // Requests already running answer with `Connection: close` too, when their headers are not out yet.
    for (const res of responses) if (!res.headersSent) res.setHeader('connection', 'close');
    // Closing the listening socket resets every connection the kernel has completed but we have
    // not accepted yet: requests their clients already sent, failed. So first keep taking in the
    // connections on their way, and close right after an event-loop turn that accepted none and
    // began ACCEPT_QUIET_MS after the last one was accepted (its poll phase found the queue
    // empty, and clients have stopped connecting) — at most 80% into the deadline, so what is
    // still accepted has time to finish. /ready answers 503 from the start, so a load balancer
    // stops sending new connections within a few seconds; a busy client may need longer.
    const acceptUntil = Date.now() + (deadline - Date.now()) * 0.8;
    for (;;) {
      const before = accepted;
      const turnStarted = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setImmediate(resolve));
      if ((accepted === before && turnStarted - lastAcceptedAt >= ACCEPT_QUIET_MS) || Date.now() >= acceptUntil) break;
    }
    // net.Server's close, not http.Server's: the latter also drops idle connections at once,
    // including those whose first request is on its way.
    const stopped = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    while (connections.size > 0) {
      const now = Date.now();
      for (const [socket, c] of connections) {
        const idle = c.active === 0;
        if (now >= deadline || (idle && c.served > 0) || (idle && now - c.acceptedAt >= NEW_CONNECTION_GRACE_MS)) socket.destroy();
      }
      if (connections.size === 0) break;
      await new Promise((resolve) => setTimeout(resolve, DRAIN_CHECK_MS));
    }
    await stopped;
  };
  return {
    server,
    port: actual,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}/graphql`,
    close: (options) => (closing ??= close(options)),
    draining: () => draining,
  };
}
