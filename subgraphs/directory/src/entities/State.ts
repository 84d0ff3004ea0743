import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A US state (or DC) with data in the graph, keyed by its USPS code. */
@Entity({ name: 'state' })
export class State {
  @PrimaryColumn({ name: 'code', type: 'varchar', length: 2 })
  code!: string;

  @Column({ name: 'name', type: 'varchar', length: 60 })
  name!: string;
}
