import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A CREF scholarship to a student of a collision program. Private to the student (and guardian). */
@Entity({ name: 'scholarship' })
export class Scholarship {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @Column({ name: 'school_id', type: 'varchar', length: 40 })
  schoolId!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ name: 'amount_usd', type: 'integer' })
  amountUsd!: number;
}
