import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * CREF's own register of the schools it serves (schools with a collision program). Seeded from
 * the demo world; cref never reads the directory's tables, so a claim checks the school here.
 */
export class SchoolRef {
  id!: string;
  name!: string;
  stateCode!: string;
}

// TypeORM's decorators, applied as plain calls: the same metadata as `@Entity`/`@Column`, but it
// does not depend on the tsconfig tsx happens to read (the root one has no experimentalDecorators).
Entity({ name: 'school_ref' })(SchoolRef);
PrimaryColumn({ type: 'varchar', length: 40 })(SchoolRef.prototype, 'id');
Column({ type: 'varchar', length: 200 })(SchoolRef.prototype, 'name');
Column({ type: 'varchar', length: 2, name: 'state_code' })(SchoolRef.prototype, 'stateCode');
