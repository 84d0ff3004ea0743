import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A school program that delivers the I-CAR Academy; the school decides who teaches it. */
@Entity({ name: 'academy_program' })
export class AcademyProgram {
  @PrimaryColumn({ name: 'program_id', type: 'varchar', length: 40 })
  programId!: string;

  /** The program's school, so its instructors can follow their students' progress. */
  @Column({ name: 'school_id', type: 'varchar', length: 40 })
  schoolId!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ type: 'varchar', length: 10 })
  since!: string;
}
