import { canReadPrivate, forbidden, isSelfOrGuardian, type DataRecord, type Resolvers } from '@talent-graph/platform';
import type { CertificationEntity } from '../entities/CertificationEntity.ts';
import type { Loaders } from '../loaders.ts';
import { certificationStatus } from '../rules/certification.ts';
import type { AseContext } from './context.ts';

/** The directory owns MyData and decides who may ask; ase adds what it keeps about the person. */
interface MyDataRef {
  personId: string;
}

const record = (kind: string, id: string, summary: string, recordedAt: string | null): DataRecord => ({ subgraph: 'ase', kind, id, summary, recordedAt });

/**
 * The candidate numbers found on a person's certifications (normally one), each with the day it
 * was first seen: the earliest certification carrying it.
 */
function candidateNumbers(certs: readonly CertificationEntity[]): { candidateId: string; since: string }[] {
  const since = new Map<string, string>();
  for (const cert of certs) {
    const seen = since.get(cert.candidateId);
    if (seen === undefined || cert.earnedOn < seen) since.set(cert.candidateId, cert.earnedOn);
  }
  return [...since].map(([candidateId, first]) => ({ candidateId, since: first })).sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.candidateId < b.candidateId ? -1 : 1));
}

export const myDataResolvers = {
  MyData: {
    __resolveReference: (ref: MyDataRef) => ref,

    /**
     * Every row ase keeps about the person: the `certification` table is the only one keyed by a
     * person (person_id); its `candidate_id` column, ASE's internal candidate number that the graph
     * never otherwise exposes, is listed once per distinct value. The other tables (ase_test,
     * shop_service_area, accreditation) hold nothing about a person.
     */
    ase: async ({ personId }: MyDataRef, _args: unknown, ctx: AseContext): Promise<DataRecord[]> => {
      // Defence in depth: the directory already checked (with its guardianship table); check again
      // on what this subgraph can see, the caller's token.
      if (!canReadPrivate(ctx.caller, personId, 'ase') && !isSelfOrGuardian(ctx.caller, personId)) {
        throw forbidden('You may see only your own data, or a minor’s in your care');
      }
      const certs = await ctx.loaders.certificationsByPerson.load(personId);
      const tests = await ctx.loaders.testByCode.loadMany([...new Set(certs.map((c) => c.testCode))]);
      const testName = new Map<string, string>();
      for (const test of tests) if (test && !(test instanceof Error)) testName.set(test.code, test.name);
      const today = ctx.clock.today();
      return [
        ...candidateNumbers(certs).map(({ candidateId, since }) => record('CandidateNumber', candidateId, `ASE candidate number ${candidateId}`, since)),
        ...certs.map((cert) => {
          const name = testName.get(cert.testCode);
          const status = certificationStatus(cert, today) === 'CURRENT' ? 'current' : 'expired';
          const renewal = cert.renewalOf ? `, renews ${cert.renewalOf}` : '';
          return record(
            'Certification',
            cert.id,
            `${cert.testCode}${name ? ` ${name}` : ''}, earned ${cert.earnedOn}, ${status} (lapses ${cert.expiresOn}), ${cert.experienceMonthsCredited} months' experience credited${renewal}`,
            cert.earnedOn,
          );
        }),
      ];
    },
  },
} satisfies Resolvers<Loaders>;
