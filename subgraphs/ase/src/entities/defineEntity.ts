import { Column, Entity, PrimaryColumn, type ColumnOptions } from 'typeorm';

/** A column of an entity: TypeORM's own options, plus whether it is (part of) the primary key. */
export type ColumnSpec = ColumnOptions & { type: NonNullable<ColumnOptions['type']>; name: string; primary?: boolean };

/**
 * Maps a plain class to a table by calling TypeORM's decorator functions (@Entity, @Column,
 * @PrimaryColumn) directly, with the legacy (experimentalDecorators) signature.
 *
 * Why not `@Column` syntax: tsx applies a tsconfig only to files it includes, and the root
 * tsconfig.json (where mocha and the scripts run) includes none, so `@` syntax is compiled as
 * TC39 decorators there, which TypeORM cannot read. These calls mean the same in every mode.
 * Every property of the class must be mapped (the Record type checks it).
 */
export function defineEntity<T>(entityClass: new () => T, table: string, columns: Record<keyof T & string, ColumnSpec>): void {
  for (const [property, spec] of Object.entries(columns) as [string, ColumnSpec][]) {
    const { primary, ...options } = spec;
    (primary ? PrimaryColumn({ ...options, nullable: false }) : Column(options))(entityClass.prototype as object, property);
  }
  Entity({ name: table })(entityClass);
}
