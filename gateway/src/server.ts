import type { IncomingMessage } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { ANONYMOUS, createHttpHandler, createLogger, sendJson, type Caller, type CompressionOptions, type Logger } from '@talent-graph/platform/core';
import { acceptSecurityFeatures, apiSchemaOf, installExecutor, type SupergraphRules, type WarmResult } from './executor.ts';
import { readAccessRules } from './plugins/access.ts';
import { DEFAULT_LIMITS, DOCUMENT_STORE_MAX_BYTES, DOCUMENT_STORE_MAX_ENTRIES, DocumentStore, limitsPlugin, readCostRules, ROLE_LIMITS, type CostRules, type Limits } from './plugins/limits.ts';
import { DEFAULT_SUBGRAPH_CALLS, SubgraphClient, SubgraphDataSource, type SubgraphCallOptions } from './subgraphClient.ts';
import { subgraphsIn, supergraphId } from './supergraphReload.ts';
import { serveExplorer, explorerAssetRoutes } from './explorer/explorer.ts';
import { GraphQLError } from 'graphql';
import { callerFromDevHeaders, IdentityError } from './plugins/identity.ts';
import { AuthenticationError, createAuthenticator, type AuthOptions } from './plugins/auth.ts';
import { readAuthConfig } from './config.ts';
import { createOverrideLabelPolicy, overrideLabelsIn } from './plugins/progressiveOverride.ts';
import { RateLimiter, type RateLimitOptions } from './plugins/rateLimit.ts';
import { acceptingDocumentIds, trustedDocumentsPlugin, type TrustedDocumentsOptions } from './plugins/trustedDocuments.ts';
import { introspectionPlugin } from './plugins/introspection.ts';
import { SHARED_PLAN_TIMEOUT_MS } from './plans/sharedPlans.ts';
import { RedisTextStore } from './redisTextStore.ts';
import { createResponseStore, DEFAULT_RESPONSE_CACHE, readCacheHints, responseCachePlugin, type CacheHints, type ResponseCacheConfig, type ResponseStore } from './plugins/responseCache.ts';

/** What every gateway request carries through Apollo Server into the subgraph calls. */
export interface GatewayContext {
  caller: Caller;
  /** Absolute time (ms) by which this request must be answered; subgraph calls never outlive it. */
  deadline: number;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Routing URL overrides by subgraph name; others use the URLs in the supergraph. */
  subgraphUrls?: Record<string, string>;
  overrideLabels?: Record<string, boolean>;
  devIdentityHeaders?: boolean;
  production?: boolean;
  logger?: Logger;
  maxBodyBytes?: number;
  /** Random source for percent() override labels (tests pass a fixed one). */
  random?: () => number;
  /** JWT verification; defaults to HS256 with the development secret. */
  auth?: AuthOptions;
  /** Signs every subgraph request (SUBGRAPH_SIGNING_SECRET); unsigned when absent. */
  subgraphSigningSecret?: string;
  /** Abuse limits for callers without a more generous role. */
  limits?: Limits;
  /** Per-user and per-IP rate limits (config.ts); none when absent (tests, embedding). */
  rateLimit?: RateLimitOptions;
  /** Trusted documents (config.ts: TRUSTED_DOCUMENTS, PERSISTED_OPERATIONS_PATH); off when absent. */
  trustedDocuments?: TrustedDocumentsOptions;
  /** Deadlines, retries and circuit breakers of subgraph calls (config.ts); defaults when absent. */
  subgraphCalls?: SubgraphCallOptions;
  /** Called with each supergraph loaded: the first, then every successful reload. */
  onSupergraphLoaded?: SupergraphListener;
  /** The response cache (config.ts: RESPONSE_CACHE*); off when absent (Cache-Control headers only). */
  responseCache?: ResponseCacheConfig;
  /** Compression of answers for clients that accept it (config.ts: RESPONSE_COMPRESSION*); none when absent. */
  compression?: CompressionOptions;
  /** Query plans shared with other gateway processes in this Redis (config.ts: PLAN_CACHE_SHARED); none when absent. */
  sharedPlansRedisUrl?: string;
  /** Heap the parsed-document cache may hold, estimated (config.ts: DOCUMENT_CACHE_MAX_MB); DOCUMENT_STORE_MAX_BYTES when absent. */
  documentCacheBytes?: number;
}

