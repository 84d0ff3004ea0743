import type { SubgraphContext } from '@talent-graph/platform';
import type { Loaders } from './loaders.ts';

/** What every directory resolver receives. */
export type Context = SubgraphContext<Loaders>;
