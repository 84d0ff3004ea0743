import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One logged day of on-the-job hours; once per apprenticeship and day. */
export class ApprenticeshipHourLog {
  id!: string;
  apprenticeshipId!: string;
  workedOn!: string;
  hours!: number;
  activity!: string;
  /** The mentor who confirmed the day; null until confirmed. */
  confirmedBy!: string | null;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'apprenticeship_hour_log' })(ApprenticeshipHourLog);
PrimaryColumn({ type: 'varchar', length: 40 })(ApprenticeshipHourLog.prototype, 'id');
Column({ name: 'apprenticeship_id', type: 'varchar', length: 40 })(ApprenticeshipHourLog.prototype, 'apprenticeshipId');
Column({ name: 'worked_on', type: 'varchar', length: 10 })(ApprenticeshipHourLog.prototype, 'workedOn');
Column({ type: 'double precision' })(ApprenticeshipHourLog.prototype, 'hours');
Column({ type: 'varchar', length: 500 })(ApprenticeshipHourLog.prototype, 'activity');
Column({ name: 'confirmed_by', type: 'varchar', length: 40, nullable: true })(ApprenticeshipHourLog.prototype, 'confirmedBy');
