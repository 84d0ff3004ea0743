import { defineEntity } from './defineEntity.ts';

/**
 * A certification earned by passing a test with the experience rule met (table certification).
 * A recertification is a new row pointing at the one it renews.
 */
export class CertificationEntity {
  id!: string;
  personId!: string;
  testCode!: string;
  earnedOn!: string;
  /** The day it lapses (the day after its last day in force). */
  expiresOn!: string;
  experienceMonthsCredited!: number;
  /** ASE's candidate number of the holder (internal). */
  candidateId!: string;
  renewalOf!: string | null;
}

defineEntity(CertificationEntity, 'certification', {
  id: { primary: true, type: 'varchar', length: 40, name: 'id' },
  personId: { type: 'varchar', length: 40, name: 'person_id' },
  testCode: { type: 'varchar', length: 10, name: 'test_code' },
  earnedOn: { type: 'varchar', length: 10, name: 'earned_on' },
  expiresOn: { type: 'varchar', length: 10, name: 'expires_on' },
  experienceMonthsCredited: { type: 'integer', name: 'experience_months_credited' },
  candidateId: { type: 'varchar', length: 20, name: 'candidate_id' },
  renewalOf: { type: 'varchar', length: 40, name: 'renewal_of', nullable: true },
});
