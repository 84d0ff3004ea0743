import { defineEntity } from './defineEntity.ts';

/** A ZIP code's centre, copied from the demo world's ZIPs: the centre of ZIP + radius searches. */
export class ZipLocation {
  zip!: string;
  city!: string;
  stateCode!: string;
  lat!: number;
  lon!: number;
}

defineEntity(ZipLocation, 'zip_location', {
  zip: { primary: true, name: 'zip', type: 'varchar', length: 5 },
  city: { name: 'city', type: 'varchar', length: 80 },
  stateCode: { name: 'state_code', type: 'varchar', length: 2 },
  lat: { name: 'lat', type: 'double precision' },
  lon: { name: 'lon', type: 'double precision' },
});
