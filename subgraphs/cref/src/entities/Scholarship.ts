import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A CREF scholarship to a student of a collision program. Private to the student (and guardian). */
export class Scholarship {
  id!: string;
  personId!: string;
  schoolId!: string;
  stateCode!: string;
  year!: number;
  amountUsd!: number;
}

// TypeORM's decorators, applied as plain calls: the same metadata as `@Entity`/`@Column`, but it
// does not depend on the tsconfig tsx happens to read (the root one has no experimentalDecorators).
Entity({ name: 'scholarship' })(Scholarship);
PrimaryColumn({ type: 'varchar', length: 40 })(Scholarship.prototype, 'id');
Column({ type: 'varchar', length: 40, name: 'person_id' })(Scholarship.prototype, 'personId');
Column({ type: 'varchar', length: 40, name: 'school_id' })(Scholarship.prototype, 'schoolId');
Column({ type: 'varchar', length: 2, name: 'state_code' })(Scholarship.prototype, 'stateCode');
Column({ type: 'integer' })(Scholarship.prototype, 'year');
Column({ type: 'integer', name: 'amount_usd' })(Scholarship.prototype, 'amountUsd');
