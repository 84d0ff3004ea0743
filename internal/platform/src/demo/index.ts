/** Demo data shared by every subgraph's seed. */
export * from './world.ts';
export * from './places.ts';
