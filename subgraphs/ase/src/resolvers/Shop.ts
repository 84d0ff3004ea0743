import type { Resolvers } from '@talent-graph/platform';
import type { BlueSealCertification, Loaders } from '../loaders.ts';
import { blueSealStatus, type BlueSealStatus } from '../rules/blueSeal.ts';
import type { AseContext } from './context.ts';

/** The directory owns Shop and its technicians; the gateway passes `technicianIds` (@requires). */
interface ShopRef {
  id: string;
  technicianIds?: string[] | null;
}

function unwrap<T>(results: (T | Error)[]): T[] {
  return results.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}

export const shopResolvers = {
  Shop: {
    __resolveReference: (ref: ShopRef) => ref,

    aseBlueSeal: async (shop: ShopRef, _args: unknown, ctx: AseContext): Promise<BlueSealStatus> => {
      // Without the required field the answer would be wrong, not empty: a contract bug.
      if (!Array.isArray(shop.technicianIds)) throw new Error(`Shop ${shop.id}: aseBlueSeal resolved without technicianIds (@requires)`);
      const technicianIds = [...new Set(shop.technicianIds)];
      // Every shop of the operation asks in the same tick: one statement for all their
      // technicians' certifications that can count (with each test's Entry-Level flag joined in),
      // one for all service areas.
      const [serviceAreas, certLists] = await Promise.all([
        ctx.loaders.serviceAreasByShop.load(shop.id),
        ctx.loaders.blueSealCertificationsByPerson.loadMany(technicianIds).then(unwrap<BlueSealCertification[]>),
      ]);
      // Read after the load: never earlier than the day the loader filtered lapsed rows on.
      const today = ctx.clock.today();
      return blueSealStatus({
        technicians: technicianIds.map((technicianId, i) => ({
          technicianId,
          // The loader left Entry-Level certifications out.
          certifications: certLists[i]!.map((c) => ({ testCode: c.testCode, entryLevel: false, earnedOn: c.earnedOn, expiresOn: c.expiresOn })),
        })),
        serviceAreas: serviceAreas.map((a) => a.testCode),
        today,
      });
    },
  },
} satisfies Resolvers<Loaders>;
