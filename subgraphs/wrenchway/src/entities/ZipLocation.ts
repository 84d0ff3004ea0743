import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A ZIP code's centre, copied from the demo world's ZIPs: the centre of ZIP + radius searches. */
@Entity({ name: 'zip_location' })
export class ZipLocation {
  @PrimaryColumn({ name: 'zip', type: 'varchar', length: 5 })
  zip!: string;

  @Column({ name: 'city', type: 'varchar', length: 80 })
  city!: string;

  @Column({ name: 'state_code', type: 'varchar', length: 2 })
  stateCode!: string;

  @Column({ name: 'lat', type: 'double precision' })
  lat!: number;

  @Column({ name: 'lon', type: 'double precision' })
  lon!: number;
}
