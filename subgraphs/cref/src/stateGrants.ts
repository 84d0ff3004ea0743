import { decodeCursor, encodeCursor, pageSize, type Connection, type PageArgs } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import type { BenchmarkGrant } from './entities/BenchmarkGrant.ts';

/**
 * A state's Benchmark grants, newest first, as a keyset connection: the same two statements and
 * the same pages as the platform's `paginate` over a query builder, in plain SQL with columns
 * aliased to the property names. Every state dashboard asks for this page, and TypeORM's query
 * building and entity hydration cost more than the statements themselves.
 */
const COLUMNS = `id, school_id AS "schoolId", state_code AS "stateCode", year, amount_usd AS "amountUsd", awarded_on AS "awardedOn", purpose`;

export async function stateGrantPage(db: DataSource, stateCode: string, year: number | null, args: PageArgs): Promise<Connection<BenchmarkGrant>> {
  const size = pageSize(args.first);
  const filter = year === null ? 'state_code = :stateCode' : 'state_code = :stateCode AND year = :year';
  const query = async <T>(sql: string, parameters: Record<string, unknown>) => {
    const [text, values] = db.driver.escapeQueryWithParameters(sql, { stateCode, year, ...parameters });
    return (await db.query(text, values)) as T[];
  };
  // PostgreSQL returns COUNT as a bigint string.
  const [counted] = await query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM benchmark_grant WHERE ${filter}`, {});
  const totalCount = Number(counted!.n);
  let after = '';
  let cursor = {};
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    after = ' AND (awarded_on < :cursorValue OR (awarded_on = :cursorValue AND id < :cursorId))';
    cursor = { cursorValue: value, cursorId: id };
  }
  const rows = size === 0 ? [] : await query<BenchmarkGrant>(`SELECT ${COLUMNS} FROM benchmark_grant WHERE ${filter}${after} ORDER BY awarded_on DESC, id DESC LIMIT ${size + 1}`, cursor);
  const nodes = rows.slice(0, size).map((g) => ({ ...g, year: Number(g.year), amountUsd: Number(g.amountUsd) }));
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.awardedOn, node.id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null }, totalCount };
}
