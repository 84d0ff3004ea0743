import { id, mapEntity, varchar } from './mapEntity.ts';

/** A training program at a school, in one discipline. */
export class Program {
  id!: string;
  schoolId!: string;
  /** AUTOMOTIVE, COLLISION or DIESEL. */
  discipline!: string;
  name!: string;
}

mapEntity(Program, 'program', {
  id: id('id', true),
  schoolId: id('school_id'),
  discipline: varchar('discipline', 20),
  name: varchar('name', 120),
});
