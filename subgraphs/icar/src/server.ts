import { loadTypeDefs, type SubgraphDefinition } from '@talent-graph/platform';
import { createLoaders, type Loaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The I-CAR subgraph: courses, ProLevels, the Academy, Gold Class, apprenticeships, Collision Careers. */
export const definition: SubgraphDefinition<Loaders> = {
  name: 'icar',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  createLoaders,
};

export { openDatabase, entities } from './database.ts';
export { seed } from './seed.ts';
export type { Loaders } from './loaders.ts';
