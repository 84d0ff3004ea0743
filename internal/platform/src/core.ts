/**
 * The platform kit without its database half: service names and ports, errors, callers, dates,
 * logging, HTTP serving and compression, configuration parsing, shutdown, request signing and persisted-operation
 * manifests. The gateway imports this entry only, so it never loads TypeORM, the SQL drivers or
 * @apollo/subgraph (about 10 MB of its resident memory); index.ts re-exports all of it.
 */
export * from './subgraphs.ts';
export * from './errors.ts';
export * from './caller.ts';
export * from './dates.ts';
export * from './logging.ts';
export * from './http.ts';
export * from './rawJson.ts';
export * from './compression.ts';
export * from './config.ts';
export * from './shutdown.ts';
export * from './signing.ts';
export * from './redisModule.ts';
export * from './persistedOperations.ts';
