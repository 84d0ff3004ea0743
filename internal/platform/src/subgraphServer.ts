import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import { CALLER_HEADER, decodeCaller, type Caller } from './caller.ts';
import { systemClock, type Clock } from './dates.ts';
import { isDatabaseUnavailable } from './database.ts';
import { isClientError } from './errors.ts';
import { createHttpHandler, listen, sendJson, type Listening } from './http.ts';
import { createLogger, type Logger } from './logging.ts';
import { MemoryNonceStore, redisNonceStore, SIGNATURE_HEADER, SignatureVerifier } from './signing.ts';
import { createSubgraphExecutor } from './subgraphExecutor.ts';
import type { SubgraphName } from './subgraphs.ts';

/** What every resolver of every subgraph receives. Loaders are new for each request. */
export interface SubgraphContext<TLoaders> {
  caller: Caller;
  db: DataSource;
  loaders: TLoaders;
  clock: Clock;
  logger: Logger;
}

export type Resolvers<TLoaders> = GraphQLResolverMap<SubgraphContext<TLoaders>>;

/** Everything a subgraph package provides; the kit does the rest the same way for all five. */
export interface SubgraphDefinition<TLoaders> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: Resolvers<TLoaders>;
  createLoaders: (db: DataSource, clock: Clock) => TLoaders;
}

export interface SubgraphRuntime {
  db: DataSource;
  /** Shared with the gateway; every HTTP request must carry its signature (signing.ts). */
  signingSecret?: string;
  clock?: Clock;
  logger?: Logger;
  production?: boolean;
  /** REDIS_URL: replay nonces shared by every process of the subgraph; in memory when absent. */
  redisUrl?: string;
}

/** Reads a subgraph's SDL file that sits beside its code. */
export function loadTypeDefs(fileUrl: URL): DocumentNode {
  return parse(readFileSync(fileUrl, 'utf8'));
}

/**
 * Client errors keep their code and message; anything else (a database error, a bug) becomes a
 * generic INTERNAL_SERVER_ERROR so no SQL or stack trace reaches a client. The log keeps it.
 */
export function maskError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    if (isClientError(original) || isClientError(error)) {
      const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    const code = formatted.extensions?.code;
    // Apollo's own request errors (parse, validation, bad request) are safe to pass on.
    if (code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_REQUEST' || code === 'BAD_USER_INPUT' || code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'OPERATION_RESOLUTION_FAILURE') {
      const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      // Expected while PostgreSQL restarts: a clean, retryable code; no SQL or driver text.
      logger.warn('database unavailable', { error: String((original as Error)?.message ?? original), path: formatted.path });
      return { message: 'The database is unavailable; try again shortly', path: formatted.path, locations: formatted.locations, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    logger.error('resolver failed', { error: String((original as Error)?.stack ?? original), path: formatted.path });
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export interface BuiltSubgraph<TLoaders> {
  apollo: ApolloServer<SubgraphContext<TLoaders>>;
  /** Context for a request carrying the caller header; tests call it with a caller directly. */
  contextFor(caller: Caller): SubgraphContext<TLoaders>;
  handler: ReturnType<typeof createHttpHandler<SubgraphContext<TLoaders>>>;
  /** Stops Apollo and closes the replay-nonce store's Redis connection, if any. */
  stop(): Promise<void>;
}

/** Builds (does not listen): tests call this and use `apollo.executeOperation`. */
export async function buildSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>, runtime: SubgraphRuntime): Promise<BuiltSubgraph<TLoaders>> {
  const clock = runtime.clock ?? systemClock;
  const logger = runtime.logger ?? createLogger(definition.name);
  const schema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers }]);
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    // Every plugin hook runs on every gateway call, so only what a subgraph needs is installed.
    // Apollo's default cache-control plugin wraps every resolver to compute a cache policy per
    // field (bench/README.md, "Subgraph levers"). It is off: @cacheControl hints in the SDL are
    // composed into the supergraph and the gateway works out each operation's policy from them
    // once per document (gateway/src/plugins/responseCache.ts). Traces and reporting go to
    // Apollo's cloud, which this platform does not use.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    // Parsed and validated documents are kept by query text (Apollo's default in-memory LRU,
    // about 30 MB): the gateway sends the same few query texts over and over with different
    // representations in the variables, so each is parsed and validated once.
    formatError: maskError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !runtime.production,
    // The process's own stopOnSignals (shutdown.ts via subgraphMain.ts) stops it on SIGTERM: drains
    // HTTP first, then stops Apollo and closes the database pool. Apollo's own handler would stop
    // it at once, failing requests still being served, and leave Node free to exit before the
    // pool was closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const contextFor = (caller: Caller): SubgraphContext<TLoaders> => ({
    caller,
    db: runtime.db,
    loaders: definition.createLoaders(runtime.db, clock),
    clock,
    logger,
  });
  const context = async (req: IncomingMessage) => contextFor(decodeCaller(req.headers[CALLER_HEADER] as string | undefined));
  const fastPath = createSubgraphExecutor({ schema, context, formatError: maskError(logger), introspection: !runtime.production });
  const verifier = runtime.signingSecret ? new SignatureVerifier(runtime.signingSecret, undefined, undefined, runtime.redisUrl ? redisNonceStore(runtime.redisUrl, logger) : new MemoryNonceStore()) : undefined;
  const handler = createHttpHandler<SubgraphContext<TLoaders>>({
    apollo,
    // Only the gateway may call: a signed POST, or 401 before anything runs or is decoded.
    authorize: verifier
      ? async (req, body) => {
          if (req.method !== 'POST') return 'subgraphs accept only signed POST requests from the gateway';
          const check = await verifier.verify(req.headers[SIGNATURE_HEADER] as string | undefined, (req.headers[CALLER_HEADER] as string | undefined) ?? '', body);
          if (!check.ok) logger.warn('refused an unsigned or badly signed request', { reason: check.reason, remote: req.socket.remoteAddress });
          return check.ok ? undefined : check.reason;
        }
      : undefined,
    context,
    fastPath,
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }),
    },
    onError: (error) => logger.error('request failed', { error: String(error.stack ?? error) }),
  });
  return {
    apollo,
    contextFor,
    handler,
    stop: async () => {
      await apollo.stop();
      await verifier?.close();
    },
  };
}

/** Builds and listens; returns the listening server (port 0 picks a free port). */
export async function serveSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>, runtime: SubgraphRuntime, port: number, host = '127.0.0.1'): Promise<Listening & { built: BuiltSubgraph<TLoaders> }> {
  if (!runtime.signingSecret) throw new Error(`${definition.name}: refusing to serve HTTP without a signing secret shared with the gateway`);
  const built = await buildSubgraph(definition, runtime);
  const listening = await listen(built.handler, port, host);
  const close = listening.close;
  return {
    ...listening,
    built,
    close: async () => {
      await close();
      await built.stop();
    },
  };
}
