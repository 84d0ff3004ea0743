import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A job on the legacy Collision Careers board (WrenchWay holds the same list during the move). */
export class CollisionCareersJob {
  id!: string;
  title!: string;
  shopId!: string;
  shopName!: string;
  stateCode!: string;
  city!: string;
  zip!: string;
  postedOn!: string;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'collision_careers_job' })(CollisionCareersJob);
PrimaryColumn({ type: 'varchar', length: 40 })(CollisionCareersJob.prototype, 'id');
Column({ type: 'varchar', length: 120 })(CollisionCareersJob.prototype, 'title');
Column({ name: 'shop_id', type: 'varchar', length: 40 })(CollisionCareersJob.prototype, 'shopId');
Column({ name: 'shop_name', type: 'varchar', length: 200 })(CollisionCareersJob.prototype, 'shopName');
Column({ name: 'state_code', type: 'varchar', length: 2 })(CollisionCareersJob.prototype, 'stateCode');
Column({ type: 'varchar', length: 100 })(CollisionCareersJob.prototype, 'city');
Column({ type: 'varchar', length: 10 })(CollisionCareersJob.prototype, 'zip');
Column({ name: 'posted_on', type: 'varchar', length: 10 })(CollisionCareersJob.prototype, 'postedOn');
