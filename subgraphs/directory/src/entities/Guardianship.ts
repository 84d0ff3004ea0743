import { id, mapEntity } from './mapEntity.ts';

/** A guardian of a minor. The source of truth for guardian rights (a token's `wards` is only a hint). */
export class Guardianship {
  guardianId!: string;
  wardId!: string;
}

mapEntity(Guardianship, 'guardianship', {
  guardianId: id('guardian_id', true),
  wardId: id('ward_id', true),
});
