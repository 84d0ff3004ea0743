import type { Resolvers } from '@talent-graph/platform';
import type { CertificationEntity } from '../entities/CertificationEntity.ts';
import type { Loaders } from '../loaders.ts';
import { certificationStatus, currentTestCodes } from '../rules/certification.ts';
import { masterStatuses } from '../rules/master.ts';
import type { AseContext } from './context.ts';

/** The directory owns Person; ase resolves its own fields from the reference's id. */
interface PersonRef {
  id: string;
}

async function currentCodes(person: PersonRef, ctx: AseContext): Promise<string[]> {
  return currentTestCodes(await ctx.loaders.certificationsByPerson.load(person.id), ctx.clock.today());
}

export const personResolvers = {
  Person: {
    __resolveReference: (ref: PersonRef) => ref,

    // Credentials are public (they are what an employer looks for); no caller check.
    aseCertifications: async (person: PersonRef, args: { includeExpired?: boolean | null }, ctx: AseContext): Promise<CertificationEntity[]> => {
      const certs = await ctx.loaders.certificationsByPerson.load(person.id);
      if (args.includeExpired) return certs;
      const today = ctx.clock.today();
      return certs.filter((cert) => certificationStatus(cert, today) === 'CURRENT');
    },

    // wrenchway @requires this list for job matching and pay tiers; Entry-Level codes are included.
    aseCurrentTestCodes: (person: PersonRef, _args: unknown, ctx: AseContext) => currentCodes(person, ctx),

    aseMasterStatuses: async (person: PersonRef, _args: unknown, ctx: AseContext) => masterStatuses(await currentCodes(person, ctx)),

    aseCandidateId: async (person: PersonRef, _args: unknown, ctx: AseContext): Promise<string | null> => {
      const certs = await ctx.loaders.certificationsByPerson.load(person.id);
      return certs[0]?.candidateId ?? null;
    },
  },
} satisfies Resolvers<Loaders>;
