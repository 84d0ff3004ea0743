import type { SubgraphContext } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';

/** What every ase resolver receives. */
export type AseContext = SubgraphContext<Loaders>;
