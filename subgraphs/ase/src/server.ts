import { loadTypeDefs, type SubgraphDefinition } from '@talent-graph/platform';
import { createLoaders, type Loaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The ase subgraph, built by the platform kit (tests build it; index.ts listens). */
export const definition: SubgraphDefinition<Loaders> = {
  name: 'ase',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  createLoaders,
};

export { openDatabase, entities } from './database.ts';
export { seed } from './seed.ts';
