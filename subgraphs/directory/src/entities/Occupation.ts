import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A BLS Standard Occupational Classification occupation and its national median pay. */
@Entity({ name: 'occupation' })
export class Occupation {
  @PrimaryColumn({ name: 'soc_code', type: 'varchar', length: 10 })
  socCode!: string;

  @Column({ name: 'title', type: 'varchar', length: 120 })
  title!: string;

  @Column({ name: 'median_annual_pay_usd', type: 'integer' })
  medianAnnualPayUsd!: number;

  @Column({ name: 'median_pay_year', type: 'integer' })
  medianPayYear!: number;
}
