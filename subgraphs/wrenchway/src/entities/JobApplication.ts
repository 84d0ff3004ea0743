import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's application to a job; at most one per person and job (unique index). */
@Entity({ name: 'job_application' })
export class JobApplication {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'job_id', type: 'varchar', length: 40 })
  jobId!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  /** ISO date. */
  @Column({ name: 'applied_on', type: 'varchar', length: 10 })
  appliedOn!: string;

  /** SUBMITTED, IN_REVIEW, DECLINED or HIRED. */
  @Column({ name: 'status', type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;
}
