import type { SubgraphContext } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';

/** What WrenchWay's resolvers receive: caller, database, this request's loaders, clock. */
export type Context = SubgraphContext<Loaders>;
