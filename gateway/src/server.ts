import type { IncomingMessage } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { ANONYMOUS, CALLER_HEADER, createHttpHandler, createLogger, encodeCaller, sendJson, SIGNATURE_HEADER, signRequest, type Caller, type Logger } from '@talent-graph/platform';
import { acceptSecurityFeatures, installExecutor, type WarmResult } from './executor.ts';
import { readAccessRules } from './plugins/access.ts';
import { DEFAULT_LIMITS, limitsPlugin, readCostRules, ROLE_LIMITS, type Limits } from './plugins/limits.ts';
import { serveExplorer, explorerAssetRoutes } from './explorer/explorer.ts';
import { GraphQLError } from 'graphql';
import { callerFromDevHeaders, IdentityError } from './plugins/identity.ts';
import { AuthenticationError, createAuthenticator, type AuthOptions } from './plugins/auth.ts';
import { readAuthConfig } from './config.ts';
import { createOverrideLabelPolicy, overrideLabelsIn } from './plugins/progressiveOverride.ts';
import { RateLimiter, type RateLimitOptions } from './plugins/rateLimit.ts';
import { acceptingDocumentIds, trustedDocumentsPlugin, type TrustedDocumentsOptions } from './plugins/trustedDocuments.ts';
import { introspectionPlugin } from './plugins/introspection.ts';

/** What every gateway request carries through Apollo Server into the subgraph calls. */
export interface GatewayContext {
  caller: Caller;
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
}

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
  stop(): Promise<void>;
}

/**
 * The fetch every subgraph call goes through: signs the exact bytes sent (signing.ts), so the
 * subgraph can tell the gateway's requests from anybody else's.
 */
function signingFetch(secret: string | undefined): NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'] {
  return (async (url: string, init?: { headers?: Record<string, string>; body?: string | Buffer }) => {
    if (!secret || !init) return fetch(url, init as RequestInit);
    const body = typeof init.body === 'string' ? init.body : (init.body?.toString('utf8') ?? '');
    const headers = { ...(init.headers ?? {}) };
    headers[SIGNATURE_HEADER] = signRequest(secret, headers[CALLER_HEADER] ?? '', body);
    return fetch(url, { ...(init as RequestInit), headers, body });
  }) as never;
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
  const overrides = createOverrideLabelPolicy(overrideLabelsIn(options.supergraphSdl), options.overrideLabels ?? {}, options.random);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: { debug: (m) => logger.debug(String(m)), info: (m) => logger.debug(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls?.[name] ?? url,
        willSendRequest({ request, context }) {
          request.http?.headers.set(CALLER_HEADER, encodeCaller(context.caller ?? ANONYMOUS));
        },
        fetcher: signingFetch(options.subgraphSigningSecret),
      }),
  });
  acceptSecurityFeatures(gateway);
  const planWarmer = installExecutor(gateway, overrides, readAccessRules(options.supergraphSdl));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Trusted documents come first: when two plugins refuse one request, its code is the one a
    // client must act on (send a persisted operation), not a limit of a document never run.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ...(options.trustedDocuments && options.trustedDocuments.mode !== 'off' ? [trustedDocumentsPlugin<GatewayContext>(options.trustedDocuments, logger)] : []),
      introspectionPlugin<GatewayContext>(options.production ?? false),
      limitsPlugin<GatewayContext>(options.limits ?? DEFAULT_LIMITS, ROLE_LIMITS, readCostRules(options.supergraphSdl)),
    ],
    // A hard ceiling for the parser itself; per-role token limits are checked after it (limits.ts).
    parseOptions: { maxTokens: 50_000 },
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    // Decided per caller by introspectionPlugin (off in production except for analysts and
    // partner admins); Apollo's own switch would turn it off for everybody.
    introspection: true,
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
  if (warmOperations.length > 0) await warm(options.supergraphSdl);
  let loaded = true;
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
      return { caller: await callerOf(req) };
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
    explorer: serveExplorer,
    routes: {
      '/health': (_req, res) => sendJson(res, loaded ? 200 : 503, { status: loaded ? 'ok' : 'loading' }),
      ...explorerAssetRoutes(),
    },
    onError: (error) => logger.error('request failed', { error: String(error.stack ?? error) }),
  });
  return {
    apollo,
    gateway,
    handler,
    isLoaded: () => loaded,
    warm,
    rateLimiter,
    stop: async () => {
      loaded = false;
      await apollo.stop();
      await rateLimiter?.close();
    },
  };
}

// The package's public entry also carries what tools and tests need to mint development tokens.
export { mintToken, parseTtl, type TokenRequest } from './tokens.ts';
export { DEV_JWT_SECRET } from './plugins/auth.ts';
export { apiSchemaOf } from './executor.ts';
