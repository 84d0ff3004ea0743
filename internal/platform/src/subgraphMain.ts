import type { DataSource } from 'typeorm';
import { readSubgraphConfig, ConfigError } from './config.ts';
import { databaseTarget, hasPendingMigrations, type DatabaseTarget } from './database.ts';
import { fixedClock, systemClock } from './dates.ts';
import { createLogger } from './logging.ts';
import { serveSubgraph, type SubgraphDefinition } from './subgraphServer.ts';
import { stopOnSignals } from './shutdown.ts';
import type { SubgraphName } from './subgraphs.ts';

/**
 * The `index.ts` of every subgraph: read config, open the database (never migrate on start:
 * `npm run migrate` does that), listen, and on SIGTERM/SIGINT stop accepting, finish in-flight
 * requests, close the pool and exit 0.
 */
export async function runSubgraphMain<TLoaders>(name: SubgraphName, definition: SubgraphDefinition<TLoaders>, openDatabase: (target: DatabaseTarget) => DataSource): Promise<void> {
  let config;
  try {
    config = readSubgraphConfig(name);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${name}: configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(name, config.logLevel);
  if (!config.signingSecret) {
    console.error(`${name}: SUBGRAPH_SIGNING_SECRET is required — the secret (32+ characters) the gateway signs subgraph requests with; \`npm start\` generates one`);
    process.exit(2);
  }
  const db = openDatabase(databaseTarget(name, config.databaseUrl, config.dataDir, config.databasePoolSize));
  await db.initialize();
  watchPool(db, logger);
  if (await hasPendingMigrations(db)) {
    logger.error('database has pending migrations; run `npm run migrate` first');
    await db.destroy();
    process.exit(2);
  }
  const server = await serveSubgraph(definition, { db, logger, clock: config.today ? fixedClock(config.today) : systemClock, production: config.production, signingSecret: config.signingSecret, redisUrl: config.redisUrl }, config.port, config.host);
  logger.info('listening', { url: server.url });
  stopOnSignals(logger, async () => {
    await server.close();
    // Closes every pooled PostgreSQL connection (or the SQLite file): nothing is left open.
    await db.destroy();
    logger.info('database pool closed');
  });
}

/**
 * PostgreSQL restarts must not kill the process: an idle pooled connection that the server drops
 * makes the pool emit 'error', which crashes Node without a listener. TypeORM registers one that
 * logs through its own (silent) logger; ours says it in the subgraph's log. The pool discards the
 * dead client and the next query connects again, so the subgraph recovers by itself.
 */
function watchPool(db: DataSource, logger: ReturnType<typeof createLogger>): void {
  const pool = (db.driver as { master?: { on?(event: 'error', listener: (error: Error) => void): void } }).master;
  pool?.on?.('error', (error) => logger.warn('database connection lost; the pool reconnects on the next query', { error: error.message }));
}
