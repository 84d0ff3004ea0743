import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DonorKind = 'MANUFACTURER' | 'DISTRIBUTOR' | 'INSURER' | 'REPAIRER' | 'FOUNDATION';

/** An organisation that gives to CREF (GraphQL `Donor`). */
@Entity({ name: 'donor' })
export class Donor {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: DonorKind;
}
