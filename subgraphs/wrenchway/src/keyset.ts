import { decodeCursor, encodeCursor, pageSize, type Connection, type PageArgs } from '@talent-graph/platform';

/**
 * Keyset pages over rows already loaded and sorted newest first (postedOn desc, id desc), for the
 * batched loaders and the exact ZIP + radius search. Same cursor format as the kit's `paginate`
 * ([postedOn, id]), so a cursor from one path works on the other, and like `paginate` the page
 * starts strictly after the cursor's position, even when that row no longer exists.
 */
export interface Dated {
  id: string;
  postedOn: string;
}

/** Newest first: postedOn desc, then id desc. */
export function newestFirst(a: Dated, b: Dated): number {
  if (a.postedOn !== b.postedOn) return a.postedOn < b.postedOn ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** A validated page request: `first` in range, `after` decoded (BAD_USER_INPUT otherwise). */
export interface PageRequest {
  size: number;
  after: { postedOn: string; id: string } | null;
}

export function pageRequest(args: PageArgs, maxPageSize?: number): PageRequest {
  const size = pageSize(args.first, maxPageSize);
  if (!args.after) return { size, after: null };
  const [value, id] = decodeCursor(args.after);
  return { size, after: { postedOn: String(value), id } };
}

/** True when `row` comes after the cursor position in newest-first order. */
export function isAfter(row: Dated, after: PageRequest['after']): boolean {
  if (!after) return true;
  return row.postedOn < after.postedOn || (row.postedOn === after.postedOn && row.id < after.id);
}

/** One page of `sorted` (newest first); `totalCount` is given when the caller counted otherwise. */
export function keysetPage<T extends Dated>(sorted: readonly T[], request: PageRequest, totalCount = sorted.length): Connection<T> {
  const rest = sorted.filter((row) => isAfter(row, request.after));
  const nodes = rest.slice(0, request.size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.postedOn, node.id), node }));
  return { edges, pageInfo: { hasNextPage: rest.length > request.size, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null }, totalCount };
}
