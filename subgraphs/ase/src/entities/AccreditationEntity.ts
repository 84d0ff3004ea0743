import { defineEntity } from './defineEntity.ts';

/** An ASE Education Foundation accreditation of a school program (table accreditation). */
export class AccreditationEntity {
  id!: string;
  programId!: string;
  /** State of the program's school, kept here so a state's list needs no other subgraph. */
  stateCode!: string;
  accreditedOn!: string;
  /** The day it lapses (the day after its last day in force). */
  expiresOn!: string;
}

defineEntity(AccreditationEntity, 'accreditation', {
  id: { primary: true, type: 'varchar', length: 40, name: 'id' },
  programId: { type: 'varchar', length: 40, name: 'program_id' },
  stateCode: { type: 'varchar', length: 2, name: 'state_code' },
  accreditedOn: { type: 'varchar', length: 10, name: 'accredited_on' },
  expiresOn: { type: 'varchar', length: 10, name: 'expires_on' },
});
