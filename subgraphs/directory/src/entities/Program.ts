import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A training program at a school, in one discipline. */
@Entity({ name: 'program' })
export class Program {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'school_id', type: 'varchar', length: 40 })
  schoolId!: string;

  /** AUTOMOTIVE, COLLISION or DIESEL. */
  @Column({ name: 'discipline', type: 'varchar', length: 20 })
  discipline!: string;

  @Column({ name: 'name', type: 'varchar', length: 120 })
  name!: string;
}
