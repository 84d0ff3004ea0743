import { defineEntity } from './defineEntity.ts';

/** One ASE certification test of the catalogue (table ase_test). */
export class AseTestEntity {
  code!: string;
  name!: string;
  /** An AseSeries value. */
  series!: string;
  entryLevel!: boolean;
  validityYears!: number;
  /** Place in ASE's own catalogue order. */
  position!: number;
}

defineEntity(AseTestEntity, 'ase_test', {
  code: { primary: true, type: 'varchar', length: 10, name: 'code' },
  name: { type: 'varchar', length: 100, name: 'name' },
  series: { type: 'varchar', length: 20, name: 'series' },
  entryLevel: { type: 'boolean', name: 'entry_level' },
  validityYears: { type: 'integer', name: 'validity_years' },
  position: { type: 'integer', name: 'position' },
});
