import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A learner in the Academy at one program; progress comes from their academy course completions. */
export class AcademyEnrollment {
  id!: string;
  personId!: string;
  programId!: string;
  stateCode!: string;
  startedOn!: string;
  completedOn!: string | null;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'academy_enrollment' })(AcademyEnrollment);
PrimaryColumn({ type: 'varchar', length: 40 })(AcademyEnrollment.prototype, 'id');
Column({ name: 'person_id', type: 'varchar', length: 40 })(AcademyEnrollment.prototype, 'personId');
Column({ name: 'program_id', type: 'varchar', length: 40 })(AcademyEnrollment.prototype, 'programId');
Column({ name: 'state_code', type: 'varchar', length: 2 })(AcademyEnrollment.prototype, 'stateCode');
Column({ name: 'started_on', type: 'varchar', length: 10 })(AcademyEnrollment.prototype, 'startedOn');
Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true })(AcademyEnrollment.prototype, 'completedOn');
