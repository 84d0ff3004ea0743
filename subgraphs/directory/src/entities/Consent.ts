import { boolean, id, mapEntity, varchar } from './mapEntity.ts';

/**
 * The current state of one consent purpose for a person: a projection of the latest
 * consent_event for (person, purpose), rewritten in the same transaction that appends the event.
 */
export class Consent {
  personId!: string;
  purpose!: string;
  granted!: boolean;
  /** ISO timestamp of the latest event. */
  updatedAt!: string;
  /** Person id of who made the latest change. */
  updatedBy!: string;
  /** The consent_event that set this state. */
  eventId!: string;
}

mapEntity(Consent, 'consent', {
  personId: id('person_id', true),
  purpose: { ...varchar('purpose', 30), primary: true },
  granted: boolean('granted'),
  updatedAt: varchar('updated_at', 30),
  updatedBy: id('updated_by'),
  eventId: id('event_id'),
});
