import { Column, Entity, PrimaryColumn, type ColumnOptions } from 'typeorm';

/** A column: TypeORM's own options with an explicit type and snake_case name, maybe the primary key. */
export type ColumnSpec = ColumnOptions & { type: NonNullable<ColumnOptions['type']>; name: string; primary?: boolean };

/**
 * Maps a plain class to a table by calling TypeORM's decorator functions (@Entity, @Column,
 * @PrimaryColumn) with their legacy (experimentalDecorators) signature.
 *
 * Why not `@Column` syntax: tsx applies the tsconfig of the directory it runs in, and the root
 * tsconfig.json (where mocha and the scripts run) sets no compiler options, so `@` syntax would
 * compile as TC39 decorators there, which TypeORM cannot read. These calls mean the same in
 * every mode. The Record type makes every property of the class be mapped.
 */
export function defineEntity<T>(entityClass: new () => T, table: string, columns: Record<keyof T & string, ColumnSpec>): void {
  for (const [property, spec] of Object.entries(columns) as [string, ColumnSpec][]) {
    const { primary, ...options } = spec;
    (primary ? PrimaryColumn({ ...options, nullable: false }) : Column(options))(entityClass.prototype as object, property);
  }
  Entity({ name: table })(entityClass);
}
