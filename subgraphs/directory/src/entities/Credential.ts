import { id, mapEntity, varchar } from './mapEntity.ts';

/**
 * A credential in a person's wallet, recorded from an issuer's CredentialIssued event. The id is
 * the issuer's record id.
 */
export class Credential {
  id!: string;
  personId!: string;
  /** ASE or ICAR. */
  issuer!: string;
  title!: string;
  /** ISO date. */
  earnedOn!: string;
  /** ISO date; null when it does not expire. */
  expiresOn!: string | null;
}

mapEntity(Credential, 'credential', {
  id: id('id', true),
  personId: id('person_id'),
  issuer: varchar('issuer', 10),
  title: varchar('title', 200),
  earnedOn: varchar('earned_on', 10),
  expiresOn: varchar('expires_on', 10, true),
});
