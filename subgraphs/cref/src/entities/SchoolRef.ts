import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * CREF's own register of the schools it serves (schools with a collision program). Seeded from
 * the demo world; cref never reads the directory's tables, so a claim checks the school here.
 */
@Entity({ name: 'school_ref' })
export class SchoolRef {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;
}
