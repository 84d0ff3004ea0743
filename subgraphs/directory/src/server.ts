import { loadTypeDefs, type SubgraphDefinition } from '@talent-graph/platform';
import { createLoaders, type Loaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The directory subgraph: people, consent, guardianship, schools, shops, states, occupations, the wallet. */
export const definition: SubgraphDefinition<Loaders> = {
  name: 'directory',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  createLoaders,
};

export { openDatabase, entities } from './database.ts';
export { seed } from './seed.ts';
