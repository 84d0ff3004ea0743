import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DonationCategory } from './DonationOffer.ts';

export type SchoolRequestStatus = 'OPEN' | 'FULFILLED';

/** What a school asked the Donation Exchange for. A claim that meets it marks it FULFILLED. */
export class SchoolRequest {
  id!: string;
  schoolId!: string;
  category!: DonationCategory;
  description!: string;
  quantity!: number;
  requestedOn!: string;
  status!: SchoolRequestStatus;
}

// TypeORM's decorators, applied as plain calls: the same metadata as `@Entity`/`@Column`, but it
// does not depend on the tsconfig tsx happens to read (the root one has no experimentalDecorators).
Entity({ name: 'school_request' })(SchoolRequest);
PrimaryColumn({ type: 'varchar', length: 40 })(SchoolRequest.prototype, 'id');
Column({ type: 'varchar', length: 40, name: 'school_id' })(SchoolRequest.prototype, 'schoolId');
Column({ type: 'varchar', length: 20 })(SchoolRequest.prototype, 'category');
Column({ type: 'text' })(SchoolRequest.prototype, 'description');
Column({ type: 'integer' })(SchoolRequest.prototype, 'quantity');
Column({ type: 'varchar', length: 10, name: 'requested_on' })(SchoolRequest.prototype, 'requestedOn');
Column({ type: 'varchar', length: 10 })(SchoolRequest.prototype, 'status');
