import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person in a course; once per person and course. */
@Entity({ name: 'course_enrollment' })
export class CourseEnrollment {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @Column({ name: 'course_id', type: 'varchar', length: 40 })
  courseId!: string;

  @Column({ name: 'enrolled_on', type: 'varchar', length: 10 })
  enrolledOn!: string;

  @Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true })
  completedOn!: string | null;
}
