import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A school with automotive, collision or diesel programs. */
@Entity({ name: 'school' })
export class School {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'name', type: 'varchar', length: 120 })
  name!: string;

  /** HIGH_SCHOOL, COMMUNITY_COLLEGE or TECHNICAL_INSTITUTE. */
  @Column({ name: 'kind', type: 'varchar', length: 30 })
  kind!: string;

  @Column({ name: 'city', type: 'varchar', length: 80 })
  city!: string;

  @Column({ name: 'zip', type: 'varchar', length: 10 })
  zip!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;
}
