import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A job posted by a shop. `shopName` is a snapshot of the directory's shop name taken when the
 * job was posted, so `JobPost.shop @provides(fields: "name")` answers without the directory.
 * The job's place (city, ZIP, lat/lon) is the shop's, copied for ZIP + radius searches.
 */
@Entity({ name: 'job_post' })
export class JobPost {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'shop_id', type: 'varchar', length: 40 })
  shopId!: string;

  @Column({ name: 'shop_name', type: 'varchar', length: 120 })
  shopName!: string;

  /** DEALER, INDEPENDENT, MSO or FLEET. */
  @Column({ name: 'shop_type', type: 'varchar', length: 12 })
  shopType!: string;

  @Column({ name: 'title', type: 'varchar', length: 120 })
  title!: string;

  /** AUTOMOTIVE, COLLISION or DIESEL. */
  @Column({ name: 'industry', type: 'varchar', length: 12 })
  industry!: string;

  @Column({ name: 'soc_code', type: 'varchar', length: 7 })
  socCode!: string;

  @Column({ name: 'pay_min_hourly_usd', type: 'double precision' })
  payMinHourlyUsd!: number;

  @Column({ name: 'pay_max_hourly_usd', type: 'double precision' })
  payMaxHourlyUsd!: number;

  @Column({ name: 'experience_years_min', type: 'integer' })
  experienceYearsMin!: number;

  /** ASE test codes, comma-joined ('' when none). */
  @Column({ name: 'required_ase_tests', type: 'text' })
  requiredAseTests!: string;

  @Column({ name: 'city', type: 'varchar', length: 80 })
  city!: string;

  @Column({ name: 'zip', type: 'varchar', length: 5 })
  zip!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ name: 'lat', type: 'double precision' })
  lat!: number;

  @Column({ name: 'lon', type: 'double precision' })
  lon!: number;

  /** ISO date. */
  @Column({ name: 'posted_on', type: 'varchar', length: 10 })
  postedOn!: string;

  /** OPEN or CLOSED. */
  @Column({ name: 'status', type: 'varchar', length: 8 })
  status!: string;

  /** WRENCHWAY or COLLISION_CAREERS. */
  @Column({ name: 'source', type: 'varchar', length: 20 })
  source!: string;
}
