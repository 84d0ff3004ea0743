import { mapEntity, varchar } from './mapEntity.ts';

/** A US state (or DC) with data in the graph, keyed by its USPS code. */
export class State {
  code!: string;
  name!: string;
}

mapEntity(State, 'state', {
  code: { ...varchar('code', 2), primary: true },
  name: varchar('name', 60),
});
