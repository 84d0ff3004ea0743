import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DonationCategory = 'TOOLS' | 'EQUIPMENT' | 'PAINT' | 'VEHICLE' | 'SUPPLIES';

/**
 * An in-kind donation on the Donation Exchange. `quantityClaimed` only ever grows through one
 * conditional UPDATE (see resolvers/Mutation.ts), and a CHECK keeps it within `quantity`.
 */
@Entity({ name: 'donation_offer' })
export class DonationOffer {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'donor_id', type: 'varchar', length: 40 })
  donorId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: DonationCategory;

  @Column({ name: 'unit_value_usd', type: 'double precision' })
  unitValueUsd!: number;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'quantity_claimed', type: 'integer' })
  quantityClaimed!: number;

  @Column({ type: 'boolean' })
  splittable!: boolean;

  @Column({ name: 'offered_on', type: 'varchar', length: 10 })
  offeredOn!: string;
}
