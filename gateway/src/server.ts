import type { IncomingMessage } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { ANONYMOUS, CALLER_HEADER, createHttpHandler, createLogger, encodeCaller, sendJson, SIGNATURE_HEADER, signRequest, type Caller, type Logger } from '@talent-graph/platform';
import { acceptSecurityFeatures, installExecutor } from './executor.ts';
import { readAccessRules } from './plugins/access.ts';
import { DEFAULT_LIMITS, limitsPlugin, type Limits } from './plugins/limits.ts';
import { serveExplorer, explorerAssetRoutes } from './explorer/explorer.ts';
import { GraphQLError } from 'graphql';
import { callerFromDevHeaders, IdentityError } from './plugins/identity.ts';
import { AuthenticationError, createAuthenticator, type AuthOptions } from './plugins/auth.ts';
import { readAuthConfig } from './config.ts';
import { createOverrideLabelPolicy, overrideLabelsIn } from './plugins/progressiveOverride.ts';

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
}

export interface BuiltGateway {
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  handler: ReturnType<typeof createHttpHandler<GatewayContext>>;
  isLoaded(): boolean;
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

/** Errors a client may see keep their code; anything else loses its detail (logged instead). */
function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const { stacktrace: _stack, exception: _exception, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
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
  installExecutor(gateway, overrides, readAccessRules(options.supergraphSdl));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [ApolloServerPluginLandingPageDisabled(), limitsPlugin<GatewayContext>(options.limits ?? DEFAULT_LIMITS)],
    // A hard ceiling for the parser itself; per-role token limits are checked after it (limits.ts).
    parseOptions: { maxTokens: 50_000 },
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
  });
  await apollo.start();
  let loaded = true;
  const authenticator = createAuthenticator(options.auth ?? readAuthConfig({}, false));
  // Who is calling: a verified JWT; else, in development, x-dev-* headers; else anonymous.
  // A presented but unacceptable identity is a 401, never a silent downgrade to anonymous.
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    try {
      const authorization = req.headers.authorization;
      if (authorization) return { caller: await authenticator.authenticate(authorization) };
      if (options.devIdentityHeaders) return { caller: callerFromDevHeaders(req) };
      return { caller: ANONYMOUS };
    } catch (error) {
      if (error instanceof AuthenticationError || error instanceof IdentityError) {
        throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      throw error;
    }
  };
  const handler = createHttpHandler<GatewayContext>({
    apollo,
    context,
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
    stop: async () => {
      loaded = false;
      await apollo.stop();
    },
  };
}

// The package's public entry also carries what tools and tests need to mint development tokens.
export { mintToken, parseTtl, type TokenRequest } from './tokens.ts';
export { DEV_JWT_SECRET } from './plugins/auth.ts';
export { apiSchemaOf } from './executor.ts';
