import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person working at a shop since a date. */
@Entity({ name: 'employment' })
export class Employment {
  @PrimaryColumn({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @PrimaryColumn({ name: 'shop_id', type: 'varchar', length: 40 })
  shopId!: string;

  /** ISO date. */
  @Column({ name: 'since', type: 'varchar', length: 10 })
  since!: string;
}
