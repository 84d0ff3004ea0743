import { loadTypeDefs, type SubgraphDefinition } from '@talent-graph/platform';
import { createLoaders, type Loaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** WrenchWay: job posts and applications, School Assist, the Technician Pay Tool, job matching. */
export const definition: SubgraphDefinition<Loaders> = {
  name: 'wrenchway',
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers,
  createLoaders,
};

export { openDatabase, entities } from './database.ts';
export { seed } from './seed.ts';
export type { Loaders } from './loaders.ts';
