import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A ProLevel credential I-CAR issued (sent to the directory's wallet as CredentialIssued). */
export class Credential {
  id!: string;
  personId!: string;
  role!: string;
  proLevel!: number;
  earnedOn!: string;
}

// TypeORM's decorators applied as plain calls: the same metadata as `@Entity`/`@Column`, without
// depending on which tsconfig tsx reads (the root one does not give it experimentalDecorators).
Entity({ name: 'credential' })(Credential);
PrimaryColumn({ type: 'varchar', length: 40 })(Credential.prototype, 'id');
Column({ name: 'person_id', type: 'varchar', length: 40 })(Credential.prototype, 'personId');
Column({ type: 'varchar', length: 40 })(Credential.prototype, 'role');
Column({ name: 'pro_level', type: 'integer' })(Credential.prototype, 'proLevel');
Column({ name: 'earned_on', type: 'varchar', length: 10 })(Credential.prototype, 'earnedOn');
