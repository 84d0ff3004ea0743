import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A course in I-CAR's catalogue: a role-track course (role + ProLevel) or an Academy course. */
@Entity({ name: 'course' })
export class Course {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Null for Academy courses, which count toward no ProLevel. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  role!: string | null;

  @Column({ name: 'pro_level', type: 'integer', nullable: true })
  proLevel!: number | null;

  @Column({ name: 'learning_area', type: 'varchar', length: 40 })
  learningArea!: string;

  @Column({ type: 'double precision' })
  hours!: number;

  @Column({ type: 'boolean' })
  academy!: boolean;
}
