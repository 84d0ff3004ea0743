import type { Resolvers } from '@talent-graph/platform';
import type { AseTestEntity } from '../entities/AseTestEntity.ts';
import type { CertificationEntity } from '../entities/CertificationEntity.ts';
import type { Loaders } from '../loaders.ts';
import { experienceRequirementMet, recertificationOpensOn } from '../rules/certification.ts';
import type { AseContext } from './context.ts';

async function testOf(cert: CertificationEntity, ctx: AseContext): Promise<AseTestEntity> {
  const test = await ctx.loaders.testByCode.load(cert.testCode);
  // The foreign key makes this impossible; if it happens it is a bug, masked as INTERNAL.
  if (!test) throw new Error(`certification ${cert.id} refers to unknown test ${cert.testCode}`);
  return test;
}

export const aseCertificationResolvers = {
  AseCertification: {
    // The gateway sends hundreds of wallet ids at once: one statement through the loader.
    __resolveReference: (ref: { id: string }, ctx: AseContext) => ctx.loaders.certificationById.load(ref.id),

    test: (cert: CertificationEntity, _args: unknown, ctx: AseContext) => testOf(cert, ctx),

    experienceMonthsCredited: (cert: CertificationEntity) => cert.experienceMonthsCredited,

    experienceRequirementMet: async (cert: CertificationEntity, _args: unknown, ctx: AseContext) => experienceRequirementMet(await testOf(cert, ctx), cert.experienceMonthsCredited),

    recertificationOpensOn: (cert: CertificationEntity) => recertificationOpensOn(cert.expiresOn),

    renewalOf: (cert: CertificationEntity, _args: unknown, ctx: AseContext) => (cert.renewalOf ? ctx.loaders.certificationById.load(cert.renewalOf) : null),
  },
} satisfies Resolvers<Loaders>;
