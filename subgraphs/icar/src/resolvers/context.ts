import type { SubgraphContext } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';

/** What every I-CAR resolver receives. */
export type Ctx = SubgraphContext<Loaders>;

/** A reference to an entity another subgraph owns, for the gateway to resolve there. */
export const personRef = (id: string) => ({ __typename: 'Person', id });
export const shopRef = (id: string) => ({ __typename: 'Shop', id });
export const programRef = (id: string) => ({ __typename: 'Program', id });

/** ACTIVE until a completion date is recorded. */
export const enrollmentStatus = (completedOn: string | null): 'ACTIVE' | 'COMPLETED' => (completedOn === null ? 'ACTIVE' : 'COMPLETED');
