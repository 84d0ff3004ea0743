import { Column, Entity, PrimaryColumn, type ColumnOptions } from 'typeorm';

/** A column: TypeORM's own options with an explicit type and column name, and whether it is (part of) the primary key. */
export type ColumnSpec = ColumnOptions & { type: NonNullable<ColumnOptions['type']>; name: string; primary?: boolean };

/**
 * Maps a plain class to a table by calling TypeORM's decorator functions (@Entity, @Column,
 * @PrimaryColumn) with their legacy (experimentalDecorators) signature.
 *
 * Why not `@Column` syntax: mocha and the scripts run tsx from the repository root, whose
 * tsconfig.json is a solution file that includes no source file, so tsx compiles `@` as TC39
 * decorators there and TypeORM cannot read them. These calls mean the same in every mode. The
 * Record type makes every property of the class be mapped.
 */
export function mapEntity<T>(entityClass: new () => T, table: string, columns: Record<keyof T & string, ColumnSpec>): void {
  for (const [property, spec] of Object.entries(columns) as [string, ColumnSpec][]) {
    const { primary, ...options } = spec;
    (primary ? PrimaryColumn({ ...options, nullable: false }) : Column(options))(entityClass.prototype as object, property);
  }
  Entity({ name: table })(entityClass);
}

/** Shorthands for the portable column types used here. */
export const id = (name: string, primary = false): ColumnSpec => ({ name, type: 'varchar', length: 40, primary });
export const varchar = (name: string, length: number, nullable = false): ColumnSpec => ({ name, type: 'varchar', length, nullable });
export const integer = (name: string): ColumnSpec => ({ name, type: 'integer' });
export const boolean = (name: string): ColumnSpec => ({ name, type: 'boolean' });
