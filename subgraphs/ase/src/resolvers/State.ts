import { paginateRows, type Connection, type Resolvers } from '@talent-graph/platform';
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
     * In plain SQL (`paginateRows`: a count, then the page): the QueryBuilder `paginate` takes
     * cost more to build than both statements.
     */
    aseAccreditedPrograms: async (state: StateRef, args: AccreditedProgramsArgs, ctx: AseContext): Promise<Connection<AccreditationEntity>> => {
      const conditions = ['acc.state_code = :stateCode', 'NOT EXISTS (SELECT 1 FROM "accreditation" newer WHERE newer.program_id = acc.program_id AND newer.accredited_on > acc.accredited_on)'];
      const parameters: Record<string, unknown> = { stateCode: state.code };
      if (args.currentOnly !== false) {
        // In force today: granted, not yet lapsed (rules/accreditation.ts, as SQL).
        conditions.push('acc.accredited_on <= :today', 'acc.expires_on > :today');
        parameters.today = ctx.clock.today();
      }
      return paginateRows(ctx.db, AccreditationEntity, 'acc', conditions, parameters, args, { column: 'acc.program_id', property: 'programId', direction: 'ASC' }, 'acc.id');
    },
  },
} satisfies Resolvers<Loaders>;