/** A supergraph the gateway has just started serving. */
export interface LoadedSupergraph {
  supergraphSdl: string;
  /** sha256 of the SDL (ApolloGateway's composition id). */
  id: string;
  apiSchema: GraphQLSchema;
}

export type SupergraphListener = (loaded: LoadedSupergraph) => void;

export type ReloadResult = { outcome: 'loaded' | 'unchanged'; id: string } | { outcome: 'rejected'; error: string };

export interface BuiltGateway {
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  handler: ReturnType<typeof createHttpHandler<GatewayContext>>;
  isLoaded(): boolean;
  /**
   * Plans every persisted operation into the plan cache for the supergraph now loaded; the
   * supergraph-reload hook calls it after each load (build already did it for the first one).
   */
  warm(supergraphSdl: string): Promise<WarmResult>;
  /** Present when rate limits are on; says where buckets are counted (redis or memory). */
  rateLimiter: RateLimiter | undefined;
  /** The subgraph HTTP client (breakers, pool); /ready reads its state. */
  subgraphClient: SubgraphClient;
  /** Present when the response cache is on; says where entries live (redis or memory). */
  responseStore: ResponseStore | undefined;
  /**
   * Validates a supergraph and, when valid, swaps it in atomically (plans, access, cost and
   * override rules follow); an invalid one is rejected and the current one keeps serving.
   */
  reload(supergraphSdl: string, origin?: string): ReloadResult;
  /** Subscribes to every later successful load; returns the unsubscribe function. */
  onSupergraphLoaded(listener: SupergraphListener): () => void;
  /** The supergraph being served now. */
  currentSupergraph(): LoadedSupergraph;
  /** Marks the gateway as shutting down: /ready answers 503 so load balancers stop sending. */
  beginShutdown(): void;
  stop(): Promise<void>;
}

/** Everything derived from one supergraph SDL beside ApolloGateway's own state. */
interface DerivedSupergraph extends SupergraphRules {
  sdl: string;
  id: string;
  costRules: CostRules;
  cacheHints: CacheHints;
  subgraphs: { name: string; url: string }[];
}

// Apollo Server's own APQ refusals carry no code (it defaults to INTERNAL_SERVER_ERROR): they
// are bad requests, and their messages are Apollo's fixed text, safe to show.
const APQ_BAD_REQUESTS = new Set(['provided sha does not match query', 'Unsupported persisted query version']);

