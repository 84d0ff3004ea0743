import { paginate, type Connection, type Resolvers } from '@talent-graph/platform';
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
     */
    aseAccreditedPrograms: (state: StateRef, args: AccreditedProgramsArgs, ctx: AseContext): Promise<Connection<AccreditationEntity>> => {
      const qb = ctx.db
        .getRepository(AccreditationEntity)
        .createQueryBuilder('acc')
        .where('acc.stateCode = :stateCode', { stateCode: state.code })
        .andWhere('NOT EXISTS (SELECT 1 FROM accreditation newer WHERE newer.program_id = acc.program_id AND newer.accredited_on > acc.accredited_on)');
      if (args.currentOnly !== false) {
        // In force today: granted, not yet lapsed (rules/accreditation.ts, as SQL).
        qb.andWhere('acc.accreditedOn <= :today AND acc.expiresOn > :today', { today: ctx.clock.today() });
      }
      return paginate(qb, { first: args.first, after: args.after }, { column: 'acc.programId', property: 'programId', direction: 'ASC' }, 'acc.id');
    },
  },
} satisfies Resolvers<Loaders>;
