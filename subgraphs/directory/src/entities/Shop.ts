import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A repair shop, dealership or fleet that employs technicians. */
@Entity({ name: 'shop' })
export class Shop {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'name', type: 'varchar', length: 120 })
  name!: string;

  /** DEALER, INDEPENDENT, MSO or FLEET. */
  @Column({ name: 'type', type: 'varchar', length: 20 })
  type!: string;

  /** AUTOMOTIVE, COLLISION or DIESEL. */
  @Column({ name: 'industry', type: 'varchar', length: 20 })
  industry!: string;

  @Column({ name: 'city', type: 'varchar', length: 80 })
  city!: string;

  @Column({ name: 'zip', type: 'varchar', length: 10 })
  zip!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  /** ISO date the shop opened. */
  @Column({ name: 'opened_on', type: 'varchar', length: 10 })
  openedOn!: string;
}
