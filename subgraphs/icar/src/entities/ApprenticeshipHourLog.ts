import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One logged day of on-the-job hours; once per apprenticeship and day. */
@Entity({ name: 'apprenticeship_hour_log' })
export class ApprenticeshipHourLog {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'apprenticeship_id', type: 'varchar', length: 40 })
  apprenticeshipId!: string;

  @Column({ name: 'worked_on', type: 'varchar', length: 10 })
  workedOn!: string;

  @Column({ type: 'double precision' })
  hours!: number;

  @Column({ type: 'varchar', length: 500 })
  activity!: string;

  /** The mentor who confirmed the day; null until confirmed. */
  @Column({ name: 'confirmed_by', type: 'varchar', length: 40, nullable: true })
  confirmedBy!: string | null;
}
