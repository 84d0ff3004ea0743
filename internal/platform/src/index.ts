/** The platform kit: the one place code shared by the subgraphs, the gateway and the tools lives. */
// The half without a database first: the gateway imports only that (core.ts).
export * from './core.ts';
export * from './rng.ts';
export * from './pagination.ts';
export * from './plainRows.ts';
export * from './dataRevisions.ts';
export * from './database.ts';
export * from './subgraphServer.ts';
export * from './loaders.ts';
export * from './events.ts';
export * from './subgraphMain.ts';
export * from './smallCells.ts';
export * from './dataRecords.ts';
export * from './idempotency.ts';
