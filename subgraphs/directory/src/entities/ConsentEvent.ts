import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One entry of the append-only consent log: rows are inserted, never updated or deleted.
 * `seq` numbers a person's events 1, 2, 3… in append order; it is unique per person, so two
 * concurrent changes to one person's consents cannot both take the same step.
 */
@Entity({ name: 'consent_event' })
export class ConsentEvent {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @Column({ name: 'seq', type: 'integer' })
  seq!: number;

  /** ConsentPurpose value. */
  @Column({ name: 'purpose', type: 'varchar', length: 30 })
  purpose!: string;

  /** GRANTED or WITHDRAWN. */
  @Column({ name: 'action', type: 'varchar', length: 10 })
  action!: string;

  /** ISO timestamp. */
  @Column({ name: 'at', type: 'varchar', length: 30 })
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 40 })
  actorId!: string;
}
