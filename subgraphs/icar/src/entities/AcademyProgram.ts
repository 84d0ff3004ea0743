import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A school program that delivers the I-CAR Academy; the school decides who teaches it. */
export class AcademyProgram {
  programId!: string;
  /** The program's school, so its instructors can follow their students' progress. */
  schoolId!: string;
  stateCode!: string;
  since!: string;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'academy_program' })(AcademyProgram);
PrimaryColumn({ name: 'program_id', type: 'varchar', length: 40 })(AcademyProgram.prototype, 'programId');
Column({ name: 'school_id', type: 'varchar', length: 40 })(AcademyProgram.prototype, 'schoolId');
Column({ name: 'state_code', type: 'varchar', length: 2 })(AcademyProgram.prototype, 'stateCode');
Column({ type: 'varchar', length: 10 })(AcademyProgram.prototype, 'since');
