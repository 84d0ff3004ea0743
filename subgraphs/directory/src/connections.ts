import { paginateRows, type Connection, type PageArgs } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { School } from './entities/School.ts';
import { Shop } from './entities/Shop.ts';

/**
 * The directory's keyset connections: schools and shops by name, ties broken by id. Two
 * statements per page (count and page) whatever the page size.
 */
export interface SchoolFilter {
  stateCode?: string | null;
  discipline?: string | null;
}

/** Schools and shops by name, ties by id, in plain SQL (`paginateRows`): conditions are on `t`. */
const BY_NAME = { column: 't.name', property: 'name', direction: 'ASC' } as const;

export function schoolConnection(db: DataSource, filter: SchoolFilter, page: PageArgs): Promise<Connection<School>> {
  const conditions: string[] = [];
  const parameters: Record<string, unknown> = {};
  if (filter.stateCode) {
    conditions.push('t.state_code = :stateCode');
    parameters.stateCode = filter.stateCode;
  }
  if (filter.discipline) {
    // A school matches when it runs at least one program in the discipline.
    conditions.push('EXISTS (SELECT 1 FROM "program" program WHERE program.school_id = t.id AND program.discipline = :discipline)');
    parameters.discipline = filter.discipline;
  }
  return paginateRows(db, School, 't', conditions, parameters, page, BY_NAME, 't.id');
}

export interface ShopFilter {
  stateCode?: string | null;
  type?: string | null;
}

export function shopConnection(db: DataSource, filter: ShopFilter, page: PageArgs): Promise<Connection<Shop>> {
  const conditions: string[] = [];
  const parameters: Record<string, unknown> = {};
  if (filter.stateCode) {
    conditions.push('t.state_code = :stateCode');
    parameters.stateCode = filter.stateCode;
  }
  if (filter.type) {
    conditions.push('t.type = :type');
    parameters.type = filter.type;
  }
  return paginateRows(db, Shop, 't', conditions, parameters, page, BY_NAME, 't.id');
}

/** State codes are USPS codes; `oh` means OH. */
export function normalizeStateCode(code: string | null | undefined): string | null {
  return code ? code.trim().toUpperCase() : null;
}
