import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Benchmark grant to a school collision program. The amount is guarded in code
 * (rules/grants.ts: > 0 and at most the cap in rules/config.ts) and by a CHECK (> 0) in the table.
 */
export class BenchmarkGrant {
  id!: string;
  schoolId!: string;
  stateCode!: string;
  year!: number;
  amountUsd!: number;
  awardedOn!: string;
  purpose!: string;
}

// TypeORM's decorators, applied as plain calls: the same metadata as `@Entity`/`@Column`, but it
// does not depend on the tsconfig tsx happens to read (the root one has no experimentalDecorators).
Entity({ name: 'benchmark_grant' })(BenchmarkGrant);
PrimaryColumn({ type: 'varchar', length: 40 })(BenchmarkGrant.prototype, 'id');
Column({ type: 'varchar', length: 40, name: 'school_id' })(BenchmarkGrant.prototype, 'schoolId');
Column({ type: 'varchar', length: 2, name: 'state_code' })(BenchmarkGrant.prototype, 'stateCode');
Column({ type: 'integer' })(BenchmarkGrant.prototype, 'year');
Column({ type: 'integer', name: 'amount_usd' })(BenchmarkGrant.prototype, 'amountUsd');
Column({ type: 'varchar', length: 10, name: 'awarded_on' })(BenchmarkGrant.prototype, 'awardedOn');
Column({ type: 'varchar', length: 300 })(BenchmarkGrant.prototype, 'purpose');
