import { id, mapEntity, varchar } from './mapEntity.ts';

/** A school with automotive, collision or diesel programs. */
export class School {
  id!: string;
  name!: string;
  /** HIGH_SCHOOL, COMMUNITY_COLLEGE or TECHNICAL_INSTITUTE. */
  kind!: string;
  city!: string;
  zip!: string;
  stateCode!: string;
}

mapEntity(School, 'school', {
  id: id('id', true),
  name: varchar('name', 120),
  kind: varchar('kind', 30),
  city: varchar('city', 80),
  zip: varchar('zip', 10),
  stateCode: varchar('state_code', 2),
});
