import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A school's claim on a donation offer. `stateCode` is the school's, kept for state totals. */
@Entity({ name: 'donation_claim' })
export class DonationClaim {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'offer_id', type: 'varchar', length: 40 })
  offerId!: string;

  @Column({ name: 'school_id', type: 'varchar', length: 40 })
  schoolId!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'value_usd', type: 'double precision' })
  valueUsd!: number;

  @Column({ name: 'claimed_on', type: 'varchar', length: 10 })
  claimedOn!: string;

  /** Person id of whoever claimed it (an instructor, a school admin or a CREF admin). */
  @Column({ name: 'claimed_by', type: 'varchar', length: 40, nullable: true })
  claimedBy!: string | null;

  /** The school request this claim met, if any. */
  @Column({ name: 'request_id', type: 'varchar', length: 40, nullable: true })
  requestId!: string | null;
}
