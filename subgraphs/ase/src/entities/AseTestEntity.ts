import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One ASE certification test of the catalogue (table ase_test). */
@Entity({ name: 'ase_test' })
export class AseTestEntity {
  @PrimaryColumn({ name: 'code', type: 'varchar', length: 10 })
  code!: string;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name!: string;

  /** An AseSeries value. */
  @Column({ name: 'series', type: 'varchar', length: 20 })
  series!: string;

  @Column({ name: 'entry_level', type: 'boolean' })
  entryLevel!: boolean;

  @Column({ name: 'validity_years', type: 'integer' })
  validityYears!: number;

  /** Place in ASE's own catalogue order. */
  @Column({ name: 'position', type: 'integer' })
  position!: number;
}
