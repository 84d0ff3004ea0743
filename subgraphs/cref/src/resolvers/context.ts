import type { SubgraphContext } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';

/** What every cref resolver receives. */
export type Context = SubgraphContext<Loaders>;

/** A reference to an entity the directory owns (School, State, Person); cref resolves its own fields on it. */
export const schoolRef = (id: string) => ({ __typename: 'School' as const, id });
