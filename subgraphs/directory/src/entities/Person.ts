import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person in the pipeline. Names, contact and birth date are private: resolvers decide who sees
 * them. Roles are kept as comma-joined text (e.g. `APPRENTICE,TECHNICIAN`): a handful of fixed
 * values read with the row, never filtered on in SQL.
 */
@Entity({ name: 'person' })
export class Person {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'given_name', type: 'varchar', length: 80 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 80 })
  familyName!: string;

  @Column({ name: 'email', type: 'varchar', length: 200 })
  email!: string;

  @Column({ name: 'phone', type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  /** ISO date. */
  @Column({ name: 'birth_date', type: 'varchar', length: 10 })
  birthDate!: string;

  @Column({ name: 'home_zip', type: 'varchar', length: 10 })
  homeZip!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  /** Comma-joined PersonRole values, in rules/roles.ts order. */
  @Column({ name: 'roles', type: 'varchar', length: 200 })
  roles!: string;

  @Column({ name: 'school_id', type: 'varchar', length: 40, nullable: true })
  schoolId!: string | null;

  @Column({ name: 'program_id', type: 'varchar', length: 40, nullable: true })
  programId!: string | null;

  @Column({ name: 'shop_id', type: 'varchar', length: 40, nullable: true })
  shopId!: string | null;

  /** ISO date the account was created. */
  @Column({ name: 'created_on', type: 'varchar', length: 10 })
  createdOn!: string;
}
