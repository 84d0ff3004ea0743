import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Caller, Role } from './caller.ts';
import { badInput } from './errors.ts';

/**
 * Cursor connections with keyset pagination: the cursor carries the sort value and the id of the
 * last row, so a page never skips or repeats rows when others are inserted meanwhile.
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface SortKey {
  /** SQL expression, e.g. `job.postedOn`. */
  column: string;
  /** Entity property holding the sort value, e.g. `postedOn`. */
  property: string;
  direction: 'ASC' | 'DESC';
}

export const DEFAULT_MAX_PAGE_SIZE = 100;

/**
 * Largest page of a bulk-export field (today `Query.jobs`) for the roles that export data in
 * bulk: analysts and partner admins read whole pages of public data into their own tools, and
 * pay for it within their larger cost budget at the gateway (gateway/src/plugins/limits.ts).
 */
export const BULK_MAX_PAGE_SIZE = 5000;
export const BULK_EXPORT_ROLES: readonly Role[] = ['analyst', 'partner_admin'];

/** The largest `first` a caller may ask of a bulk-export field. */
export function bulkPageSizeFor(caller: Caller): number {
  return caller.roles.some((role) => BULK_EXPORT_ROLES.includes(role)) ? BULK_MAX_PAGE_SIZE : DEFAULT_MAX_PAGE_SIZE;
}

type CursorValue = string | number;

export function encodeCursor(sortValue: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string, argName = 'after'): [CursorValue, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput([{ field: argName, message: 'is not a cursor returned by this field' }]);
}

/** Validates `first`; returns the page size to use. */
export function pageSize(first: number | null | undefined, max = DEFAULT_MAX_PAGE_SIZE, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw badInput([{ field: 'first', message: `must be an integer from 0 to ${max}` }]);
  }
  return n;
}

/**
 * Runs one page of `qb` (already filtered) in two statements: a count and the page itself.
 * `idColumn` breaks ties between equal sort values.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  sort: SortKey,
  idColumn: string,
  maxPageSize = DEFAULT_MAX_PAGE_SIZE,
): Promise<Connection<T>> {
  const size = pageSize(args.first, maxPageSize);
  const totalCount = await qb.clone().getCount();
  const page = qb.clone();
  if (args.after) {
    const { condition, parameters } = afterCursor(args.after, sort, idColumn);
    page.andWhere(condition, parameters);
  }
  const rows = size === 0 ? [] : await page.orderBy(sort.column, sort.direction).addOrderBy(idColumn, sort.direction).take(size + 1).getMany();
  return keysetConnection(rows, size, sort, totalCount);
}

/** The cursor condition after `after` on `sort` then `idColumn`, with its parameters. */
export function afterCursor(after: string, sort: SortKey, idColumn: string): { condition: string; parameters: { cursorValue: CursorValue; cursorId: string } } {
  const [value, id] = decodeCursor(after);
  const op = sort.direction === 'ASC' ? '>' : '<';
  return { condition: `(${sort.column} ${op} :cursorValue OR (${sort.column} = :cursorValue AND ${idColumn} ${op} :cursorId))`, parameters: { cursorValue: value, cursorId: id } };
}

/** A page from up to size + 1 rows read past the cursor (the extra row only says there is a next page). */
export function keysetConnection<T extends ObjectLiteral & { id: string }>(rows: readonly T[], size: number, sort: Pick<SortKey, 'property'>, totalCount: number): Connection<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node[sort.property] as CursorValue, node.id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null }, totalCount };
}

/** A connection over a list already in memory (small, bounded lists). */
export function connectionFromArray<T extends { id: string }>(items: T[], args: PageArgs, sortValue: (item: T) => CursorValue, maxPageSize = DEFAULT_MAX_PAGE_SIZE): Connection<T> {
  const size = pageSize(args.first, maxPageSize);
  let start = 0;
  if (args.after) {
    const [, id] = decodeCursor(args.after);
    const index = items.findIndex((item) => item.id === id);
    start = index < 0 ? items.length : index + 1;
  }
  const nodes = items.slice(start, start + size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortValue(node), node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: start + size < items.length, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
    totalCount: items.length,
  };
}
