import { defineEntity } from './defineEntity.ts';

/**
 * A job posted by a shop. `shopName` is a snapshot of the directory's shop name taken when the
 * job was posted, so `JobPost.shop @provides(fields: "name")` answers without the directory.
 * The job's place (city, ZIP, lat/lon) is the shop's, copied for ZIP + radius searches.
 */
export class JobPost {
  id!: string;
  shopId!: string;
  shopName!: string;

  /** DEALER, INDEPENDENT, MSO or FLEET. */
  shopType!: string;
  title!: string;

  /** AUTOMOTIVE, COLLISION or DIESEL. */
  industry!: string;
  socCode!: string;
  payMinHourlyUsd!: number;
  payMaxHourlyUsd!: number;
  experienceYearsMin!: number;

  /** ASE test codes, comma-joined ('' when none). */
  requiredAseTests!: string;
  city!: string;
  zip!: string;
  stateCode!: string;
  lat!: number;
  lon!: number;

  /** ISO date. */
  postedOn!: string;

  /** OPEN or CLOSED. */
  status!: string;

  /** WRENCHWAY or COLLISION_CAREERS. */
  source!: string;
}

defineEntity(JobPost, 'job_post', {
  id: { primary: true, name: 'id', type: 'varchar', length: 40 },
  shopId: { name: 'shop_id', type: 'varchar', length: 40 },
  shopName: { name: 'shop_name', type: 'varchar', length: 120 },
  shopType: { name: 'shop_type', type: 'varchar', length: 12 },
  title: { name: 'title', type: 'varchar', length: 120 },
  industry: { name: 'industry', type: 'varchar', length: 12 },
  socCode: { name: 'soc_code', type: 'varchar', length: 7 },
  payMinHourlyUsd: { name: 'pay_min_hourly_usd', type: 'double precision' },
  payMaxHourlyUsd: { name: 'pay_max_hourly_usd', type: 'double precision' },
  experienceYearsMin: { name: 'experience_years_min', type: 'integer' },
  requiredAseTests: { name: 'required_ase_tests', type: 'text' },
  city: { name: 'city', type: 'varchar', length: 80 },
  zip: { name: 'zip', type: 'varchar', length: 5 },
  stateCode: { name: 'state_code', type: 'varchar', length: 2 },
  lat: { name: 'lat', type: 'double precision' },
  lon: { name: 'lon', type: 'double precision' },
  postedOn: { name: 'posted_on', type: 'varchar', length: 10 },
  status: { name: 'status', type: 'varchar', length: 8 },
  source: { name: 'source', type: 'varchar', length: 20 },
});
