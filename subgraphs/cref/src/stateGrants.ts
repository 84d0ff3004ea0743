import { paginateRows, type Connection, type PageArgs } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { BenchmarkGrant } from './entities/BenchmarkGrant.ts';

/**
 * A state's Benchmark grants, newest first, as a keyset connection: the same two statements and
 * the same pages as the platform's `paginate` over a query builder, in plain SQL (`paginateRows`).
 * Every state dashboard asks for this page, and TypeORM's query building and entity hydration
 * cost more than the statements themselves.
 */
export function stateGrantPage(db: DataSource, stateCode: string, year: number | null, args: PageArgs): Promise<Connection<BenchmarkGrant>> {
  const conditions = year === null ? ['t.state_code = :stateCode'] : ['t.state_code = :stateCode', 't.year = :year'];
  return paginateRows(db, BenchmarkGrant, 't', conditions, { stateCode, year }, args, { column: 't.awarded_on', property: 'awardedOn', direction: 'DESC' }, 't.id');
}
