import { defineEntity } from './defineEntity.ts';

/** A person's application to a job; at most one per person and job (unique index). */
export class JobApplication {
  id!: string;
  jobId!: string;
  personId!: string;

  /** ISO date. */
  appliedOn!: string;

  /** SUBMITTED, IN_REVIEW, DECLINED or HIRED. */
  status!: string;
  note!: string | null;
}

defineEntity(JobApplication, 'job_application', {
  id: { primary: true, name: 'id', type: 'varchar', length: 40 },
  jobId: { name: 'job_id', type: 'varchar', length: 40 },
  personId: { name: 'person_id', type: 'varchar', length: 40 },
  appliedOn: { name: 'applied_on', type: 'varchar', length: 10 },
  status: { name: 'status', type: 'varchar', length: 12 },
  note: { name: 'note', type: 'text', nullable: true },
});
