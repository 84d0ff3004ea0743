import { defineEntity } from './defineEntity.ts';

/**
 * One anonymous self-reported wage for the Technician Pay Tool. Deliberately no person id:
 * the tool only ever shows aggregates, and the table cannot be joined back to a person.
 */
export class PayReport {
  id!: string;

  /** AUTOMOTIVE, COLLISION or DIESEL. */
  industry!: string;

  /** DEALER, INDEPENDENT, MSO or FLEET. */
  shopType!: string;
  zip!: string;
  lat!: number;
  lon!: number;
  stateCode!: string;
  yearsExperience!: number;

  /** ENTRY, CERTIFIED or MASTER. */
  credentialTier!: string;
  hourlyUsd!: number;

  /** ISO date. */
  reportedOn!: string;
}

defineEntity(PayReport, 'pay_report', {
  id: { primary: true, name: 'id', type: 'varchar', length: 40 },
  industry: { name: 'industry', type: 'varchar', length: 12 },
  shopType: { name: 'shop_type', type: 'varchar', length: 12 },
  zip: { name: 'zip', type: 'varchar', length: 5 },
  lat: { name: 'lat', type: 'double precision' },
  lon: { name: 'lon', type: 'double precision' },
  stateCode: { name: 'state_code', type: 'varchar', length: 2 },
  yearsExperience: { name: 'years_experience', type: 'integer' },
  credentialTier: { name: 'credential_tier', type: 'varchar', length: 10 },
  hourlyUsd: { name: 'hourly_usd', type: 'double precision' },
  reportedOn: { name: 'reported_on', type: 'varchar', length: 10 },
});
