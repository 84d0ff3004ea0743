import { paginate, type Connection, type PageArgs } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { Program } from './entities/Program.ts';
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

export function schoolConnection(db: DataSource, filter: SchoolFilter, page: PageArgs): Promise<Connection<School>> {
  const qb = db.getRepository(School).createQueryBuilder('school');
  if (filter.stateCode) qb.andWhere('school.stateCode = :stateCode', { stateCode: filter.stateCode });
  if (filter.discipline) {
    // A school matches when it runs at least one program in the discipline.
    const offers = qb.subQuery().select('1').from(Program, 'program').where('program.schoolId = school.id').andWhere('program.discipline = :discipline').getQuery();
    qb.andWhere(`EXISTS ${offers}`, { discipline: filter.discipline });
  }
  return paginate(qb, page, { column: 'school.name', property: 'name', direction: 'ASC' }, 'school.id');
}

export interface ShopFilter {
  stateCode?: string | null;
  type?: string | null;
}

export function shopConnection(db: DataSource, filter: ShopFilter, page: PageArgs): Promise<Connection<Shop>> {
  const qb = db.getRepository(Shop).createQueryBuilder('shop');
  if (filter.stateCode) qb.andWhere('shop.stateCode = :stateCode', { stateCode: filter.stateCode });
  if (filter.type) qb.andWhere('shop.type = :type', { type: filter.type });
  return paginate(qb, page, { column: 'shop.name', property: 'name', direction: 'ASC' }, 'shop.id');
}

/** State codes are USPS codes; `oh` means OH. */
export function normalizeStateCode(code: string | null | undefined): string | null {
  return code ? code.trim().toUpperCase() : null;
}
