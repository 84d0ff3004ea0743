import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A credential in a person's wallet, recorded from an issuer's CredentialIssued event. The id is
 * the issuer's record id.
 */
@Entity({ name: 'credential' })
export class Credential {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  /** ASE or ICAR. */
  @Column({ name: 'issuer', type: 'varchar', length: 10 })
  issuer!: string;

  @Column({ name: 'title', type: 'varchar', length: 200 })
  title!: string;

  /** ISO date. */
  @Column({ name: 'earned_on', type: 'varchar', length: 10 })
  earnedOn!: string;

  /** ISO date; null when it does not expire. */
  @Column({ name: 'expires_on', type: 'varchar', length: 10, nullable: true })
  expiresOn!: string | null;
}
