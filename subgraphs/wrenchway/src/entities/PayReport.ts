import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One anonymous self-reported wage for the Technician Pay Tool. Deliberately no person id:
 * the tool only ever shows aggregates, and the table cannot be joined back to a person.
 */
@Entity({ name: 'pay_report' })
export class PayReport {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  /** AUTOMOTIVE, COLLISION or DIESEL. */
  @Column({ name: 'industry', type: 'varchar', length: 12 })
  industry!: string;

  /** DEALER, INDEPENDENT, MSO or FLEET. */
  @Column({ name: 'shop_type', type: 'varchar', length: 12 })
  shopType!: string;

  @Column({ name: 'zip', type: 'varchar', length: 5 })
  zip!: string;

  @Column({ name: 'lat', type: 'double precision' })
  lat!: number;

  @Column({ name: 'lon', type: 'double precision' })
  lon!: number;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ name: 'years_experience', type: 'integer' })
  yearsExperience!: number;

  /** ENTRY, CERTIFIED or MASTER. */
  @Column({ name: 'credential_tier', type: 'varchar', length: 10 })
  credentialTier!: string;

  @Column({ name: 'hourly_usd', type: 'double precision' })
  hourlyUsd!: number;

  /** ISO date. */
  @Column({ name: 'reported_on', type: 'varchar', length: 10 })
  reportedOn!: string;
}
