import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Benchmark grant to a school collision program. The amount is guarded in code
 * (rules/grants.ts: > 0 and at most the cap in rules/config.ts) and by a CHECK (> 0) in the table.
 */
@Entity({ name: 'benchmark_grant' })
export class BenchmarkGrant {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'school_id', type: 'varchar', length: 40 })
  schoolId!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ name: 'amount_usd', type: 'integer' })
  amountUsd!: number;

  @Column({ name: 'awarded_on', type: 'varchar', length: 10 })
  awardedOn!: string;

  @Column({ type: 'varchar', length: 300 })
  purpose!: string;
}
