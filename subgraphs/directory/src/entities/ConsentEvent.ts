import { id, integer, mapEntity, varchar } from './mapEntity.ts';

/**
 * One entry of the append-only consent log: rows are inserted, never updated or deleted.
 * `seq` numbers a person's events 1, 2, 3… in append order; it is unique per person, so two
 * concurrent changes to one person's consents cannot both take the same step.
 */
export class ConsentEvent {
  id!: string;
  personId!: string;
  seq!: number;
  /** ConsentPurpose value. */
  purpose!: string;
  /** GRANTED or WITHDRAWN. */
  action!: string;
  /** ISO timestamp. */
  at!: string;
  actorId!: string;
}

mapEntity(ConsentEvent, 'consent_event', {
  id: id('id', true),
  personId: id('person_id'),
  seq: integer('seq'),
  purpose: varchar('purpose', 30),
  action: varchar('action', 10),
  at: varchar('at', 30),
  actorId: id('actor_id'),
});
