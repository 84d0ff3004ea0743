import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A learner in the Academy at one program; progress comes from their academy course completions. */
@Entity({ name: 'academy_enrollment' })
export class AcademyEnrollment {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @Column({ name: 'program_id', type: 'varchar', length: 40 })
  programId!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ name: 'started_on', type: 'varchar', length: 10 })
  startedOn!: string;

  @Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true })
  completedOn!: string | null;
}
