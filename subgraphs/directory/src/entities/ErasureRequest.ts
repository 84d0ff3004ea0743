import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's (or their guardian's) request to erase their data: kept as the record that it was done. */
@Entity({ name: 'erasure_request' })
export class ErasureRequest {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 40 })
  personId!: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 40 })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'varchar', length: 30 })
  requestedAt!: string;
}
