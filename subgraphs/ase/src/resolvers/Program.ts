import type { Resolvers } from '@talent-graph/platform';
import type { AccreditationEntity } from '../entities/AccreditationEntity.ts';
import type { Loaders } from '../loaders.ts';
import type { AseContext } from './context.ts';

interface ProgramRef {
  id: string;
}

export const programResolvers = {
  Program: {
    __resolveReference: (ref: ProgramRef) => ref,

    // A program's accreditations come latest first; a renewal supersedes the old one.
    aseAccreditation: async (program: ProgramRef, _args: unknown, ctx: AseContext): Promise<AccreditationEntity | null> =>
      (await ctx.loaders.accreditationsByProgram()).get(program.id)?.[0] ?? null,
  },
} satisfies Resolvers<Loaders>;
