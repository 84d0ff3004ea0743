import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DonationCategory = 'TOOLS' | 'EQUIPMENT' | 'PAINT' | 'VEHICLE' | 'SUPPLIES';

/**
 * An in-kind donation on the Donation Exchange. `quantityClaimed` only ever grows through one
 * conditional UPDATE (see resolvers/Mutation.ts), and a CHECK keeps it within `quantity`.
 */
export class DonationOffer {
  id!: string;
  donorId!: string;
  title!: string;
  category!: DonationCategory;
  unitValueUsd!: number;
  quantity!: number;
  quantityClaimed!: number;
  splittable!: boolean;
  offeredOn!: string;
}

// TypeORM's decorators, applied as plain calls: the same metadata as `@Entity`/`@Column`, but it
// does not depend on the tsconfig tsx happens to read (the root one has no experimentalDecorators).
Entity({ name: 'donation_offer' })(DonationOffer);
PrimaryColumn({ type: 'varchar', length: 40 })(DonationOffer.prototype, 'id');
Column({ type: 'varchar', length: 40, name: 'donor_id' })(DonationOffer.prototype, 'donorId');
Column({ type: 'varchar', length: 200 })(DonationOffer.prototype, 'title');
Column({ type: 'varchar', length: 20 })(DonationOffer.prototype, 'category');
Column({ type: 'double precision', name: 'unit_value_usd' })(DonationOffer.prototype, 'unitValueUsd');
Column({ type: 'integer' })(DonationOffer.prototype, 'quantity');
Column({ type: 'integer', name: 'quantity_claimed' })(DonationOffer.prototype, 'quantityClaimed');
Column({ type: 'boolean' })(DonationOffer.prototype, 'splittable');
Column({ type: 'varchar', length: 10, name: 'offered_on' })(DonationOffer.prototype, 'offeredOn');
