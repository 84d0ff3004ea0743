import { defineEntity } from './defineEntity.ts';

/** A School Assist connection between a school (free) and a local shop (pays yearly). */
export class SchoolAssistLink {
  id!: string;
  schoolId!: string;
  shopId!: string;

  /** ISO date. */
  since!: string;
  annualFeeUsd!: number;
}

defineEntity(SchoolAssistLink, 'school_assist_link', {
  id: { primary: true, name: 'id', type: 'varchar', length: 40 },
  schoolId: { name: 'school_id', type: 'varchar', length: 40 },
  shopId: { name: 'shop_id', type: 'varchar', length: 40 },
  since: { name: 'since', type: 'varchar', length: 10 },
  annualFeeUsd: { name: 'annual_fee_usd', type: 'integer' },
});
