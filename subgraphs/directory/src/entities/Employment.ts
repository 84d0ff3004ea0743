import { id, mapEntity, varchar } from './mapEntity.ts';

/** A person working at a shop since a date. */
export class Employment {
  personId!: string;
  shopId!: string;
  /** ISO date. */
  since!: string;
}

mapEntity(Employment, 'employment', {
  personId: id('person_id', true),
  shopId: id('shop_id', true),
  since: varchar('since', 10),
});
