import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person in a course; once per person and course. */
export class CourseEnrollment {
  id!: string;
  personId!: string;
  courseId!: string;
  enrolledOn!: string;
  completedOn!: string | null;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'course_enrollment' })(CourseEnrollment);
PrimaryColumn({ type: 'varchar', length: 40 })(CourseEnrollment.prototype, 'id');
Column({ name: 'person_id', type: 'varchar', length: 40 })(CourseEnrollment.prototype, 'personId');
Column({ name: 'course_id', type: 'varchar', length: 40 })(CourseEnrollment.prototype, 'courseId');
Column({ name: 'enrolled_on', type: 'varchar', length: 10 })(CourseEnrollment.prototype, 'enrolledOn');
Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true })(CourseEnrollment.prototype, 'completedOn');
