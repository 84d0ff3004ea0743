import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A DOL Registered Apprenticeship: apprentice, mentor, shop, target occupation. */
export class Apprenticeship {
  id!: string;
  apprenticeId!: string;
  mentorId!: string;
  shopId!: string;
  socCode!: string;
  startedOn!: string;
  requiredHours!: number;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'apprenticeship' })(Apprenticeship);
PrimaryColumn({ type: 'varchar', length: 40 })(Apprenticeship.prototype, 'id');
Column({ name: 'apprentice_id', type: 'varchar', length: 40 })(Apprenticeship.prototype, 'apprenticeId');
Column({ name: 'mentor_id', type: 'varchar', length: 40 })(Apprenticeship.prototype, 'mentorId');
Column({ name: 'shop_id', type: 'varchar', length: 40 })(Apprenticeship.prototype, 'shopId');
Column({ name: 'soc_code', type: 'varchar', length: 10 })(Apprenticeship.prototype, 'socCode');
Column({ name: 'started_on', type: 'varchar', length: 10 })(Apprenticeship.prototype, 'startedOn');
Column({ name: 'required_hours', type: 'integer' })(Apprenticeship.prototype, 'requiredHours');
