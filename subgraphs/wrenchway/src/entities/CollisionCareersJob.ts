import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * WrenchWay's copy of I-CAR's Collision Careers board, seeded from the same demo-world list as
 * icar's, so the gateway can move `Query.collisionCareersJobs` over progressively.
 */
@Entity({ name: 'collision_careers_job' })
export class CollisionCareersJob {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'title', type: 'varchar', length: 120 })
  title!: string;

  @Column({ name: 'shop_id', type: 'varchar', length: 40 })
  shopId!: string;

  @Column({ name: 'shop_name', type: 'varchar', length: 120 })
  shopName!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ name: 'city', type: 'varchar', length: 80 })
  city!: string;

  @Column({ name: 'zip', type: 'varchar', length: 5 })
  zip!: string;

  /** ISO date. */
  @Column({ name: 'posted_on', type: 'varchar', length: 10 })
  postedOn!: string;
}
