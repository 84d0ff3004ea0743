import { id, mapEntity, varchar } from './mapEntity.ts';

/**
 * A person in the pipeline. Names, contact and birth date are private: resolvers decide who sees
 * them. Roles are kept as comma-joined text (e.g. `APPRENTICE,TECHNICIAN`): a handful of fixed
 * values read with the row, never filtered on in SQL.
 */
export class Person {
  id!: string;
  givenName!: string;
  familyName!: string;
  email!: string;
  phone!: string | null;
  /** ISO date. */
  birthDate!: string;
  homeZip!: string;
  stateCode!: string;
  /** Comma-joined PersonRole values, in rules/roles.ts order. */
  roles!: string;
  schoolId!: string | null;
  programId!: string | null;
  shopId!: string | null;
  /** ISO date the account was created. */
  createdOn!: string;
}

mapEntity(Person, 'person', {
  id: id('id', true),
  givenName: varchar('given_name', 80),
  familyName: varchar('family_name', 80),
  email: varchar('email', 200),
  phone: varchar('phone', 20, true),
  birthDate: varchar('birth_date', 10),
  homeZip: varchar('home_zip', 10),
  stateCode: varchar('state_code', 2),
  roles: varchar('roles', 200),
  schoolId: { ...id('school_id'), nullable: true },
  programId: { ...id('program_id'), nullable: true },
  shopId: { ...id('shop_id'), nullable: true },
  createdOn: varchar('created_on', 10),
});
