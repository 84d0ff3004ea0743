import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { ConfigError, createLogger, listen, stopOnSignals } from '@talent-graph/platform/core';
import { parseArgs } from './cli.ts';
import { readGatewayConfig } from './config.ts';
import { buildGateway } from './server.ts';
import { EMPTY_MANIFEST, loadManifest } from './plugins/trustedDocuments.ts';
import { fetchSupergraph, pollSupergraphUrl, watchSupergraphFile } from './supergraphReload.ts';

/**
 * `npm run gateway -- --supergraph FILE --port N`: the gateway alone, in the foreground, for any
 * valid Federation 2 supergraph. GET /health answers 200 once loaded; the supergraph file (or
 * SUPERGRAPH_URL) is watched and reloaded while serving; SIGTERM or SIGINT stops accepting, lets
 * in-flight requests finish (up to SHUTDOWN_DEADLINE_MS), closes Redis and the subgraph pool, and
 * exits 0.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = parseArgs(process.argv.slice(2), readGatewayConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`gateway: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger('gateway', config.logLevel);
  const reload = config.supergraphReload;
  const source = reload.url ?? config.supergraphPath;
  let supergraphSdl: string;
  try {
    supergraphSdl = reload.url ? await fetchSupergraph(reload.url) : readFileSync(config.supergraphPath, 'utf8');
  } catch (error) {
    console.error(`gateway: cannot read the supergraph ${source}: ${(error as Error).message}`);
    process.exit(2);
  }
  // Enforce mode without its manifest would refuse nearly everything: that is a start-up error.
  // In audit mode a missing file only means no operation is known by hash (e.g. an arbitrary
  // supergraph served from another directory).
  let manifest = EMPTY_MANIFEST;
  if (config.trustedDocuments !== 'off') {
    try {
      manifest = loadManifest(config.persistedOperationsPath, config.trustedDocuments === 'audit');
    } catch (error) {
      console.error(`gateway: persisted-operations manifest: ${(error as Error).message} (TRUSTED_DOCUMENTS=${config.trustedDocuments}; run \`npm run compose\` or set PERSISTED_OPERATIONS_PATH)`);
      process.exit(2);
    }
    if (manifest.operations.length === 0) logger.warn('no persisted operations loaded', { path: config.persistedOperationsPath, trustedDocuments: config.trustedDocuments });
  }
  let built;
  try {
    built = await buildGateway({
      supergraphSdl,
      subgraphUrls: config.subgraphUrls,
      overrideLabels: config.overrideLabels,
      devIdentityHeaders: config.devIdentityHeaders,
      production: config.production,
      maxBodyBytes: config.maxBodyBytes,
      auth: config.auth,
      subgraphSigningSecret: config.subgraphSigningSecret,
      rateLimit: config.rateLimit,
      subgraphCalls: config.subgraphCalls,
      responseCache: config.responseCache,
      compression: config.compression,
      sharedPlansRedisUrl: config.sharedPlansRedisUrl,
      documentCacheBytes: config.documentCacheBytes,
      trustedDocuments: { mode: config.trustedDocuments, manifest },
      logger,
    });
  } catch (error) {
    console.error(`gateway: the supergraph ${source} could not be loaded: ${(error as Error).message}`);
    process.exit(2);
  }
  const gateway = built;
  const offer = (sdl: string, origin: string) => void gateway.reload(sdl, origin);
  const stopWatching = reload.url
    ? pollSupergraphUrl(reload.url, reload.pollIntervalMs, offer, logger)
    : reload.watchFile
      ? watchSupergraphFile(config.supergraphPath, { debounceMs: reload.debounceMs, pollIntervalMs: reload.pollIntervalMs }, offer, logger)
      : () => undefined;
  const server = await listen(gateway.handler, config.port, config.host);
  // The heap limit sets how far V8 lets garbage pile up (docs/operations.md, "Memory"): logged so
  // an operator sees whether production's Node flags are on.
  logger.info('listening', { url: server.url, supergraph: source, heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1048576) });
  // The safety net sits past the drain deadline: pools and Redis get a few seconds to close.
  stopOnSignals(
    logger,
    async () => {
      stopWatching();
      gateway.beginShutdown();
      await server.close({ deadlineMs: config.shutdownDeadlineMs });
      await gateway.stop();
    },
    config.shutdownDeadlineMs + 5_000,
  );
}

await main();
