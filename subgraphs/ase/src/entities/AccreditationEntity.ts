import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An ASE Education Foundation accreditation of a school program (table accreditation). */
@Entity({ name: 'accreditation' })
export class AccreditationEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'program_id', type: 'varchar', length: 40 })
  programId!: string;

  /** State of the program's school, kept here so a state's list needs no other subgraph. */
  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ name: 'accredited_on', type: 'varchar', length: 10 })
  accreditedOn!: string;

  /** The day it lapses (the day after its last day in force). */
  @Column({ name: 'expires_on', type: 'varchar', length: 10 })
  expiresOn!: string;
}
