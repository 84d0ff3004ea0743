import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The current state of one consent purpose for a person: a projection of the latest
 * consent_event for (person, purpose), rewritten in the same transaction that appends the event.
 */
@Entity({ name: 'consent' })
export class Consent {
  @PrimaryColumn({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @PrimaryColumn({ name: 'purpose', type: 'varchar', length: 30 })
  purpose!: string;

  @Column({ name: 'granted', type: 'boolean' })
  granted!: boolean;

  /** ISO timestamp of the latest event. */
  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  /** Person id of who made the latest change. */
  @Column({ name: 'updated_by', type: 'varchar', length: 40 })
  updatedBy!: string;

  /** The consent_event that set this state. */
  @Column({ name: 'event_id', type: 'varchar', length: 40 })
  eventId!: string;
}
