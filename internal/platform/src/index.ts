/** The platform kit: the one place code shared by the subgraphs, the gateway and the tools lives. */
export * from './subgraphs.ts';
export * from './errors.ts';
export * from './caller.ts';
export * from './dates.ts';
export * from './rng.ts';
export * from './pagination.ts';
export * from './logging.ts';
export * from './http.ts';
export * from './database.ts';
export * from './config.ts';
export * from './subgraphServer.ts';
export * from './loaders.ts';
export * from './events.ts';
export * from './subgraphMain.ts';
export * from './shutdown.ts';
export * from './signing.ts';
export * from './persistedOperations.ts';
