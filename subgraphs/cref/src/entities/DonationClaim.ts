import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A school's claim on a donation offer. `stateCode` is the school's, kept for state totals. */
export class DonationClaim {
  id!: string;
  offerId!: string;
  schoolId!: string;
  stateCode!: string;
  quantity!: number;
  valueUsd!: number;
  claimedOn!: string;

  /** Person id of whoever claimed it (an instructor, a school admin or a CREF admin). */
  claimedBy!: string | null;

  /** The school request this claim met, if any. */
  requestId!: string | null;
}

// TypeORM's decorators, applied as plain calls: the same metadata as `@Entity`/`@Column`, but it
// does not depend on the tsconfig tsx happens to read (the root one has no experimentalDecorators).
Entity({ name: 'donation_claim' })(DonationClaim);
PrimaryColumn({ type: 'varchar', length: 40 })(DonationClaim.prototype, 'id');
Column({ type: 'varchar', length: 40, name: 'offer_id' })(DonationClaim.prototype, 'offerId');
Column({ type: 'varchar', length: 40, name: 'school_id' })(DonationClaim.prototype, 'schoolId');
Column({ type: 'varchar', length: 2, name: 'state_code' })(DonationClaim.prototype, 'stateCode');
Column({ type: 'integer' })(DonationClaim.prototype, 'quantity');
Column({ type: 'double precision', name: 'value_usd' })(DonationClaim.prototype, 'valueUsd');
Column({ type: 'varchar', length: 10, name: 'claimed_on' })(DonationClaim.prototype, 'claimedOn');
Column({ type: 'varchar', length: 40, name: 'claimed_by', nullable: true })(DonationClaim.prototype, 'claimedBy');
Column({ type: 'varchar', length: 40, name: 'request_id', nullable: true })(DonationClaim.prototype, 'requestId');
