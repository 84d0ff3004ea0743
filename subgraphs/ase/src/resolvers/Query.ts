import type { Resolvers } from '@talent-graph/platform';
import { AseTestEntity } from '../entities/AseTestEntity.ts';
import type { Loaders } from '../loaders.ts';
import type { AseSeries } from '../rules/catalogue.ts';
import type { AseContext } from './context.ts';

export const queryResolvers = {
  Query: {
    aseTests: (_root: unknown, args: { series?: AseSeries | null }, ctx: AseContext): Promise<AseTestEntity[]> =>
      ctx.db.getRepository(AseTestEntity).find({ where: args.series ? { series: args.series } : {}, order: { position: 'ASC' } }),
  },
} satisfies Resolvers<Loaders>;
