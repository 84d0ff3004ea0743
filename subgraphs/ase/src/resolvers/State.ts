import { decodeCursor, encodeCursor, pageSize, selectEntities, selectRows, type Connection, type Resolvers } from '@talent-graph/platform';
import { AccreditationEntity } from '../entities/AccreditationEntity.ts';
import type { Loaders } from '../loaders.ts';
import type { AseContext } from './context.ts';

interface StateRef {
  code: string;
}

interface AccreditedProgramsArgs {
  first?: number | null;
  after?: string | null;
  currentOnly?: boolean | null;
}

export const stateResolvers = {
  State: {
    __resolveReference: (ref: StateRef) => ref,

    /**
     * One entry per program: its latest accreditation (a renewal supersedes the one it renews),
     * keyset-paginated by program id. `currentOnly` keeps those in force today.
     *
     * The platform's `paginate` over plain SQL (a count, then the page), with its cursors, page
     * size rule and errors: the QueryBuilder it takes cost more to build than both statements.
     */
    aseAccreditedPrograms: async (state: StateRef, args: AccreditedProgramsArgs, ctx: AseContext): Promise<Connection<AccreditationEntity>> => {
      const size = pageSize(args.first);
      const parameters: Record<string, unknown> = { stateCode: state.code };
      let where = `WHERE acc.state_code = :stateCode AND NOT EXISTS (SELECT 1 FROM "accreditation" newer WHERE newer.program_id = acc.program_id AND newer.accredited_on > acc.accredited_on)`;
      if (args.currentOnly !== false) {
        // In force today: granted, not yet lapsed (rules/accreditation.ts, as SQL).
        where += ' AND acc.accredited_on <= :today AND acc.expires_on > :today';
        parameters.today = ctx.clock.today();
      }
      const [count] = await selectRows<{ n: number | string }>(ctx.db, `SELECT COUNT(*) AS n FROM "accreditation" acc ${where}`, parameters);
      // PostgreSQL returns COUNT as a bigint string.
      const totalCount = Number(count!.n);
      if (args.after) {
        const [programId, id] = decodeCursor(args.after);
        where += ' AND (acc.program_id > :cursorValue OR (acc.program_id = :cursorValue AND acc.id > :cursorId))';
        Object.assign(parameters, { cursorValue: programId, cursorId: id });
      }
      const rows = size === 0 ? [] : await selectEntities(ctx.db, AccreditationEntity, `acc ${where} ORDER BY acc.program_id ASC, acc.id ASC LIMIT ${size + 1}`, parameters);
      const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node.programId, node.id), node }));
      return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null }, totalCount };
    },
  },
} satisfies Resolvers<Loaders>;
