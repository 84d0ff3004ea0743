import { decodeCursor, encodeCursor, pageSize, selectEntities, selectRows, type Connection, type PageArgs } from '@talent-graph/platform';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
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

/**
 * The platform's `paginate` over plain SQL, with its cursors, page size rule and errors: on a
 * state dashboard building the QueryBuilder and hydrating the page cost more than both statements.
 * `conditions` are on the table aliased `t`.
 */
async function byNamePage<T extends ObjectLiteral & { id: string; name: string }>(
  db: DataSource,
  target: EntityTarget<T>,
  conditions: string[],
  parameters: Record<string, unknown>,
  page: PageArgs,
): Promise<Connection<T>> {
  const size = pageSize(page.first);
  const table = db.getMetadata(target).tableName;
  const where = (list: string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');
  const [count] = await selectRows<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM "${table}" t ${where(conditions)}`, parameters);
  // PostgreSQL returns COUNT as a bigint string.
  const totalCount = Number(count!.n);
  const pageConditions = [...conditions];
  if (page.after) {
    const [name, id] = decodeCursor(page.after);
    pageConditions.push('(t.name > :cursorValue OR (t.name = :cursorValue AND t.id > :cursorId))');
    Object.assign(parameters, { cursorValue: name, cursorId: id });
  }
  const rows = size === 0 ? [] : await selectEntities(db, target, `t ${where(pageConditions)} ORDER BY t.name ASC, t.id ASC LIMIT ${size + 1}`, parameters);
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node.name, node.id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null }, totalCount };
}

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
  return byNamePage(db, School, conditions, parameters, page);
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
  return byNamePage(db, Shop, conditions, parameters, page);
}

/** State codes are USPS codes; `oh` means OH. */
export function normalizeStateCode(code: string | null | undefined): string | null {
  return code ? code.trim().toUpperCase() : null;
}
