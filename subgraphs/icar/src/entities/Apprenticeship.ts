import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A DOL Registered Apprenticeship: apprentice, mentor, shop, target occupation. */
@Entity({ name: 'apprenticeship' })
export class Apprenticeship {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'apprentice_id', type: 'varchar', length: 40 })
  apprenticeId!: string;

  @Column({ name: 'mentor_id', type: 'varchar', length: 40 })
  mentorId!: string;

  @Column({ name: 'shop_id', type: 'varchar', length: 40 })
  shopId!: string;

  @Column({ name: 'soc_code', type: 'varchar', length: 10 })
  socCode!: string;

  @Column({ name: 'started_on', type: 'varchar', length: 10 })
  startedOn!: string;

  @Column({ name: 'required_hours', type: 'integer' })
  requiredHours!: number;
}
