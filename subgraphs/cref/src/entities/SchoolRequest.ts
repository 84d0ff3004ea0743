import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DonationCategory } from './DonationOffer.ts';

export type SchoolRequestStatus = 'OPEN' | 'FULFILLED';

/** What a school asked the Donation Exchange for. A claim that meets it marks it FULFILLED. */
@Entity({ name: 'school_request' })
export class SchoolRequest {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'school_id', type: 'varchar', length: 40 })
  schoolId!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: DonationCategory;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'requested_on', type: 'varchar', length: 10 })
  requestedOn!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: SchoolRequestStatus;
}
