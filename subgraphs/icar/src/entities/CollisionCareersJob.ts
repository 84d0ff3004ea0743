import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A job on the legacy Collision Careers board (WrenchWay holds the same list during the move). */
@Entity({ name: 'collision_careers_job' })
export class CollisionCareersJob {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  title!: string;

  @Column({ name: 'shop_id', type: 'varchar', length: 40 })
  shopId!: string;

  @Column({ name: 'shop_name', type: 'varchar', length: 200 })
  shopName!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Column({ type: 'varchar', length: 10 })
  zip!: string;

  @Column({ name: 'posted_on', type: 'varchar', length: 10 })
  postedOn!: string;
}
