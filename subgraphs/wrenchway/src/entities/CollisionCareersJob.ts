import { defineEntity } from './defineEntity.ts';

/**
 * WrenchWay's copy of I-CAR's Collision Careers board, seeded from the same demo-world list as
 * icar's, so the gateway can move `Query.collisionCareersJobs` over progressively.
 */
export class CollisionCareersJob {
  id!: string;
  title!: string;
  shopId!: string;
  shopName!: string;
  stateCode!: string;
  city!: string;
  zip!: string;

  /** ISO date. */
  postedOn!: string;
}

defineEntity(CollisionCareersJob, 'collision_careers_job', {
  id: { primary: true, name: 'id', type: 'varchar', length: 40 },
  title: { name: 'title', type: 'varchar', length: 120 },
  shopId: { name: 'shop_id', type: 'varchar', length: 40 },
  shopName: { name: 'shop_name', type: 'varchar', length: 120 },
  stateCode: { name: 'state_code', type: 'varchar', length: 2 },
  city: { name: 'city', type: 'varchar', length: 80 },
  zip: { name: 'zip', type: 'varchar', length: 5 },
  postedOn: { name: 'posted_on', type: 'varchar', length: 10 },
});
