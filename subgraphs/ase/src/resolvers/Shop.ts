import type { Resolvers } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';
import { blueSealStanding, type BlueSealStatus } from '../rules/blueSeal.ts';
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
      // Every shop of the operation asks in the same tick: one statement for what all their
      // technicians hold; the service areas come from the process's copy of the table.
      const [serviceAreas, heldCodes] = await Promise.all([ctx.loaders.serviceAreasByShop(), ctx.loaders.heldCodesByPerson.loadMany(technicianIds).then(unwrap<string[]>)]);
      return blueSealStanding({
        technicians: technicianIds.map((technicianId, i) => ({ technicianId, heldCodes: heldCodes[i]! })),
        serviceAreas: serviceAreas.get(shop.id) ?? [],
      });
    },
  },
} satisfies Resolvers<Loaders>;
