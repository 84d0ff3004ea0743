import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DonorKind = 'MANUFACTURER' | 'DISTRIBUTOR' | 'INSURER' | 'REPAIRER' | 'FOUNDATION';

/** An organisation that gives to CREF (GraphQL `Donor`). */
export class Donor {
  id!: string;
  name!: string;
  kind!: DonorKind;
}

// TypeORM's decorators, applied as plain calls: the same metadata as `@Entity`/`@Column`, but it
// does not depend on the tsconfig tsx happens to read (the root one has no experimentalDecorators).
Entity({ name: 'donor' })(Donor);
PrimaryColumn({ type: 'varchar', length: 40 })(Donor.prototype, 'id');
Column({ type: 'varchar', length: 200 })(Donor.prototype, 'name');
Column({ type: 'varchar', length: 20 })(Donor.prototype, 'kind');
