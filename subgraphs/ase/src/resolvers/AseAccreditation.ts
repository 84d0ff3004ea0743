import type { Resolvers } from '@talent-graph/platform';
import type { AccreditationEntity } from '../entities/AccreditationEntity.ts';
import type { Loaders } from '../loaders.ts';
import { accreditationStatus } from '../rules/accreditation.ts';
import type { AseContext } from './context.ts';

export const aseAccreditationResolvers = {
  AseAccreditation: {
    // A Program reference: the gateway fetches its directory fields from there.
    program: (accreditation: AccreditationEntity) => ({ id: accreditation.programId }),
    status: (accreditation: AccreditationEntity, _args: unknown, ctx: AseContext) => accreditationStatus(accreditation, ctx.clock.today()),
  },
} satisfies Resolvers<Loaders>;
