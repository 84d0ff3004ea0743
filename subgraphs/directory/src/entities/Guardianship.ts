import { Entity, PrimaryColumn } from 'typeorm';

/** A guardian of a minor. The source of truth for guardian rights (a token's `wards` is only a hint). */
@Entity({ name: 'guardianship' })
export class Guardianship {
  @PrimaryColumn({ name: 'guardian_id', type: 'varchar', length: 40 })
  guardianId!: string;

  @PrimaryColumn({ name: 'ward_id', type: 'varchar', length: 40 })
  wardId!: string;
}
