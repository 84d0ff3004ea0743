import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A ProLevel credential I-CAR issued (sent to the directory's wallet as CredentialIssued). */
@Entity({ name: 'credential' })
export class Credential {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @Column({ type: 'varchar', length: 40 })
  role!: string;

  @Column({ name: 'pro_level', type: 'integer' })
  proLevel!: number;

  @Column({ name: 'earned_on', type: 'varchar', length: 10 })
  earnedOn!: string;
}
