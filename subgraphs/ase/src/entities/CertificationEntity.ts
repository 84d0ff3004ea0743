import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A certification earned by passing a test with the experience rule met (table certification).
 * A recertification is a new row pointing at the one it renews.
 */
@Entity({ name: 'certification' })
export class CertificationEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @Column({ name: 'test_code', type: 'varchar', length: 10 })
  testCode!: string;

  @Column({ name: 'earned_on', type: 'varchar', length: 10 })
  earnedOn!: string;

  /** The day it lapses (the day after its last day in force). */
  @Column({ name: 'expires_on', type: 'varchar', length: 10 })
  expiresOn!: string;

  @Column({ name: 'experience_months_credited', type: 'integer' })
  experienceMonthsCredited!: number;

  /** ASE's candidate number of the holder (internal). */
  @Column({ name: 'candidate_id', type: 'varchar', length: 20 })
  candidateId!: string;

  @Column({ name: 'renewal_of', type: 'varchar', length: 40, nullable: true })
  renewalOf!: string | null;
}
