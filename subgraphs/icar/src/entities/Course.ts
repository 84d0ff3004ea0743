import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A course in I-CAR's catalogue: a role-track course (role + ProLevel) or an Academy course. */
export class Course {
  id!: string;
  code!: string;
  title!: string;
  /** Null for Academy courses, which count toward no ProLevel. */
  role!: string | null;
  proLevel!: number | null;
  learningArea!: string;
  hours!: number;
  academy!: boolean;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'course' })(Course);
PrimaryColumn({ type: 'varchar', length: 40 })(Course.prototype, 'id');
Column({ type: 'varchar', length: 20 })(Course.prototype, 'code');
Column({ type: 'varchar', length: 200 })(Course.prototype, 'title');
Column({ type: 'varchar', length: 40, nullable: true })(Course.prototype, 'role');
Column({ name: 'pro_level', type: 'integer', nullable: true })(Course.prototype, 'proLevel');
Column({ name: 'learning_area', type: 'varchar', length: 40 })(Course.prototype, 'learningArea');
Column({ type: 'double precision' })(Course.prototype, 'hours');
Column({ type: 'boolean' })(Course.prototype, 'academy');
