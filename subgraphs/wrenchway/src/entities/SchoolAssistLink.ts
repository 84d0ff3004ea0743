import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A School Assist connection between a school (free) and a local shop (pays yearly). */
@Entity({ name: 'school_assist_link' })
export class SchoolAssistLink {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'school_id', type: 'varchar', length: 40 })
  schoolId!: string;

  @Column({ name: 'shop_id', type: 'varchar', length: 40 })
  shopId!: string;

  /** ISO date. */
  @Column({ name: 'since', type: 'varchar', length: 10 })
  since!: string;

  @Column({ name: 'annual_fee_usd', type: 'integer' })
  annualFeeUsd!: number;
}
