import { id, mapEntity, varchar } from './mapEntity.ts';

/** A repair shop, dealership or fleet that employs technicians. */
export class Shop {
  id!: string;
  name!: string;
  /** DEALER, INDEPENDENT, MSO or FLEET. */
  type!: string;
  /** AUTOMOTIVE, COLLISION or DIESEL. */
  industry!: string;
  city!: string;
  zip!: string;
  stateCode!: string;
  /** ISO date the shop opened. */
  openedOn!: string;
}

mapEntity(Shop, 'shop', {
  id: id('id', true),
  name: varchar('name', 120),
  type: varchar('type', 20),
  industry: varchar('industry', 20),
  city: varchar('city', 80),
  zip: varchar('zip', 10),
  stateCode: varchar('state_code', 2),
  openedOn: varchar('opened_on', 10),
});