/** Errors a client may see keep their code; anything else loses its detail (logged instead). */
function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const { stacktrace: _stack, exception: _exception, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (extensions.code === 'INTERNAL_SERVER_ERROR' && APQ_BAD_REQUESTS.has(formatted.message)) return { ...formatted, extensions: { code: 'BAD_REQUEST' } };
    if (!extensions.code) {
      logger.error('unclassified error', { message: formatted.message, path: formatted.path });
      return { ...formatted, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return { ...formatted, extensions };
  };
}

/**
 * Builds the gateway for any valid Federation 2 supergraph (does not listen; main.ts does).
 * Subgraph calls carry the caller identity in the x-talent-graph-caller header.
 */
export async function buildGateway(options: GatewayOptions): Promise<BuiltGateway> {
  const logger = options.logger ?? createLogger('gateway');
  if (!options.subgraphSigningSecret) logger.warn('subgraph requests are not signed: set SUBGRAPH_SIGNING_SECRET to the secret the subgraphs share');
  const callOptions = options.subgraphCalls ?? DEFAULT_SUBGRAPH_CALLS;
  const subgraphClient = new SubgraphClient(callOptions, options.subgraphSigningSecret, logger);
  const urlOf = (name: string, url: string) => options.subgraphUrls?.[name] ?? url;
  // Throws on anything it cannot read, before a reload touches the gateway.
  const derive = (sdl: string): DerivedSupergraph => ({
    sdl,
    id: supergraphId(sdl),
    overrides: createOverrideLabelPolicy(overrideLabelsIn(sdl), options.overrideLabels ?? {}, options.random),
    access: readAccessRules(sdl),
    costRules: readCostRules(sdl),
    cacheHints: readCacheHints(sdl),
    subgraphs: subgraphsIn(sdl).map(({ name, url }) => ({ name, url: urlOf(name, url) })),
  });
  let current = derive(options.supergraphSdl);
  let pending: DerivedSupergraph | undefined;
  let update: ((sdl: string) => void) | undefined;
  const listeners = new Set<SupergraphListener>();
  if (options.onSupergraphLoaded) listeners.add(options.onSupergraphLoaded);
  const gateway = new ApolloGateway({
    // A function, not a string: it hands us ApolloGateway's own `update` callback, which swaps the
    // supergraph in place (schema, planner, data sources) without rebuilding the gateway.
    supergraphSdl: async ({ update: u }) => {
      update = u;
      return { supergraphSdl: options.supergraphSdl };
    },
    logger: { debug: (m) => logger.debug(String(m)), info: (m) => logger.debug(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
    buildService: ({ name, url }) => new SubgraphDataSource(name, urlOf(name, url ?? ''), subgraphClient),
  });
  acceptSecurityFeatures(gateway);
  // Runs synchronously inside ApolloGateway's swap, so the rules change in the same tick as the
  // schema and planner: no request sees a new schema with old access rules or the reverse.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    if (pending) current = pending;
    pending = undefined;
    const loadedNow: LoadedSupergraph = { supergraphSdl: current.sdl, id: current.id, apiSchema };
    for (const listener of listeners) {
      try {
        listener(loadedNow);
      } catch (error) {
        logger.error('a supergraph listener failed', { error: String(error) });
      }
    }
  });
  const sharedPlans = options.sharedPlansRedisUrl ? new RedisTextStore(options.sharedPlansRedisUrl, logger, 'plan cache', SHARED_PLAN_TIMEOUT_MS) : undefined;
  const planWarmer = installExecutor(gateway, () => current, sharedPlans);
  const responseCache = options.responseCache ?? DEFAULT_RESPONSE_CACHE;
  const responseStore = createResponseStore(responseCache, logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Trusted documents come first: when two plugins refuse one request, its code is the one a
    // client must act on (send a persisted operation), not a limit of a document never run.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ...(options.trustedDocuments && options.trustedDocuments.mode !== 'off' ? [trustedDocumentsPlugin<GatewayContext>(options.trustedDocuments, logger)] : []),
      introspectionPlugin<GatewayContext>(options.production ?? false),
      limitsPlugin<GatewayContext>(options.limits ?? DEFAULT_LIMITS, ROLE_LIMITS, () => current.costRules),
      // After the limits: a cached answer is still refused to a caller over them.
      responseCachePlugin<GatewayContext>({ store: responseStore, maxEntryBytes: responseCache.maxEntryBytes }, () => current),
    ],
    // Never keeps a document the limits refused (limits.ts), so a caller with more room gets it.
    documentStore: new DocumentStore(DOCUMENT_STORE_MAX_ENTRIES, options.documentCacheBytes ?? DOCUMENT_STORE_MAX_BYTES),
    // A hard ceiling for the parser itself; per-role token limits are checked after it (limits.ts).
    parseOptions: { maxTokens: 50_000 },
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    // Decided per caller by introspectionPlugin (off in production except for analysts and
    // partner admins); Apollo's own switch would turn it off for everybody.
    introspection: true,
    // The process's own stopOnSignals (shutdown.ts) drains HTTP first and stops Apollo last;
    // Apollo's handler would stop it at once and fail the requests still being served.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  // Plans for the persisted operations before the first request, so none of them pays for planning.
  const warmOperations = options.trustedDocuments?.manifest.operations ?? [];
  const warm = async (supergraphSdl: string): Promise<WarmResult> => {
    const result = await planWarmer.warm(warmOperations, supergraphSdl);
    if (result.failed.length > 0) logger.warn('some persisted operations could not be planned', { failed: result.failed });
    logger.debug('plan cache warmed', { planned: result.planned, ms: result.ms });
    return result;
  };
  if (warmOperations.length > 0) {
    await warm(options.supergraphSdl);
    // ApolloGateway empties its plan cache on every schema change: plan again after each reload.
    listeners.add((loadedNow) => void warm(loadedNow.supergraphSdl).catch((error) => logger.error('plan cache warm-up failed', { error: String(error) })));
  }
  let loaded = true;
  let shuttingDown = false;
  const authenticator = createAuthenticator(options.auth ?? readAuthConfig({}, false));
  // Who is calling: a verified JWT; else, in development, x-dev-* headers; else anonymous.
  // Worked out once per request (the rate limiter needs it before Apollo's context does).
  const callers = new WeakMap<IncomingMessage, Promise<Caller>>();
  const callerOf = (req: IncomingMessage): Promise<Caller> => {
    let caller = callers.get(req);
    if (!caller) {
      const authorization = req.headers.authorization;
      caller = authorization ? authenticator.authenticate(authorization) : (async () => (options.devIdentityHeaders ? callerFromDevHeaders(req) : ANONYMOUS))();
      callers.set(req, caller);
    }
    return caller;
  };
  // A presented but unacceptable identity is a 401, never a silent downgrade to anonymous.
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    try {
      return { caller: await callerOf(req), deadline: Date.now() + callOptions.requestTimeoutMs };
    } catch (error) {
      if (error instanceof AuthenticationError || error instanceof IdentityError) {
        throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      throw error;
    }
  };
  const rateLimiter = options.rateLimit && new RateLimiter(options.rateLimit, logger);
  const handler = createHttpHandler<GatewayContext>({
    apollo: acceptingDocumentIds(apollo),
    context,
    // Before the body is read: a caller over the limit costs no parsing, planning or subgraph
    // call. A caller whose identity fails is counted by IP (its 401 comes from `context`).
    beforeGraphQL: rateLimiter && (async (req) => rateLimiter.check(req, await callerOf(req).catch(() => undefined))),
    maxBodyBytes: options.maxBodyBytes,
    compression: options.compression,
    explorer: serveExplorer,
    routes: {
      // Liveness only: the process serves. Whether it should get traffic is /ready.
      '/health': (_req, res) => sendJson(res, loaded ? 200 : 503, { status: loaded ? 'ok' : 'loading' }),
      '/ready': async (_req, res) => {
        const subgraphs = await Promise.all(current.subgraphs.map(({ name, url }) => subgraphClient.status(name, url)));
        const ready = loaded && !shuttingDown && subgraphs.every((s) => s.state === 'ok');
        const status = ready ? 'ready' : shuttingDown ? 'stopping' : loaded ? 'degraded' : 'loading';
        sendJson(res, ready ? 200 : 503, { status, supergraph: current.id, subgraphs });
      },
      ...explorerAssetRoutes(),
    },
    onError: (error) => logger.error('request failed', { error: String(error.stack ?? error) }),
  });
  // The last supergraph rejected: a URL poll offering the same broken one again is not logged again.
  let rejected: { id: string; error: string } | undefined;
  const reload = (sdl: string, origin = 'reload'): ReloadResult => {
    const id = supergraphId(sdl);
    if (id === current.id) return { outcome: 'unchanged', id };
    if (rejected?.id === id) return { outcome: 'rejected', error: rejected.error };
    try {
      if (!update) throw new Error('the gateway is not loaded');
      // Validated the way the gateway will load it (security features accepted) before anything changes.
      apiSchemaOf(sdl);
      pending = derive(sdl);
      update(sdl);
      // The swap notifies our listener, which installs `pending`; this only guards that contract.
      if (pending) current = pending;
      pending = undefined;
    } catch (error) {
      pending = undefined;
      const message = String((error as Error).message ?? error).split('\n')[0]!;
      rejected = { id, error: message };
      logger.error('supergraph rejected; still serving the previous one', { origin, id, error: message });
      return { outcome: 'rejected', error: message };
    }
    rejected = undefined;
    logger.info('supergraph loaded', { origin, id });
    return { outcome: 'loaded', id };
  };
  return {
    apollo,
    gateway,
    handler,
    isLoaded: () => loaded,
    warm,
    rateLimiter,
    subgraphClient,
    responseStore,
    reload,
    onSupergraphLoaded: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    currentSupergraph: () => ({ supergraphSdl: current.sdl, id: current.id, apiSchema: gateway.schema! }),
    beginShutdown: () => {
      shuttingDown = true;
    },
    stop: async () => {
      loaded = false;
      shuttingDown = true;
      await apollo.stop();
      await rateLimiter?.close();
      await responseStore?.close();
      await sharedPlans?.close();
      await subgraphClient.close();
    },
  };
}

// The package's public entry also carries what tools and tests need to mint development tokens.
export { mintToken, parseTtl, type TokenRequest } from './tokens.ts';
export { DEV_JWT_SECRET } from './plugins/auth.ts';
export { apiSchemaOf } from './executor.ts';
